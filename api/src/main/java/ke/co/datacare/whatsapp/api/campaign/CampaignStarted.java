package ke.co.datacare.whatsapp.api.campaign;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A campaign started: its audience is resolved next, then dispatched. {@code by} is {@code schedule} for a scheduled start. */
@Revision("1")
public record CampaignStarted(CampaignId campaignId, String by, Instant at) {
}
