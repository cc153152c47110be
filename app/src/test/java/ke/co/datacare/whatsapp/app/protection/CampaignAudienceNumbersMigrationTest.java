package ke.co.datacare.whatsapp.app.protection;

import ke.co.datacare.whatsapp.api.campaign.AudienceSpec;
import ke.co.datacare.whatsapp.api.campaign.CampaignAudienceResolved;
import ke.co.datacare.whatsapp.api.campaign.CampaignAudienceUploaded;
import ke.co.datacare.whatsapp.api.campaign.CampaignContent;
import ke.co.datacare.whatsapp.api.campaign.CampaignDraftUpdated;
import ke.co.datacare.whatsapp.api.campaign.CampaignDrafted;
import ke.co.datacare.whatsapp.api.campaign.CampaignId;
import ke.co.datacare.whatsapp.api.campaign.CampaignStarted;
import ke.co.datacare.whatsapp.api.campaign.ExcludedEntry;
import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Campaign events stored while they named an audience's phone numbers (revision 1) are rewritten in place by the
 * Flyway migration V174 to the contact ids the upcasters read them as: afterwards no stored payload holds one of the
 * numbers (nor does a dead letter of one), and the events read as before.
 */
class CampaignAudienceNumbersMigrationTest extends SignedInTest {

    private static final Instant AT = Instant.parse("2026-11-24T08:15:30Z");

    @Autowired
    private EventStore events;
    @Autowired
    private CampaignAudienceNumbersMigration migration;

