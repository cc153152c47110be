package ke.co.datacare.whatsapp.query.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.inbox.TimelineMessage;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One customer message of a rebuilt timeline, in the uniform shape of the live timeline; the later
 * events of the conversation (reactions, deletions, edits, statuses) change it in place.
 */
final class HistoricMessage {

    private static final int PREVIEW_LENGTH = 500;

    final String key;
    final long sequence;
    final String wamid;
    final Instant sentAt;
    private String type = "unknown";
    private String text;
    private TimelineMessage.Media media;
    private final Map<String, Object> detail = new LinkedHashMap<>();
    private String replyToWamid;
    private boolean forwarded;
    private TimelineMessage.Reaction reaction;
    private String preview;
    private String customerReaction;
    private boolean revoked;
    private String editedText;

    HistoricMessage(String key, long sequence, String wamid, Instant sentAt) {
        this.key = key;
        this.sequence = sequence;
        this.wamid = wamid;
        this.sentAt = sentAt;
    }

    HistoricMessage type(String value) {
        type = value;
        return this;
    }

    HistoricMessage text(String value) {
        text = value;
        return this;
    }

    HistoricMessage media(String id, String mimeType, String filename) {
        media = id == null ? null : new TimelineMessage.Media(id, mimeType, filename);
        return this;
    }

    HistoricMessage detail(String name, Object value) {
        if (value != null) {
            detail.put(name, value);
        }
        return this;
    }

    HistoricMessage replyTo(String wamid, boolean forwarded) {
        this.replyToWamid = wamid;
        this.forwarded = forwarded;
        return this;
    }

    HistoricMessage reaction(String targetWamid, String emoji) {
        reaction = new TimelineMessage.Reaction(targetWamid, emoji);
        return this;
    }

    HistoricMessage preview(String value) {
        preview = value;
        return this;
    }

    void customerReaction(String emoji) {
        customerReaction = emoji;
    }

    void revoke() {
        revoked = true;
    }

    void edit(String newText) {
        editedText = newText;
    }

    String type() {
        return type;
    }

    String preview() {
        String shown = preview != null ? preview : text != null ? text : "[" + type + "]";
        return shown.length() > PREVIEW_LENGTH ? shown.substring(0, PREVIEW_LENGTH) : shown;
    }

    TimelineMessage toTimelineMessage(String conversationId, TimelineMessage.Delivery delivery, ObjectMapper json) {
        return new TimelineMessage(key, conversationId, "inbound", wamid, type, text, media, detailJson(json),
                replyToWamid, forwarded, reaction, customerReaction, revoked, editedText, "customer", sentAt,
                delivery);
    }

    private String detailJson(ObjectMapper json) {
        try {
            return detail.isEmpty() ? null : json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
