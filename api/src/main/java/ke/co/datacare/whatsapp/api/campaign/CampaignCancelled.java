package ke.co.datacare.whatsapp.api.campaign;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A campaign ended before completion; nobody else gets its message. */
@Revision("1")
public record CampaignCancelled(CampaignId campaignId, String by, Instant at) {
}
