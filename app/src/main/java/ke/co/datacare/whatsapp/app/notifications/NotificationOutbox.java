package ke.co.datacare.whatsapp.app.notifications;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Emails waiting to go out ({@code notification_outbox}). Enqueueing is idempotent by a key naming the cause and the
 * recipient, so an event handled twice (a redelivery, a second instance) sends one email.
 */
@Repository
class NotificationOutbox {

    record Email(long id, String recipient, String subject, String body, int attempts) {
    }

    record Backlog(long waiting, long gaveUp, Instant oldestWaiting, String lastError) {
    }

    private final JdbcTemplate jdbc;

    NotificationOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void enqueue(String dedupKey, NotificationKind kind, String recipient, String subject, String body, Instant at) {
        Integer known = jdbc.queryForObject("select count(*) from notification_outbox where dedup_key = ?", Integer.class,
                dedupKey);
        if (known != null && known > 0) {
            return;
        }
        jdbc.update("insert into notification_outbox (dedup_key, kind, recipient, subject, body, created_at, "
                        + "next_attempt_at) values (?, ?, ?, ?, ?, ?, ?)", dedupKey, kind.name(), recipient, subject, body,
                Timestamp.from(at), Timestamp.from(at));
    }

    /** Up to {@code limit} emails due now; the caller's transaction holds them so no other instance sends them too. */
    List<Email> claimDue(Instant now, int limit) {
        return jdbc.query("select id, recipient, subject, body, attempts from notification_outbox "
                        + "where sent_at is null and gave_up_at is null and next_attempt_at <= ? "
                        + "order by next_attempt_at, id limit ? for update skip locked",
                (rs, i) -> new Email(rs.getLong("id"), rs.getString("recipient"), rs.getString("subject"),
                        rs.getString("body"), rs.getInt("attempts")), Timestamp.from(now), limit);
    }

    void sent(long id, Instant at) {
        jdbc.update("update notification_outbox set sent_at = ?, attempts = attempts + 1, last_error = null where id = ?",
                Timestamp.from(at), id);
    }

    void failed(long id, String error, Instant retryAt) {
        jdbc.update("update notification_outbox set attempts = attempts + 1, last_error = ?, next_attempt_at = ? "
                + "where id = ?", cut(error), Timestamp.from(retryAt), id);
    }

    void gaveUp(long id, String error, Instant at) {
        jdbc.update("update notification_outbox set attempts = attempts + 1, last_error = ?, gave_up_at = ? where id = ?",
                cut(error), Timestamp.from(at), id);
    }

    Backlog backlog() {
        return jdbc.queryForObject("select "
                + "(select count(*) from notification_outbox where sent_at is null and gave_up_at is null) as waiting, "
                + "(select count(*) from notification_outbox where gave_up_at is not null) as gave_up, "
                + "(select min(created_at) from notification_outbox where sent_at is null and gave_up_at is null) as oldest, "
                + "(select last_error from notification_outbox where last_error is not null and sent_at is null "
                + "order by id desc limit 1) as last_error", (rs, i) -> {
            Timestamp oldest = rs.getTimestamp("oldest");
            return new Backlog(rs.getLong("waiting"), rs.getLong("gave_up"), oldest == null ? null : oldest.toInstant(),
                    rs.getString("last_error"));
        });
    }

    private static String cut(String error) {
        String text = error == null ? "unknown error" : error;
        return text.length() <= 500 ? text : text.substring(0, 500);
    }
}
