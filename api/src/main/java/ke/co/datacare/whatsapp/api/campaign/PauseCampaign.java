package ke.co.datacare.whatsapp.api.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Stop dispatching a running campaign until it is resumed; {@code reason} is null when a user pauses. */
public record PauseCampaign(@TargetAggregateIdentifier CampaignId campaignId, String reason, String by, Instant at) {
}
