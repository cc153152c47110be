package ke.co.datacare.whatsapp.query.status;

import ke.co.datacare.whatsapp.api.query.FindMessageStatus;
import ke.co.datacare.whatsapp.api.query.MessageStatusView;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;

/** Delivery statuses from the {@code message_status} table of the inbox projection. */
@Component
class MessageStatusQueries {

    private final JdbcTemplate jdbc;

    MessageStatusQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    Optional<MessageStatusView> handle(FindMessageStatus query) {
        return switch (query.by()) {
            case WAMID -> jdbc.query("select * from message_status where wamid = ?", (rs, i) -> view(rs), query.id())
                    .stream().findFirst();
            case MESSAGE_ID -> jdbc.query(BY_MESSAGE_ID, (rs, i) -> rs.getString("status") != null ? view(rs)
                    : notYetReported(rs), query.id()).stream().findFirst();
        };
    }

    /**
     * Our message, with Meta's furthest status once there is one; before that (queued, failed before Meta took
     * it, abandoned), how far our send got.
     */
    private static final String BY_MESSAGE_ID = "select t.wamid, t.conversation_id, t.sent_at, t.send_state, "
            + "t.send_error_code, t.send_error_title, s.status, s.status_at, s.error_code, s.error_title, "
            + "s.error_details, s.pricing_category, s.billable "
            + "from timeline_message t left join message_status s on s.wamid = t.wamid "
            + "where t.message_key = ? and t.direction = 'outbound'";

    private static MessageStatusView notYetReported(ResultSet rs) throws SQLException {
        Timestamp at = rs.getTimestamp("sent_at");
        return new MessageStatusView(rs.getString("wamid"), rs.getString("conversation_id"), rs.getString("send_state"),
                at == null ? null : at.toInstant(), (Integer) rs.getObject("send_error_code"),
                rs.getString("send_error_title"), null, null, null);
    }

    private static MessageStatusView view(ResultSet rs) throws SQLException {
        Timestamp at = rs.getTimestamp("status_at");
        return new MessageStatusView(rs.getString("wamid"), rs.getString("conversation_id"), rs.getString("status"),
                at == null ? null : at.toInstant(), (Integer) rs.getObject("error_code"), rs.getString("error_title"),
                rs.getString("error_details"), rs.getString("pricing_category"), (Boolean) rs.getObject("billable"));
    }
}
