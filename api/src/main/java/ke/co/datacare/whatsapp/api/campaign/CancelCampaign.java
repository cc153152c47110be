package ke.co.datacare.whatsapp.api.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** End a campaign that has not completed; nobody else gets its message. */
public record CancelCampaign(@TargetAggregateIdentifier CampaignId campaignId, String by, Instant at) {
}
