package ke.co.datacare.whatsapp.api.campaign;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A draft's name, content, audience and send window were replaced. */
@Revision("1")
public record CampaignDraftUpdated(CampaignId campaignId, String name, CampaignContent content, AudienceSpec audience, SendWindow sendWindow, String by, Instant at) {
}
