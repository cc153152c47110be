package ke.co.datacare.whatsapp.api.campaign;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A draft's name, content, audience and send window were replaced.
 * The audience names contacts, never phone numbers; revision 1 held the typed numbers
 * ({@code audience.phoneNumbers}).
 */
@Revision("2")
public record CampaignDraftUpdated(CampaignId campaignId, String name, CampaignContent content, AudienceSpec audience, SendWindow sendWindow, String by, Instant at) {
}
