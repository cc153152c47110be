package ke.co.datacare.whatsapp.api.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Record that every recipient of a running campaign was handed to the outbound path; {@code skippedOptedOut} opted out meanwhile. */
public record CompleteCampaign(@TargetAggregateIdentifier CampaignId campaignId, int queued, int skippedOptedOut, Instant at) {
}
