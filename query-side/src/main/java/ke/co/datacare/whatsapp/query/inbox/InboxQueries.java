package ke.co.datacare.whatsapp.query.inbox;

import ke.co.datacare.whatsapp.api.conversation.CustomerServiceWindow;
import ke.co.datacare.whatsapp.api.inbox.FindInbox;
import ke.co.datacare.whatsapp.api.inbox.FindTimeline;
import ke.co.datacare.whatsapp.api.inbox.InboxItem;
import ke.co.datacare.whatsapp.api.inbox.InboxPage;
import ke.co.datacare.whatsapp.api.inbox.TimelineMessage;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Answers inbox and timeline queries from the read model tables of {@link InboxProjection}. */
@Component
class InboxQueries {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    InboxQueries(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @QueryHandler
    InboxPage handle(FindInbox query) {
        Instant now = clock.instant();
        List<Object> args = new ArrayList<>();
        String where = InboxFilter.where(query, Timestamp.from(now.minus(CustomerServiceWindow.LENGTH)), args);
        Long total = jdbc.queryForObject("select count(*) from inbox_conversation c left join contact_view v "
                + "on v.contact_id = c.contact_id" + where, Long.class, args.toArray());
        args.add(query.size());
        args.add((long) query.page() * query.size());
        List<InboxItem> items = jdbc.query("select c.*, v.profile_name, v.wa_id, v.user_id from inbox_conversation c "
                        + "left join contact_view v on v.contact_id = c.contact_id" + where
                        + " order by c.last_activity_at desc, c.conversation_id limit ? offset ?",
                (rs, i) -> item(rs, now), args.toArray());
        return new InboxPage(items, total == null ? 0 : total, query.page(), query.size());
    }

    @QueryHandler
    List<TimelineMessage> handle(FindTimeline query) {
        return jdbc.query("select m.*, s.status as delivery_status, s.status_at, s.error_code, s.error_title, "
                        + "s.error_details from timeline_message m left join message_status s on s.wamid = m.wamid "
                        + "where m.conversation_id = ? order by m.sent_at, m.event_index",
                (rs, i) -> message(rs), query.conversationId());
    }

    private static InboxItem item(ResultSet rs, Instant now) throws SQLException {
        Instant lastCustomer = instant(rs, "last_customer_message_at");
        String name = rs.getString("profile_name");
        String phone = rs.getString("wa_id");
        return new InboxItem(rs.getString("conversation_id"),
                new InboxItem.InboxContact(rs.getString("contact_id"), name == null ? phone : name,
                        phone == null ? null : "+" + phone, rs.getString("user_id")),
                new InboxItem.LastMessage(rs.getString("last_message_preview"), rs.getString("last_message_type"),
                        instant(rs, "last_message_at")),
                rs.getInt("unread_count"), rs.getString("status"), rs.getString("assignee"),
                CustomerServiceWindow.closesAt(lastCustomer), CustomerServiceWindow.isOpen(lastCustomer, now),
                instant(rs, "last_activity_at"), instant(rs, "sla_due_at"), instant(rs, "snoozed_until"),
                instant(rs, "escalated_at"));
    }

    private static TimelineMessage message(ResultSet rs) throws SQLException {
        String mediaId = rs.getString("media_id");
        String target = rs.getString("reaction_target");
        String status = rs.getString("delivery_status");
        return new TimelineMessage(rs.getString("message_key"), rs.getString("conversation_id"),
                rs.getString("direction"), rs.getString("wamid"), rs.getString("type"), rs.getString("text"),
                mediaId == null ? null : new TimelineMessage.Media(mediaId, rs.getString("mime_type"), rs.getString("filename")),
                rs.getString("detail_json"), rs.getString("reply_to_wamid"), rs.getBoolean("forwarded"),
                target == null ? null : new TimelineMessage.Reaction(target, rs.getString("reaction_emoji")),
                rs.getString("customer_reaction"), rs.getBoolean("revoked"), rs.getString("edited_text"),
                rs.getString("sender"), instant(rs, "sent_at"),
                status == null ? null : new TimelineMessage.Delivery(status, instant(rs, "status_at"),
                        (Integer) rs.getObject("error_code"), rs.getString("error_title"), rs.getString("error_details")),
                rs.getString("send_state") == null ? null : new TimelineMessage.Send(rs.getString("send_state"),
                        (Integer) rs.getObject("send_error_code"), rs.getString("send_error_title"),
                        rs.getString("send_error_class")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
