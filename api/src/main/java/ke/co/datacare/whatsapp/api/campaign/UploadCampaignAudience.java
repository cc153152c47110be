package ke.co.datacare.whatsapp.api.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Give a draft the phone numbers of an uploaded list, replacing the previous upload or appended to it. */
public record UploadCampaignAudience(@TargetAggregateIdentifier CampaignId campaignId, List<String> phoneNumbers, boolean append, String by, Instant at) {
}
