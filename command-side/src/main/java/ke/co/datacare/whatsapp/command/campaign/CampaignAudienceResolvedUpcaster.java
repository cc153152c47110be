package ke.co.datacare.whatsapp.command.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ke.co.datacare.whatsapp.api.campaign.CampaignAudienceResolved;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@link CampaignAudienceResolved} revision 1 to 2: an excluded entry is named by contact id, never by phone number;
 * an old event's entries read through {@link OldAudienceEntries} (a number as its derived contact id, an invalid one
 * as "erased"). The stored payload keeps what it held.
 */
@Component
@Order(0)
class CampaignAudienceResolvedUpcaster extends SingleEventUpcaster {

    static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(CampaignAudienceResolved.class.getName(), "1");
    static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(CampaignAudienceResolved.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            payload.path("excludedEntries").forEach(entry ->
                    ((ObjectNode) entry).put("entry", OldAudienceEntries.withoutNumber(entry.path("entry").asText(null))));
            return payload;
        });
    }
}
