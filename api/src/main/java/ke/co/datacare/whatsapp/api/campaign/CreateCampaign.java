package ke.co.datacare.whatsapp.api.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Create a campaign as a draft. */
public record CreateCampaign(@TargetAggregateIdentifier CampaignId campaignId, String name, CampaignContent content, AudienceSpec audience, SendWindow sendWindow, String by, Instant at) {
}
