package ke.co.datacare.whatsapp.api.campaign;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A campaign will start at {@code startAt} (a persistent deadline). */
@Revision("1")
public record CampaignScheduled(CampaignId campaignId, Instant startAt, String by, Instant at) {
}
