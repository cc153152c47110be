package ke.co.datacare.whatsapp.api.campaign;

import java.time.Instant;

/**
 * One recipient of a campaign. For an excluded entry only {@code entry}, {@code status} = {@code excluded} and
 * {@code reason} are set.
 *
 * @param status {@code queued} (handed to the outbound path), {@code sent} (Meta accepted it or reported it sent),
 *               {@code delivered}, {@code read}, {@code failed} or {@code excluded}
 */
public record CampaignRecipient(String messageId, String contactId, String conversationId, String wamid, String entry,
                                String status, String reason, Integer errorCode, String errorTitle, Instant queuedAt,
                                Instant statusAt, Instant repliedAt) {
}
