package ke.co.datacare.whatsapp.query.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
import ke.co.datacare.whatsapp.query.inbox.TimelineEntry;

/** A customer message as a row of a rebuilt timeline: the live timeline's own {@link TimelineEntry}. */
final class HistoricMessages {

    private HistoricMessages() {
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
