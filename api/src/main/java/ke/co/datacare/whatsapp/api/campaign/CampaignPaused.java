package ke.co.datacare.whatsapp.api.campaign;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Dispatch of a campaign stopped until it is resumed; {@code reason} is null when a user paused it. */
@Revision("1")
public record CampaignPaused(CampaignId campaignId, String reason, String by, Instant at) {
}
