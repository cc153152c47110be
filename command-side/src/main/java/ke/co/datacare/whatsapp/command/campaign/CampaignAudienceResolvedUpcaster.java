package ke.co.datacare.whatsapp.command.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ke.co.datacare.whatsapp.api.campaign.CampaignAudienceResolved;
import ke.co.datacare.whatsapp.command.upcasting.PayloadUpcaster;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@link CampaignAudienceResolved} revision 1 to 2: an excluded entry is named by contact id, never by phone number;
 * an old event's entries read through {@link OldAudienceEntries} (a number as its derived contact id, an invalid one
 * as "erased"). The stored payload keeps what it held.
 */
@Component
@Order(0)
class CampaignAudienceResolvedUpcaster extends PayloadUpcaster {

    static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(CampaignAudienceResolved.class.getName(), "1");
    static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(CampaignAudienceResolved.class.getName(), "2");

    CampaignAudienceResolvedUpcaster() {
        super(REVISION_1, REVISION_2);
    }

    @Override
    protected JsonNode upcast(ObjectNode payload) {
        payload.path("excludedEntries").forEach(entry ->
                ((ObjectNode) entry).put("entry", OldAudienceEntries.withoutNumber(entry.path("entry").asText(null))));
        return payload;
    }
}
