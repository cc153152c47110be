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
        String column = switch (query.by()) {
            case WAMID -> "wamid";
        };
        return jdbc.query("select * from message_status where " + column + " = ?", (rs, i) -> view(rs), query.id())
                .stream().findFirst();
    }

    private static MessageStatusView view(ResultSet rs) throws SQLException {
        Timestamp at = rs.getTimestamp("status_at");
        return new MessageStatusView(rs.getString("wamid"), rs.getString("conversation_id"), rs.getString("status"),
                at == null ? null : at.toInstant(), (Integer) rs.getObject("error_code"), rs.getString("error_title"),
                rs.getString("error_details"), rs.getString("pricing_category"), (Boolean) rs.getObject("billable"));
    }
}
