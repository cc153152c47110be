package ke.co.datacare.whatsapp.api.campaign;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Dispatch waits until about {@code until}: {@code SEND_WINDOW} (outside the send window) or {@code MESSAGING_LIMIT} (Meta's 24-hour limit of unique recipients is reached). */
@Revision("1")
public record CampaignDispatchDeferred(CampaignId campaignId, String reason, Instant until, Instant at) {
}
