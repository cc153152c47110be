package ke.co.datacare.whatsapp.command.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ke.co.datacare.whatsapp.api.campaign.CampaignDraftUpdated;
import ke.co.datacare.whatsapp.api.campaign.CampaignDrafted;
import ke.co.datacare.whatsapp.command.upcasting.PayloadUpcaster;
import org.axonframework.serialization.SimpleSerializedType;

/**
 * {@link CampaignDrafted} and {@link CampaignDraftUpdated} revision 1 to 2: the phone numbers typed into the audience
 * ({@code audience.phoneNumbers}) became {@code audience.phoneNumberContacts}, the contacts registered for them when
 * the draft is written. An old event's numbers read as their derived contact ids ({@link OldAudienceEntries}), in the
 * order typed, and the entries that are not phone numbers as their count ({@code invalidPhoneNumbers}), so the
 * audience has as many entries as before. One instance per event type ({@link CampaignConfiguration}).
 */
class CampaignDraftAudienceUpcaster extends PayloadUpcaster {

    CampaignDraftAudienceUpcaster(Class<?> event) {
        super(new SimpleSerializedType(event.getName(), "1"), new SimpleSerializedType(event.getName(), "2"));
    }

    @Override
    protected JsonNode upcast(ObjectNode payload) {
        if (payload.get("audience") instanceof ObjectNode audience) {
            ArrayNode contacts = audience.putArray("phoneNumberContacts");
            int invalid = 0;
            for (JsonNode number : audience.path("phoneNumbers")) {
                String contact = OldAudienceEntries.contactOfNumber(number.asText());
                if (contact == null) {
                    invalid++;
                } else {
                    contacts.add(contact);
                }
            }
            audience.remove("phoneNumbers");
            audience.put("invalidPhoneNumbers", invalid);
        }
        return payload;
    }
}
