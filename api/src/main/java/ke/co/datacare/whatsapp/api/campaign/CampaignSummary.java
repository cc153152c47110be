package ke.co.datacare.whatsapp.api.campaign;

import java.time.Instant;

/** A campaign in the list: what it sends, where it stands, how many it reached. */
public record CampaignSummary(String id, String name, String status, String templateName, String language,
                              String createdBy, Instant createdAt, Instant startAt, Instant startedAt,
                              Instant completedAt, Integer recipients, long queued, long sent) {
}
