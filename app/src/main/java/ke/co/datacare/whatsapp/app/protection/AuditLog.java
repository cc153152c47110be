package ke.co.datacare.whatsapp.app.protection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Who did what to personal data, when and why ({@code audit_log}): rows are only added, newest listed first. */
@Component
class AuditLog {

    /** One audited act; {@code subject} is a contact id or what an export covered, {@code reason} as given. */
    record AuditEntry(long id, Instant at, String actor, AuditAction action, String subject, String reason) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    AuditLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(String actor, AuditAction action, String subject, String reason) {
        jdbc.update("insert into audit_log (at, actor, action, subject, reason) values (?, ?, ?, ?, ?)",
                Timestamp.from(clock.instant()), actor, action.name(), subject, reason);
    }

    /** At most {@code limit} entries older than the entry {@code before} (all when null), newest first. */
    List<AuditEntry> newest(int limit, Long before) {
        return jdbc.query("select id, at, actor, action, subject, reason from audit_log where id < ? "
                        + "order by id desc limit ?", (rs, i) -> new AuditEntry(rs.getLong("id"),
                        rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                        AuditAction.valueOf(rs.getString("action")), rs.getString("subject"), rs.getString("reason")),
                before == null ? Long.MAX_VALUE : before, limit);
    }
}
