package ke.co.datacare.whatsapp.command.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ke.co.datacare.whatsapp.api.campaign.CampaignAudienceUploaded;
import ke.co.datacare.whatsapp.command.upcasting.PayloadUpcaster;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@link CampaignAudienceUploaded} revision 1 to 2: {@code phoneNumbers} became {@code contactIds} (numbers are
 * registered as contacts at the upload now); an old event's numbers read as their derived contact ids
 * ({@link OldAudienceEntries}), a value that is not a number is left out. The stored payload keeps the numbers.
 */
@Component
@Order(0)
class CampaignAudienceUploadedUpcaster extends PayloadUpcaster {

    static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(CampaignAudienceUploaded.class.getName(), "1");
    static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(CampaignAudienceUploaded.class.getName(), "2");

    CampaignAudienceUploadedUpcaster() {
        super(REVISION_1, REVISION_2);
    }

    @Override
    protected JsonNode upcast(ObjectNode payload) {
        ArrayNode contacts = payload.putArray("contactIds");
        payload.path("phoneNumbers").forEach(number -> {
            String contact = OldAudienceEntries.contactOfNumber(number.asText());
            if (contact != null) {
                contacts.add(contact);
            }
        });
        payload.remove("phoneNumbers");
        return payload;
    }
}