    @Test
    void revision_1_campaign_events_are_rewritten_in_place_to_contact_ids_and_no_payload_holds_a_number_of_the_audience() {
        CampaignId campaign = CampaignId.fromUuid(UUID.randomUUID());
        String typed = number();
        String local = "0712 " + typed.substring(6);
        String uploaded = number();
        String excluded = number();
        String id = "\"campaignId\":\"" + campaign.value() + "\"";
        String content = "\"content\":{\"templateName\":\"december_offer\",\"language\":\"en\",\"bodyParameters\":[]}";
        storedBefore(campaign, CampaignDrafted.class, "1", "{" + id + ",\"name\":\"Old offer\"," + content
                + ",\"audience\":{\"tags\":[\"vip\"],\"contactIds\":[],\"phoneNumbers\":[\"+" + typed + "\",\"" + local
                + "\"]},\"by\":\"agent-1\",\"at\":\"" + AT + "\"}");
        storedBefore(campaign, CampaignAudienceUploaded.class, "1", "{" + id + ",\"phoneNumbers\":[\"" + uploaded
                + "\",\"" + excluded + "\"],\"append\":false,\"by\":\"agent-1\",\"at\":\"" + AT + "\"}");
        storedBefore(campaign, CampaignDraftUpdated.class, "1", "{" + id + ",\"name\":\"Old offer\"," + content
                + ",\"audience\":{\"tags\":[],\"contactIds\":[],\"phoneNumbers\":[\"" + typed + "\"]},\"by\":\"agent-1\","
                + "\"at\":\"" + AT + "\"}");
        storedBefore(campaign, CampaignStarted.class, "1", "{" + id + ",\"by\":\"agent-1\",\"at\":\"" + AT + "\"}");
        storedBefore(campaign, CampaignAudienceResolved.class, "1", "{" + id + ",\"entries\":3,\"recipients\":1,"
                + "\"excludedByReason\":{\"DUPLICATE\":1,\"OPTED_OUT\":1},\"excludedEntries\":[{\"entry\":\"" + typed
                + "\",\"reason\":\"DUPLICATE\"},{\"entry\":\"+" + excluded + "\",\"reason\":\"OPTED_OUT\"}],"
                + "\"at\":\"" + AT + "\"}");
        String deadLetter = UUID.randomUUID().toString();
        jdbc.update("insert into dead_letter_entry (dead_letter_id, processing_group, sequence_identifier, sequence_index, "
                        + "message_type, event_identifier, time_stamp, payload_type, payload_revision, payload, enqueued_at) "
                        + "values (?, 'no-such-group', ?, 0, 'DomainEventMessage', ?, ?, ?, '1', ?, ?)", deadLetter,
                campaign.value(), UUID.randomUUID().toString(), DateTimeUtils.formatInstant(AT),
                CampaignAudienceUploaded.class.getName(), ("{" + id + ",\"phoneNumbers\":[\"" + uploaded + "\"],"
                        + "\"append\":true,\"by\":\"agent-1\",\"at\":\"" + AT + "\"}").getBytes(),
                DateTimeUtils.formatInstant(AT));
        List<String> numbers = List.of(typed, local, uploaded, excluded);
        assertThat(numbers).allSatisfy(number -> assertThat(payloadsHolding(number)).isPositive());

        assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where version = '174' and success",
                Integer.class)).isEqualTo(1);
        migrate();

        assertThat(jdbc.queryForObject("select convert_from(payload, 'UTF8') || ' ' || payload_revision from "
                + "dead_letter_entry where dead_letter_id = ?", String.class, deadLetter))
                .doesNotContain(uploaded).contains(contactOf(uploaded).value()).endsWith(" 2");

        assertThat(numbers).allSatisfy(number -> assertThat(payloadsHolding(number)).as(number).isZero());
        assertThat(jdbc.queryForList("select payload_revision from domain_event_entry where aggregate_identifier = ? "
                + "order by sequence_number", String.class, campaign.value())).containsExactly("2", "2", "2", "1", "2");
        CampaignContent offer = new CampaignContent("december_offer", "en", List.of());
        assertThat(events.readEvents(campaign.value()).asStream().<Object>map(DomainEventMessage::getPayload).toList())
                .containsExactly(
                        new CampaignDrafted(campaign, "Old offer", offer, new AudienceSpec(List.of("vip"), List.of(),
                                List.of(contactOf(typed)), 1), null, "agent-1", AT),
                        new CampaignAudienceUploaded(campaign, List.of(contactOf(uploaded), contactOf(excluded)), false,
                                "agent-1", AT),
                        new CampaignDraftUpdated(campaign, "Old offer", offer, new AudienceSpec(List.of(), List.of(),
                                List.of(contactOf(typed)), 0), null, "agent-1", AT),
                        new CampaignStarted(campaign, "agent-1", AT),
                        new CampaignAudienceResolved(campaign, 3, 1, Map.of("DUPLICATE", 1, "OPTED_OUT", 1), List.of(
                                new ExcludedEntry(contactOf(typed).value(), "DUPLICATE"),
                                new ExcludedEntry(contactOf(excluded).value(), "OPTED_OUT")), AT));
        assertThat(rewrite()).as("a second run").isZero();
        jdbc.update("delete from dead_letter_entry where dead_letter_id = ?", deadLetter);
    }

    /** Runs the migration as Flyway does: over the event store and the dead letters, on one connection. */
    private void migrate() {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try {
                migration.migrate(new Context() {
                    @Override
                    public Configuration getConfiguration() {
                        return null;
                    }

                    @Override
                    public Connection getConnection() {
                        return connection;
                    }
                });
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }

    private int rewrite() {
        return jdbc.execute((ConnectionCallback<Integer>) connection -> {
            try {
                return migration.rewrite(connection, "domain_event_entry", "global_index");
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String number() {
        return "2547" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
    }

    private static ContactId contactOf(String waId) {
        return ContactId.derivedFrom("wa_id:" + waId);
    }

    private int payloadsHolding(String number) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where position(convert_to(?, 'UTF8') "
                + "in payload) > 0", Integer.class, number);
    }

    /** Appends a payload to the campaign's stream as it was stored under an earlier revision. */
    private void storedBefore(CampaignId campaign, Class<?> type, String revision, String payload) {
        Integer last = jdbc.queryForObject("select max(sequence_number) from domain_event_entry "
                + "where aggregate_identifier = ?", Integer.class, campaign.value());
        jdbc.update("insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, "
                        + "time_stamp, payload_type, payload_revision, payload, meta_data) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(), campaign.value(), last == null ? 0 : last + 1, "Campaign",
                DateTimeUtils.formatInstant(AT), type.getName(), revision, payload.getBytes(), "{}".getBytes());
    }
}
