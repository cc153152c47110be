package ke.co.datacare.whatsapp.command.media;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The archive's ledger (table {@code media_archive}): one row per inbound media id, pending until its bytes are kept
 * (then with their SHA-256, type and size), or failed with the reason. Instances share the work by claiming a row
 * for a while before they fetch it.
 */
public class MediaArchive {

    /** A media whose bytes are kept. */
    public record Stored(String mediaId, String sha256, String mimeType, long size) {
    }

    /** What waits and what was given up, for metrics and health. */
    public record Backlog(long pending, long failed, Instant oldestPending) {
    }

    record Claimed(String mediaId, int attempts, Instant queuedAt) {
    }

    private final JdbcTemplate jdbc;

    MediaArchive(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void queue(String mediaId, String mimeType, Instant queuedAt) {
        jdbc.update("insert into media_archive (media_id, mime_type, state, attempts, queued_at, next_attempt_at) "
                + "select ?, ?, 'pending', 0, ?, ? where not exists (select 1 from media_archive where media_id = ?)",
                mediaId, mimeType, Timestamp.from(queuedAt), Timestamp.from(queuedAt), mediaId);
    }

    /** Claims up to {@code limit} due media until {@code claimedUntil}; another instance skips them meanwhile. */
    List<Claimed> claimDue(Instant now, Instant claimedUntil, int limit) {
        List<String> due = jdbc.queryForList("select media_id from media_archive where state = 'pending' "
                + "and next_attempt_at <= ? and (claimed_until is null or claimed_until < ?) order by next_attempt_at "
                + "limit ?", String.class, Timestamp.from(now), Timestamp.from(now), limit);
        return due.stream().filter(id -> jdbc.update("update media_archive set claimed_until = ?, attempts = attempts + 1 "
                        + "where media_id = ? and state = 'pending' and (claimed_until is null or claimed_until < ?)",
                        Timestamp.from(claimedUntil), id, Timestamp.from(now)) == 1)
                .map(id -> jdbc.queryForObject("select media_id, attempts, queued_at from media_archive where media_id = ?",
                        (rs, i) -> new Claimed(rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant()), id))
                .toList();
    }

    void stored(String mediaId, String sha256, String mimeType, long size, Instant at) {
        jdbc.update("update media_archive set state = 'stored', sha256 = ?, mime_type = coalesce(?, mime_type), "
                + "size = ?, stored_at = ?, claimed_until = null, last_error = null where media_id = ?",
                sha256, mimeType, size, Timestamp.from(at), mediaId);
    }

    void retryAt(String mediaId, String error, Instant next) {
        jdbc.update("update media_archive set next_attempt_at = ?, claimed_until = null, last_error = ? where media_id = ?",
                Timestamp.from(next), error, mediaId);
    }

    void failed(String mediaId, String error) {
        jdbc.update("update media_archive set state = 'failed', claimed_until = null, last_error = ? where media_id = ?",
                error, mediaId);
    }

    public Optional<Stored> stored(String mediaId) {
        return jdbc.query("select media_id, sha256, mime_type, size from media_archive where media_id = ? "
                + "and state = 'stored'", (rs, i) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getLong(4)), mediaId).stream().findFirst();
    }

    public Backlog backlog() {
        return jdbc.queryForObject("select count(*) filter (where state = 'pending'), count(*) filter (where state = 'failed'), "
                + "min(queued_at) filter (where state = 'pending') from media_archive", (rs, i) -> new Backlog(
                rs.getLong(1), rs.getLong(2), rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()));
    }
}
