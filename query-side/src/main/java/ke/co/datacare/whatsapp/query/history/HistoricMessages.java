package ke.co.datacare.whatsapp.query.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.InboundMessage;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
import ke.co.datacare.whatsapp.query.inbox.TimelineEntry;

import java.time.Instant;

/** A customer message as a row of a rebuilt timeline: the live timeline's own {@link TimelineEntry}. */
final class HistoricMessages {

    private HistoricMessages() {
    }

    /**
     * A message of the WhatsApp Business app: typed there by staff, or from its imported chat history (the customer's
     * then as received when sent, as the live timeline keeps it).
     */
    static HistoricMessage ofBusinessApp(ConversationId conversation, String wamid, Instant sentAt,
                                         InboundMessage content, boolean fromBusiness, long sequence, ObjectMapper json) {
        TimelineEntry entry = TimelineEntry.of(conversation, wamid, sentAt, content, json);
        HistoricMessage row = fromBusiness ? HistoricMessage.fromBusinessApp(entry.key(), sequence, wamid, sentAt)
                : HistoricMessage.fromCustomer(entry.key(), sequence, wamid, sentAt).receivedAt(sentAt);
        return row.type(entry.type()).text(entry.text()).media(entry.mediaId(), entry.mimeType(), entry.filename())
                .detailJson(entry.detailJson()).preview(entry.preview());
    }

    static HistoricMessage of(InboundMessageEvent event, long sequence, ObjectMapper json) {
        TimelineEntry entry = TimelineEntry.of(event, json);
        HistoricMessage row = HistoricMessage.fromCustomer(entry.key(), sequence, event.wamid(), event.sentAt())
                .type(entry.type()).text(entry.text()).media(entry.mediaId(), entry.mimeType(), entry.filename())
                .detailJson(entry.detailJson()).replyTo(entry.replyToWamid(), entry.forwarded())
                .preview(entry.preview());
        return "reaction".equals(entry.type()) ? row.reaction(entry.reactionTarget(), entry.reactionEmoji()) : row;
    }
}
