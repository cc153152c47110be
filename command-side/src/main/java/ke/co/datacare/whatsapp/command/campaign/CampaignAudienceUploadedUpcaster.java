package ke.co.datacare.whatsapp.command.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ke.co.datacare.whatsapp.api.campaign.CampaignAudienceUploaded;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@link CampaignAudienceUploaded} revision 1 to 2: {@code phoneNumbers} became {@code contactIds} (numbers are
 * registered as contacts at the upload now); an old event's numbers read as their derived contact ids
 * ({@link OldAudienceEntries}), a value that is not a number is left out. The stored payload keeps the numbers.
 */
@Component
@Order(0)
class CampaignAudienceUploadedUpcaster extends SingleEventUpcaster {

    static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(CampaignAudienceUploaded.class.getName(), "1");
    static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(CampaignAudienceUploaded.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ObjectNode event = (ObjectNode) payload;
            ArrayNode contacts = event.putArray("contactIds");
            event.path("phoneNumbers").forEach(number -> {
                String contact = OldAudienceEntries.contactOfNumber(number.asText());
                if (contact != null) {
                    contacts.add(contact);
                }
            });
            event.remove("phoneNumbers");
            return event;
        });
    }
}
