package ke.co.datacare.whatsapp.query.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.query.inbox.OutboundEntry;

/** The timeline row of a message of ours, as the live timeline shows it (the same {@link OutboundEntry}). */
final class OurMessages {

    private OurMessages() {
    }

    static HistoricMessage of(OutboundMessageQueued event, long sequence, ObjectMapper json) {
        OutboundEntry entry = OutboundEntry.of(event.content(), json);
        return HistoricMessage.ours(event.messageId(), sequence, event.queuedAt(), event.sentBy())
                .detailJson(entry.detailJson()).replyTo(event.replyToWamid(), false)
                .type(entry.type()).text(entry.text()).media(entry.mediaId(), null, entry.filename())
                .preview(entry.preview());
    }
}
