package ke.co.datacare.whatsapp.query.inbox;

import ke.co.datacare.whatsapp.api.conversation.DeliveryStatus;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageDelivered;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageFailed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessagePlayed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRead;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageSent;
import ke.co.datacare.whatsapp.api.conversation.Pricing;
import ke.co.datacare.whatsapp.query.batch.BatchWrites;
import ke.co.datacare.whatsapp.query.readmodel.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static ke.co.datacare.whatsapp.query.batch.BatchWrites.timestamp;

/** The delivery status Meta last reported for each of our messages (by wamid), with its error and pricing. */
@Component
@ProcessingGroup(ReadModels.GROUP)
class MessageStatusProjection {

    /** The tables this projection owns: nobody else writes or reads them by SQL. */
    static final List<String> TABLES = List.of("message_status");

    private final JdbcTemplate jdbc;

    MessageStatusProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OutboundMessageSent event) {
        status(event.conversationId().value(), event.wamid(), DeliveryStatus.SENT, event.at(), null, null, null,
                event.pricing());
    }

    @EventHandler
    void on(OutboundMessageDelivered event) {
        status(event.conversationId().value(), event.wamid(), DeliveryStatus.DELIVERED, event.at(), null, null, null,
                event.pricing());
    }

    @EventHandler
    void on(OutboundMessageRead event) {
        status(event.conversationId().value(), event.wamid(), DeliveryStatus.READ, event.at(), null, null, null, null);
    }

    @EventHandler
    void on(OutboundMessagePlayed event) {
        status(event.conversationId().value(), event.wamid(), DeliveryStatus.PLAYED, event.at(), null, null, null, null);
    }

    @EventHandler
    void on(OutboundMessageFailed event) {
        status(event.conversationId().value(), event.wamid(), DeliveryStatus.FAILED, event.at(), event.errorCode(),
                event.errorTitle(), event.errorDetails(), null);
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from message_status");
    }

    /**
     * A status report replaces the message's status and error; pricing is kept when a later report has none. The
     * row is created by the first report (with its conversation).
     */
    private void status(String conversation, String wamid, DeliveryStatus status, Instant at, Integer errorCode,
                        String errorTitle, String errorDetails, Pricing pricing) {
        Batch batch = BatchWrites.current(KEY, () -> new Batch(jdbc));
        StatusRow row = batch.statuses.computeIfAbsent(wamid, ignored -> new StatusRow(conversation));
        row.status = status.name().toLowerCase();
        row.at = timestamp(at);
        row.errorCode = errorCode;
        row.errorTitle = errorTitle;
        row.errorDetails = errorDetails;
        if (pricing != null && pricing.category() != null) {
            row.pricingCategory = pricing.category();
        }
        if (pricing != null && pricing.billable() != null) {
            row.billable = pricing.billable();
        }
        BatchWrites.done(batch);
    }

    private static final String KEY = MessageStatusProjection.class.getName();

    private static final class StatusRow {
        final String conversationId;
        String status;
        Timestamp at;
        Integer errorCode;
        String errorTitle;
        String errorDetails;
        String pricingCategory;
        Boolean billable;

        StatusRow(String conversationId) {
            this.conversationId = conversationId;
        }
    }

    /** The statuses of one batch of events as they end up, written with one update and one insert batch. */
    private static final class Batch implements BatchWrites.Batch {
        private final JdbcTemplate jdbc;
        private final Map<String, StatusRow> statuses = new LinkedHashMap<>();

        Batch(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        /**
         * Updates the messages that have a row (asked in one query) and inserts the others: a message's first reports
         * (and every report in a rebuild's fresh table) cost no update that finds nothing.
         */
        @Override
        public void flush() {
            Set<String> known = new HashSet<>();
            BatchWrites.queryIn(jdbc, "select wamid from message_status where wamid in", statuses.keySet(),
                    rs -> known.add(rs.getString(1)));
            List<Object[]> statusUpdates = new ArrayList<>();
            List<Object[]> newStatuses = new ArrayList<>();
            statuses.forEach((wamid, row) -> {
                if (known.contains(wamid)) {
                    statusUpdates.add(new Object[]{row.status, row.at, row.errorCode, row.errorTitle, row.errorDetails,
                            row.pricingCategory, row.billable, wamid});
                } else {
                    newStatuses.add(new Object[]{wamid, row.conversationId, row.status, row.at, row.errorCode,
                            row.errorTitle, row.errorDetails, row.pricingCategory, row.billable});
                }
            });
            BatchWrites.executeAll(jdbc, "update message_status set status = ?, status_at = ?, "
                    + "error_code = ?, error_title = ?, error_details = ?, pricing_category = coalesce(?, pricing_category), "
                    + "billable = coalesce(?, billable) where wamid = ?", statusUpdates);
            BatchWrites.executeAll(jdbc, "insert into message_status (wamid, conversation_id, status, status_at, error_code, "
                    + "error_title, error_details, pricing_category, billable) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    newStatuses);
            statuses.clear();
        }
    }
}
