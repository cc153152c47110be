package ke.co.datacare.whatsapp.api.campaign;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A started campaign's audience resolved to {@code recipients} contacts out of {@code entries} entries; the others are excluded (counts by reason, and the first 1,000 entries). */
@Revision("1")
public record CampaignAudienceResolved(CampaignId campaignId, int entries, int recipients, Map<String, Integer> excludedByReason, List<ExcludedEntry> excludedEntries, Instant at) {
}
