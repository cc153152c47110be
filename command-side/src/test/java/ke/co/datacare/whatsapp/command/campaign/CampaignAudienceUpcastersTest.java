package ke.co.datacare.whatsapp.command.campaign;

import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.campaign.AudienceSpec;
import ke.co.datacare.whatsapp.api.campaign.CampaignAudienceResolved;
import ke.co.datacare.whatsapp.api.campaign.CampaignAudienceUploaded;
import ke.co.datacare.whatsapp.api.campaign.CampaignContent;
import ke.co.datacare.whatsapp.api.campaign.CampaignDraftUpdated;
import ke.co.datacare.whatsapp.api.campaign.CampaignDrafted;
import ke.co.datacare.whatsapp.api.campaign.CampaignId;
import ke.co.datacare.whatsapp.api.campaign.ExcludedEntry;
import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.command.upcasting.PayloadUpcaster;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Campaign audience events stored when they still held phone numbers read as contact ids (JSON fixtures of revision 1). */
class CampaignAudienceUpcastersTest {

    private static final CampaignId CAMPAIGN = CampaignId.of("00000000000000c1");
    private static final Instant AT = Instant.parse("2026-11-24T08:15:30Z");
    /** The ids the contact directory derives from 254711000001 and 254722333444. */
    private static final String FIRST = "0d4491ec-bac0-398b-aa86-f8dd96a84ba0";
    private static final String SECOND = "77188382-286f-32db-94ca-aeec91d7797c";

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().findAndRegisterModules()).build();

    private Object upcast(PayloadUpcaster upcaster, String fixture, SimpleSerializedType from,
                          SimpleSerializedType to) throws IOException {
        byte[] stored;
        try (InputStream json = getClass().getResourceAsStream("/upcasting/" + fixture)) {
            stored = json.readAllBytes();
        }
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Campaign", CAMPAIGN.value(), 4,
                "event-1", AT, from.getName(), from.getRevision(), stored, "{}".getBytes());
        List<IntermediateEventRepresentation> upcast = upcaster
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).toList();
        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType()).isEqualTo(to);
        return serializer.deserialize(upcast.get(0).getData());
    }

    @Test
    void an_upload_stored_with_phone_numbers_reads_as_the_contacts_derived_from_them() throws IOException {
        Object event = upcast(new CampaignAudienceUploadedUpcaster(), "CampaignAudienceUploaded-1.json",
                CampaignAudienceUploadedUpcaster.REVISION_1, CampaignAudienceUploadedUpcaster.REVISION_2);

        assertThat(event).isEqualTo(new CampaignAudienceUploaded(CAMPAIGN,
                List.of(ContactId.of(FIRST), ContactId.of(SECOND)), true, "agent-1", AT));
    }

    @Test
    void a_draft_stored_with_typed_phone_numbers_reads_as_their_contacts_in_order_and_counts_the_invalid_ones()
            throws IOException {
        CampaignDraftAudienceUpcaster upcaster = new CampaignDraftAudienceUpcaster(CampaignDrafted.class);
        Object event = upcast(upcaster, "CampaignDrafted-1.json", upcaster.from(), upcaster.to());

        assertThat(event).isEqualTo(new CampaignDrafted(CAMPAIGN, "December offer",
                new CampaignContent("december_offer", "en", List.of()), new AudienceSpec(List.of("vip"),
                List.of("9f757f18-5ab7-31db-86bc-19559eb0f113"), List.of(ContactId.of(FIRST), ContactId.of(SECOND)), 1),
                null, "agent-1", AT));
        assertThat(upcaster.to().getRevision()).isEqualTo("2");
    }

    @Test
    void an_updated_draft_stored_with_a_typed_phone_number_reads_as_its_contact() throws IOException {
        CampaignDraftAudienceUpcaster upcaster = new CampaignDraftAudienceUpcaster(CampaignDraftUpdated.class);
        Object event = upcast(upcaster, "CampaignDraftUpdated-1.json", upcaster.from(), upcaster.to());

        assertThat(event).isEqualTo(new CampaignDraftUpdated(CAMPAIGN, "December offer",
                new CampaignContent("december_offer", "en", List.of()),
                new AudienceSpec(List.of(), List.of(), List.of(ContactId.of(SECOND)), 0), null, "agent-1", AT));
    }

    @Test
    void excluded_entries_stored_as_phone_numbers_read_as_contact_ids_and_an_invalid_one_as_erased() throws IOException {
        Object event = upcast(new CampaignAudienceResolvedUpcaster(), "CampaignAudienceResolved-1.json",
                CampaignAudienceResolvedUpcaster.REVISION_1, CampaignAudienceResolvedUpcaster.REVISION_2);

        assertThat(event).isEqualTo(new CampaignAudienceResolved(CAMPAIGN, 5, 1, Map.of("DUPLICATE", 1,
                "INVALID_PHONE_NUMBER", 1, "NO_WHATSAPP_IDENTITY", 1, "OPTED_OUT", 1), List.of(
                new ExcludedEntry(FIRST, "DUPLICATE"), new ExcludedEntry("erased", "INVALID_PHONE_NUMBER"),
                new ExcludedEntry("9f757f18-5ab7-31db-86bc-19559eb0f113", "NO_WHATSAPP_IDENTITY"),
                new ExcludedEntry(SECOND, "OPTED_OUT")), AT));
    }
}
