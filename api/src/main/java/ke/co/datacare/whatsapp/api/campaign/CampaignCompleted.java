package ke.co.datacare.whatsapp.api.campaign;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Every recipient of a campaign was handed to the outbound path ({@code queued}); {@code skippedOptedOut} opted out while it ran. */
@Revision("1")
public record CampaignCompleted(CampaignId campaignId, int queued, int skippedOptedOut, Instant at) {
}
