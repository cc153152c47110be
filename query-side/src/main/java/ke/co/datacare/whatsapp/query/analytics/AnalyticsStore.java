package ke.co.datacare.whatsapp.query.analytics;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The writes of the analytics projection. Counters are updated in place, inserted when missing
 * (update-then-insert, which PostgreSQL and H2 both run); the projection's single segment means no
 * two writers race for a counter row.
 */
final class AnalyticsStore {

    static final String[] TABLES = {"analytics_error_daily", "analytics_outbound_daily", "analytics_outbound_message",
            "analytics_inbound_daily", "analytics_contact_activity", "analytics_contact", "analytics_conversation"};

    record OutboundMessage(LocalDate countedOn, OutboundProgress progress) {
    }

    private final JdbcTemplate jdbc;

    AnalyticsStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void startConversation(String conversationId, String contactId, long sequence) {
        jdbc.update("insert into analytics_conversation (conversation_id, contact_id, last_sequence) select ?, ?, ? "
                + "where not exists (select 1 from analytics_conversation where conversation_id = ?)",
                conversationId, contactId, sequence, conversationId);
    }

    /** The conversation's contact if the event at {@code sequence} was not applied yet, now marked applied. */
    Optional<String> advance(String conversationId, long sequence) {
        int advanced = jdbc.update("update analytics_conversation set last_sequence = ? where conversation_id = ? "
                + "and last_sequence < ?", sequence, conversationId, sequence);
        if (advanced == 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(jdbc.queryForObject("select contact_id from analytics_conversation "
                + "where conversation_id = ?", String.class, conversationId));
    }

    void awaitReply(String conversationId, Instant since) {
        jdbc.update("update analytics_conversation set awaiting_reply_since = ? where conversation_id = ? "
                + "and awaiting_reply_since is null", Timestamp.from(since), conversationId);
    }

    void countInbound(LocalDate day, String type) {
        upsert("update analytics_inbound_daily set messages = messages + 1 where day_date = ? and message_type = ?",
                "insert into analytics_inbound_daily (day_date, message_type, messages) values (?, ?, 1)", day, type);
    }

    void markActive(String contactId, LocalDate day) {
        upsert("update analytics_contact set first_message_on = case when first_message_on > ? then ? "
                        + "else first_message_on end where contact_id = ?",
                new Object[]{day, day, contactId},
                "insert into analytics_contact (contact_id, first_message_on) values (?, ?)",
                new Object[]{contactId, day});
        activeIn("day", day, contactId);
        activeIn("week", AnalyticsCalendar.weekOf(day), contactId);
    }

    private void activeIn(String granularity, LocalDate periodStart, String contactId) {
        jdbc.update("insert into analytics_contact_activity (granularity, period_start, contact_id) select ?, ?, ? "
                        + "where not exists (select 1 from analytics_contact_activity where granularity = ? "
                        + "and period_start = ? and contact_id = ?)",
                granularity, periodStart, contactId, granularity, periodStart, contactId);
    }

    Optional<OutboundMessage> outbound(String wamid) {
        return jdbc.query("select counted_on, progress, failed from analytics_outbound_message where wamid = ?",
                (rs, i) -> new OutboundMessage(rs.getObject("counted_on", LocalDate.class),
                        new OutboundProgress(rs.getInt("progress"), rs.getBoolean("failed"))), wamid)
                .stream().findFirst();
    }

    void saveOutbound(String wamid, LocalDate countedOn, OutboundProgress progress) {
        upsert("update analytics_outbound_message set progress = ?, failed = ? where wamid = ?",
                new Object[]{progress.rank(), progress.failed(), wamid},
                "insert into analytics_outbound_message (wamid, counted_on, progress, failed) values (?, ?, ?, ?)",
                new Object[]{wamid, countedOn, progress.rank(), progress.failed()});
    }

    void countOutbound(LocalDate day, boolean newMessage, OutboundProgress before, OutboundProgress after) {
        long messages = newMessage ? 1 : 0;
        long sent = crossed(before.sent(), after.sent());
        long delivered = crossed(before.delivered(), after.delivered());
        long read = crossed(before.read(), after.read());
        long failed = crossed(before.failed(), after.failed());
        upsert("update analytics_outbound_daily set messages = messages + ?, sent = sent + ?, delivered = delivered + ?, "
                        + "read_count = read_count + ?, failed = failed + ? where day_date = ?",
                new Object[]{messages, sent, delivered, read, failed, day},
                "insert into analytics_outbound_daily (day_date, messages, sent, delivered, read_count, failed) "
                        + "values (?, ?, ?, ?, ?, ?)",
                new Object[]{day, messages, sent, delivered, read, failed});
    }

    void countError(LocalDate day, int code, String title) {
        upsert("update analytics_error_daily set failures = failures + 1, error_title = coalesce(?, error_title) "
                        + "where day_date = ? and error_code = ?",
                new Object[]{title, day, code},
                "insert into analytics_error_daily (day_date, error_code, error_title, failures) values (?, ?, ?, 1)",
                new Object[]{day, code, title});
    }

    void clear() {
        for (String table : TABLES) {
            jdbc.update("delete from " + table);
        }
    }

    private static long crossed(boolean before, boolean after) {
        return !before && after ? 1 : 0;
    }

    private void upsert(String update, String insert, Object... args) {
        upsert(update, args, insert, args);
    }

    private void upsert(String update, Object[] updateArgs, String insert, Object[] insertArgs) {
        if (jdbc.update(update, updateArgs) == 0) {
            jdbc.update(insert, insertArgs);
        }
    }
}
