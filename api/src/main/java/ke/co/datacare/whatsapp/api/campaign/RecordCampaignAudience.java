package ke.co.datacare.whatsapp.api.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Record who a started campaign's audience resolved to (once). */
public record RecordCampaignAudience(@TargetAggregateIdentifier CampaignId campaignId, int entries, int recipients, Map<String, Integer> excludedByReason, List<ExcludedEntry> excludedEntries, Instant at) {
}
