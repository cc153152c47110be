package ke.co.datacare.whatsapp.api.campaign;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A campaign as the read model knows it: definition, lifecycle times and progress.
 *
 * @param uploadedPhoneNumbers how many phone numbers the CSV uploads gave (the numbers themselves are not shown)
 * @param phoneNumberId        the business number it sends from; null for a campaign created before campaigns chose
 *                             their number, which sends from the default number
 * @param ratePerSecond        messages Meta accepted per second over the last 10 seconds
 * @param estimatedCompletionAt when the rest would be accepted at that rate (null unless running and sending)
 */
public record CampaignProgress(String id, String name, String status, CampaignContent content, List<String> tags,
                               int contactIds, int phoneNumbers, int uploadedPhoneNumbers, String phoneNumberId,
                               SendWindow sendWindow,
                               String createdBy, Instant createdAt, Instant updatedAt, Instant startAt,
                               Instant startedAt, Instant pausedAt, String pauseReason, Instant completedAt,
                               Instant cancelledAt, Counts progress, Waiting waiting, double ratePerSecond,
                               Instant estimatedCompletionAt) {

    /**
     * @param entries   audience entries before exclusions (null until the audience is resolved at start)
     * @param recipients contacts that get the message
     * @param pending   recipients not yet handed to the outbound path
     * @param sent      accepted by Meta or reported sent (a later status counts here too)
     * @param failed    failed for good; {@code failedByErrorCode} splits them by Meta's error code
     * @param replied   recipients who wrote to us after the campaign's message
     */
    public record Counts(Integer entries, Integer recipients, Map<String, Integer> excluded, long pending, long queued,
                         long sent, long delivered, long read, long failed, Map<String, Long> failedByErrorCode,
                         long replied) {
    }

    /** Why dispatch waits ({@code SEND_WINDOW}, {@code MESSAGING_LIMIT}) and until about when. */
    public record Waiting(String reason, Instant until) {
    }
}
