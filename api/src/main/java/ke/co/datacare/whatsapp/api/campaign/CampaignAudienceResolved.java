package ke.co.datacare.whatsapp.api.campaign;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A started campaign's audience resolved to {@code recipients} contacts out of {@code entries} entries; the others are
 * excluded (counts by reason, and the first 1,000 entries, named by contact id or position: never a phone number).
 * Revision 1 named excluded entries as given, phone numbers included.
 */
@Revision("2")
public record CampaignAudienceResolved(CampaignId campaignId, int entries, int recipients, Map<String, Integer> excludedByReason, List<ExcludedEntry> excludedEntries, Instant at) {
}
