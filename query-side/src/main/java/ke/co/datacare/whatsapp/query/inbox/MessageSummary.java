package ke.co.datacare.whatsapp.query.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.conversation.BusinessAppMessageSent;
import ke.co.datacare.whatsapp.api.conversation.HistoricalMessageImported;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
import ke.co.datacare.whatsapp.api.conversation.NoteAdded;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;

import java.time.Instant;

/**
 * A message as the timeline shows it, for clients that update themselves from an event without asking again:
 * direction ({@code inbound}, {@code outbound}, {@code note}), type, content (the text, caption or description),
 * the preview the inbox shows, the sender ({@code customer}, {@code bot}, {@code agent:<id>}, {@code campaign:<id>},
 * {@code business-app})
 * and when it was sent. The same rules as the timeline and inbox projections.
 */
public record MessageSummary(String messageId, String direction, String type, String content, String contentPreview,
                             String sender, Instant timestamp) {

    /** The message an event adds to a timeline, or null if it adds none. */
    public static MessageSummary of(Object event, ObjectMapper json) {
        if (event instanceof InboundMessageEvent inbound) {
            TimelineEntry entry = TimelineEntry.of(inbound, json);
            return new MessageSummary(entry.key(), "inbound", entry.type(), entry.text(), entry.preview(), "customer",
                    inbound.sentAt());
        }
        if (event instanceof OutboundMessageQueued queued) {
            OutboundEntry entry = OutboundEntry.of(queued.content(), json);
            return new MessageSummary(queued.messageId(), "outbound", entry.type(), entry.text(), entry.preview(),
                    queued.sentBy(), queued.queuedAt());
        }
        if (event instanceof BusinessAppMessageSent sent) {
            TimelineEntry entry = TimelineEntry.of(sent.conversationId(), sent.wamid(), sent.sentAt(), sent.content(), json);
            return new MessageSummary(entry.key(), "outbound", entry.type(), entry.text(), entry.preview(),
                    "business-app", sent.sentAt());
        }
        if (event instanceof HistoricalMessageImported imported) {
            TimelineEntry entry = TimelineEntry.of(imported.conversationId(), imported.wamid(), imported.sentAt(),
                    imported.content(), json);
            return new MessageSummary(entry.key(), imported.fromBusiness() ? "outbound" : "inbound", entry.type(),
                    entry.text(), entry.preview(), imported.fromBusiness() ? "business-app" : "customer",
                    imported.sentAt());
        }
        if (event instanceof NoteAdded note) {
            return new MessageSummary(note.noteId(), "note", "note", note.text(), note.text(), "agent:" + note.authorId(),
                    note.at());
        }
        return null;
    }
}
