package ke.co.datacare.whatsapp.api.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Record that dispatch waits: outside the send window or at the messaging limit, until about {@code until}. */
public record DeferCampaignDispatch(@TargetAggregateIdentifier CampaignId campaignId, String reason, Instant until, Instant at) {
}
