package ke.co.datacare.whatsapp.query.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.conversation.LateArrival;
import ke.co.datacare.whatsapp.api.inbox.TimelineMessage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message of a rebuilt timeline, the customer's or ours, in the uniform shape of the live timeline;
 * the later events of the conversation (reactions, deletions, edits, send results) change it in place.
 */
final class HistoricMessage {

    private static final int PREVIEW_LENGTH = 500;

    final String key;
    final long sequence;
    final Instant sentAt;
    private final String direction;
    private final String sender;
    private String wamid;
    private String type = "unknown";
    private String text;
    private TimelineMessage.Media media;
    private final Map<String, Object> detail = new LinkedHashMap<>();
    private String detailJson;
    private String replyToWamid;
    private boolean forwarded;
    private TimelineMessage.Reaction reaction;
    private String preview;
    private String customerReaction;
    private boolean revoked;
    private String editedText;
    private TimelineMessage.Send send;
    private Instant receivedAt;

    private HistoricMessage(String key, long sequence, String wamid, Instant sentAt, String direction, String sender) {
        this.key = key;
        this.sequence = sequence;
        this.wamid = wamid;
        this.sentAt = sentAt;
        this.direction = direction;
        this.sender = sender;
    }

    static HistoricMessage fromCustomer(String key, long sequence, String wamid, Instant sentAt) {
        return new HistoricMessage(key, sequence, wamid, asStored(sentAt), "inbound", "customer");
    }

    /** A message staff sent from the WhatsApp Business app (coexistence), now or in its imported history. */
    static HistoricMessage fromBusinessApp(String key, long sequence, String wamid, Instant sentAt) {
        return new HistoricMessage(key, sequence, wamid, asStored(sentAt), "outbound", "business-app")
                .send(new TimelineMessage.Send("sent", null, null, null));
    }

    static HistoricMessage ours(String messageId, long sequence, Instant queuedAt, String sentBy) {
        return new HistoricMessage(messageId, sequence, null, asStored(queuedAt), "outbound", sentBy)
                .send(new TimelineMessage.Send("queued", null, null, null));
    }

    /** An instant as the live read model keeps it: timestamps there have microseconds. */
    /** PostgreSQL keeps microseconds and rounds the rest half up; the history shows what the read model stores. */
    static Instant asStored(Instant instant) {
        if (instant == null) {
            return null;
        }
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        return instant.getNano() % 1000 >= 500 ? micros.plus(1, ChronoUnit.MICROS) : micros;
    }

    /** When the service recorded the customer's message, as the live timeline keeps it. */
    HistoricMessage receivedAt(Instant value) {
        receivedAt = asStored(value);
        return this;
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

    HistoricMessage detailJson(String json) {
        detailJson = json;
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

    HistoricMessage send(TimelineMessage.Send state) {
        send = state;
        return this;
    }

    void accepted(String acceptedWamid) {
        wamid = acceptedWamid;
        send = new TimelineMessage.Send("accepted", null, null, null);
    }

    TimelineMessage.Send send() {
        return send;
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

    String wamid() {
        return wamid;
    }

    String type() {
        return type;
    }

    String preview() {
        String shown = preview != null ? preview : text != null ? text : "[" + type + "]";
        return shown.length() > PREVIEW_LENGTH ? shown.substring(0, PREVIEW_LENGTH) : shown;
    }

    TimelineMessage toTimelineMessage(String conversationId, TimelineMessage.Delivery delivery, ObjectMapper json) {
        return new TimelineMessage(key, conversationId, direction, wamid, type, text, media, detailJson(json),
                replyToWamid, forwarded, reaction, customerReaction, revoked, editedText, sender, sentAt, delivery,
                send, arrivedLate());
    }

    private TimelineMessage.ArrivedLate arrivedLate() {
        Long late = LateArrival.lateBySeconds(sentAt, receivedAt);
        return late == null ? null : new TimelineMessage.ArrivedLate(receivedAt, late);
    }

    private String detailJson(ObjectMapper json) {
        if (detailJson != null) {
            return detailJson;
        }
        try {
            return detail.isEmpty() ? null : json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
