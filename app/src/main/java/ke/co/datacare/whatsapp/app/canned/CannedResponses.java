package ke.co.datacare.whatsapp.app.canned;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The table of canned responses; the shortcut is unique. */
@Repository
class CannedResponses {

    record CannedResponse(String id, String shortcut, String text, String createdBy, Instant createdAt,
                          Instant updatedAt) {
    }

    /** Another canned response already has the shortcut. */
    static final class ShortcutTaken extends RuntimeException {
        ShortcutTaken(DuplicateKeyException cause) {
            super(cause);
        }
    }

    private static final RowMapper<CannedResponse> ROW = (rs, i) -> new CannedResponse(rs.getString("id"),
            rs.getString("shortcut"), rs.getString("text"), rs.getString("created_by"),
            rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());

    private final JdbcTemplate jdbc;

    CannedResponses(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<CannedResponse> all() {
        return jdbc.query("select * from canned_response order by shortcut", ROW);
    }

    Optional<CannedResponse> byId(String id) {
        return jdbc.query("select * from canned_response where id = ?", ROW, id).stream().findFirst();
    }

    void insert(CannedResponse response) {
        try {
            jdbc.update("insert into canned_response (id, shortcut, text, created_by, created_at, updated_at) "
                            + "values (?, ?, ?, ?, ?, ?)", response.id(), response.shortcut(), response.text(),
                    response.createdBy(), Timestamp.from(response.createdAt()), Timestamp.from(response.updatedAt()));
        } catch (DuplicateKeyException e) {
            throw new ShortcutTaken(e);
        }
    }

    boolean update(String id, String shortcut, String text, Instant at) {
        try {
            return jdbc.update("update canned_response set shortcut = ?, text = ?, updated_at = ? where id = ?",
                    shortcut, text, Timestamp.from(at), id) == 1;
        } catch (DuplicateKeyException e) {
            throw new ShortcutTaken(e);
        }
    }

    boolean delete(String id) {
        return jdbc.update("delete from canned_response where id = ?", id) == 1;
    }
}
