package ke.co.datacare.whatsapp.api.campaign;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A paused campaign dispatches again. */
@Revision("1")
public record CampaignResumed(CampaignId campaignId, String by, Instant at) {
}
