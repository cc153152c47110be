package ke.co.datacare.whatsapp.api.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Replace a draft's name, content, audience, send window and business number. */
public record UpdateCampaign(@TargetAggregateIdentifier CampaignId campaignId, String name, CampaignContent content, AudienceSpec audience, SendWindow sendWindow, String phoneNumberId, String by, Instant at) {
}
