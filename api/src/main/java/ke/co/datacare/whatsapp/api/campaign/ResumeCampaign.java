package ke.co.datacare.whatsapp.api.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Dispatch a paused campaign again. */
public record ResumeCampaign(@TargetAggregateIdentifier CampaignId campaignId, String by, Instant at) {
}
