package ke.co.datacare.whatsapp.api.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Replace a draft's name, content, audience and send window. */
public record UpdateCampaign(@TargetAggregateIdentifier CampaignId campaignId, String name, CampaignContent content, AudienceSpec audience, SendWindow sendWindow, String by, Instant at) {
}
