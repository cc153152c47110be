package ke.co.datacare.whatsapp.api.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Create a campaign as a draft, sending from business number {@code phoneNumberId}. */
public record CreateCampaign(@TargetAggregateIdentifier CampaignId campaignId, String name, CampaignContent content, AudienceSpec audience, SendWindow sendWindow, String phoneNumberId, String by, Instant at) {
}
