package ke.co.datacare.whatsapp.api.inbox;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * One message of a conversation's timeline in a uniform shape: {@code type} says which of the
 * type-specific fields are set; {@code detail} carries the rest as JSON (location, contact cards,
 * order items, interactive reply, the raw JSON of unknown types).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimelineMessage(String id, String conversationId, String direction, String wamid, String type,
                              String text, Media media, String detail, String replyToWamid, boolean forwarded,
                              Reaction reaction, String customerReaction, boolean revoked, String editedText,
                              String sender, Instant timestamp, Delivery delivery, Send send) {

    public record Media(String id, String mimeType, String filename) {
    }

    public record Reaction(String targetWamid, String emoji) {
    }

    /** Our messages only: queued, accepted by Meta, failed (retrying), abandoned; with the last error. */
    public record Send(String state, Integer errorCode, String errorTitle, String errorClass) {
    }

    public record Delivery(String status, Instant at, Integer errorCode, String errorTitle, String errorDetails) {
    }
}
