package ke.co.datacare.whatsapp.api.inbox;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * One message of a conversation's timeline in a uniform shape: {@code type} says which of the
 * type-specific fields are set; {@code detail} carries the rest as JSON (location, contact cards,
 * order items, interactive reply, the raw JSON of unknown types). {@code arrivedLate} (customer messages only) is set
 * when the message reached us late: when we received it and by how much after Meta's {@code timestamp}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimelineMessage(String id, String conversationId, String direction, String wamid, String type,
                              String text, Media media, String detail, String replyToWamid, boolean forwarded,
                              Reaction reaction, String customerReaction, boolean revoked, String editedText,
                              String sender, Instant timestamp, Delivery delivery, Send send, ArrivedLate arrivedLate) {

    public TimelineMessage(String id, String conversationId, String direction, String wamid, String type, String text,
                           Media media, String detail, String replyToWamid, boolean forwarded, Reaction reaction,
                           String customerReaction, boolean revoked, String editedText, String sender,
                           Instant timestamp, Delivery delivery, Send send) {
        this(id, conversationId, direction, wamid, type, text, media, detail, replyToWamid, forwarded, reaction,
                customerReaction, revoked, editedText, sender, timestamp, delivery, send, null);
    }

    /** When a late message reached us, and how many seconds after the customer wrote it. */
    public record ArrivedLate(Instant receivedAt, long bySeconds) {
    }

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
