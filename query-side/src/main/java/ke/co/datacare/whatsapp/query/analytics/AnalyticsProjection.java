package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.ConversationStarted;
import ke.co.datacare.whatsapp.api.conversation.DeliveryStatus;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageDelivered;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageFailed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessagePlayed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRead;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageSent;
import ke.co.datacare.whatsapp.query.readmodel.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Daily message and delivery figures, computed from the conversation events. Every conversation event
 * is applied once: the projection remembers the last sequence number it applied per conversation.
 * Customer messages count on the Nairobi day they were sent; an outbound message counts on the day of
 * its first status report, and its later statuses move it forward on that same day.
 */
@Component
@ProcessingGroup(ReadModels.GROUP)
public class AnalyticsProjection {

    /** The tables this projection owns, written through its store: nobody else writes or reads them by SQL. */
    static final String[] TABLES = AnalyticsStore.TABLES;

    private static final int TITLE_LENGTH = 512;

    private final AnalyticsStore store;

    public AnalyticsProjection(JdbcTemplate jdbc) {
        this.store = new AnalyticsStore(jdbc);
    }

    @EventHandler
    void on(ConversationStarted event, @SequenceNumber long sequence) {
        store.startConversation(event.conversationId().value(), event.contactId().value(), sequence);
    }

    @EventHandler
    void on(InboundMessageEvent event, @SequenceNumber long sequence) {
        String conversation = event.conversationId().value();
        store.advance(conversation, sequence).ifPresent(contact -> {
            LocalDate day = AnalyticsCalendar.dayOf(event.sentAt());
            store.countInbound(day, InboundKind.of(event));
            if (event.opensWindow()) {
                store.markActive(contact, day);
                store.awaitReply(conversation, event.sentAt());
            }
        });
    }

    @EventHandler
    void on(OutboundMessageSent event, @SequenceNumber long sequence) {
        outbound(event.conversationId(), sequence, event.wamid(), event.at(), DeliveryStatus.SENT, null, null);
    }

    @EventHandler
    void on(OutboundMessageDelivered event, @SequenceNumber long sequence) {
        outbound(event.conversationId(), sequence, event.wamid(), event.at(), DeliveryStatus.DELIVERED, null, null);
    }

    @EventHandler
    void on(OutboundMessageRead event, @SequenceNumber long sequence) {
        outbound(event.conversationId(), sequence, event.wamid(), event.at(), DeliveryStatus.READ, null, null);
    }

    @EventHandler
    void on(OutboundMessagePlayed event, @SequenceNumber long sequence) {
        outbound(event.conversationId(), sequence, event.wamid(), event.at(), DeliveryStatus.PLAYED, null, null);
    }

    @EventHandler
    void on(OutboundMessageFailed event, @SequenceNumber long sequence) {
        outbound(event.conversationId(), sequence, event.wamid(), event.at(), DeliveryStatus.FAILED,
                event.errorCode(), event.errorTitle());
    }

    private void outbound(ConversationId conversation, long sequence, String wamid, Instant at, DeliveryStatus status,
                          Integer errorCode, String errorTitle) {
        if (store.advance(conversation.value(), sequence).isEmpty()) {
            return;
        }
        AnalyticsStore.OutboundMessage known = store.outbound(wamid).orElse(null);
        LocalDate day = known == null ? AnalyticsCalendar.dayOf(at) : known.countedOn();
        OutboundProgress before = known == null ? OutboundProgress.NONE : known.progress();
        OutboundProgress after = before.with(status);
        store.saveOutbound(wamid, day, after);
        store.countOutbound(day, known == null, before, after);
        if (after.failed() && !before.failed() && errorCode != null) {
            store.countError(day, errorCode, shortened(errorTitle));
        }
    }

    @ResetHandler
    void reset() {
        store.clear();
    }

    private static String shortened(String title) {
        return title == null || title.length() <= TITLE_LENGTH ? title : title.substring(0, TITLE_LENGTH);
    }
}
