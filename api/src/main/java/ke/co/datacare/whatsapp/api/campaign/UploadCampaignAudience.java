package ke.co.datacare.whatsapp.api.campaign;

import ke.co.datacare.whatsapp.api.common.ContactId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Give a draft the contacts of an uploaded list of phone numbers (registered first), replacing the previous upload or appended to it. */
public record UploadCampaignAudience(@TargetAggregateIdentifier CampaignId campaignId, List<ContactId> contactIds, boolean append, String by, Instant at) {
}
