package ke.co.datacare.whatsapp.query.inbox;

import ke.co.datacare.whatsapp.api.conversation.CustomerServiceWindow;
import ke.co.datacare.whatsapp.api.inbox.FindConversation;
import ke.co.datacare.whatsapp.api.conversation.LateArrival;
import ke.co.datacare.whatsapp.api.inbox.FindInbox;
import ke.co.datacare.whatsapp.api.inbox.FindTimeline;
import ke.co.datacare.whatsapp.api.inbox.InboxItem;
import ke.co.datacare.whatsapp.api.inbox.InboxPage;
import ke.co.datacare.whatsapp.api.inbox.TimelineMessage;
import ke.co.datacare.whatsapp.api.inbox.TimelinePage;
import ke.co.datacare.whatsapp.query.paging.KeysetPaging;
import ke.co.datacare.whatsapp.query.paging.PageCursor;
import ke.co.datacare.whatsapp.query.paging.IndexPlans;
import ke.co.datacare.whatsapp.query.paging.SqlDialect;
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
import java.util.Locale;
import java.util.Optional;

/**
 * Answers inbox and timeline queries from the read model tables of {@link InboxProjection}. Pages are read newest
 * first in (last activity, conversation id) order, by page number or after a {@link PageCursor}; a search is ranked
 * (contact matches first, then the newest matching messages) and paged by number.
 */
@Component
class InboxQueries {

    /**
     * The whole inbox and any mix of the status, assignee (mine), unassigned and unread filters take their exact total
     * from the inbox's counters ({@link InboxStatusCounts}); other filters (window, tag, arrived late, with or without
     * those) count their conversations up to {@link KeysetPaging#TOTAL_CAP} and one more: an exact total is a scan of
     * every matching row, which grows with the data; above the cap the total says "more than 10,000"
     * ({@link InboxPage#total()} is 10,001). A page after a cursor is not counted.
     */
    private static final String ORDER = " order by c.last_activity_at desc, c.conversation_id desc";
    private static final String ITEM = "select c.*, v.profile_name, v.wa_id, v.user_id, v.username";
    private static final String FROM = " from inbox_conversation c left join contact_view v on v.contact_id = c.contact_id";
    private static final String TIMELINE = "select m.*, s.status as delivery_status, s.status_at, s.error_code, "
            + "s.error_title, s.error_details from timeline_message m left join message_status s on s.wamid = m.wamid "
            + "where m.conversation_id = ?";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final boolean indexedSearch;
    private final IndexPlans indexPlans;
    private final WordFrequencies wordFrequencies;

    InboxQueries(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.indexedSearch = SqlDialect.isPostgres(jdbc);
        this.indexPlans = new IndexPlans(jdbc, indexedSearch);
        this.wordFrequencies = new WordFrequencies(jdbc, clock);
    }

    @QueryHandler
    InboxPage handle(FindInbox query) {
        return indexPlans.run(() -> page(query));
    }

    private InboxPage page(FindInbox query) {
        Instant now = clock.instant();
        Timestamp windowOpenSince = Timestamp.from(now.minus(CustomerServiceWindow.LENGTH));
        boolean search = query.search() != null && !query.search().isBlank();
        if (search && indexedSearch) {
            return search(query, now, windowOpenSince);
        }
        PageCursor after = search ? null : PageCursor.decode(query.cursor());
        if (!search && present(query.tag())) {
            return taggedPage(query, now, windowOpenSince, after);
        }
        List<Object> args = new ArrayList<>();
        String where = InboxFilter.where(query, windowOpenSince, true, args);
        long total = after != null ? -1 : InboxFilter.counted(query, windowOpenSince)
                ? InboxStatusCounts.count(jdbc, InboxFilter.status(query), present(query.assignee()) ? query.assignee()
                : null, query.unassigned(), query.unread())
                : KeysetPaging.total(jdbc, FROM + where, args, null);
        where = KeysetPaging.after(where, "c.last_activity_at", "c.conversation_id", after, args);
        String limit = KeysetPaging.limit(after, query.page(), query.size(), args);
        String sql = ITEM + FROM + where + ORDER + limit;
        if (indexedSearch) {
            // the page's conversations are found and ordered first, from the filter's index alone where it covers
            // them; only the page's rows are then read and joined to their contacts, never every row the filter
            // matches
            sql = ITEM + FROM + " where c.conversation_id in (select c.conversation_id from inbox_conversation c" + where
                    + ORDER + limit + ")" + ORDER;
        }
        List<InboxItem> items = jdbc.query(sql, (rs, i) -> item(rs, now, null), args.toArray());
        return new InboxPage(items, total, query.page(), query.size(), search ? null : next(items, query.size()));
    }

    /**
     * A tag's page: its conversations are read in the inbox's order from the tag's rows of
     * {@code inbox_conversation_tag} ({@link InboxTags}, index {@code (tag, last_activity_at desc, conversation_id
     * desc)}, or {@code (tag, status, ...)}, {@code (tag, assignee, ...)}, {@code (tag, unread, ...)} with those
     * filters; an open window reads them down to the window's start), the window and arrival checked on each
     * conversation's own row, and the read stops after the page. The total counts the tag's rows up to
     * {@link KeysetPaging#TOTAL_CAP} and one more, from the index alone when the tag's rows hold every filter. Before,
     * the tagged contacts' conversations were all read and ordered for every page (10,000 for a tag on 1 % of a million
     * contacts), and a tag with unread or an assignee that matched few of them read all of them to fill a page.
     */
    private InboxPage taggedPage(FindInbox query, Instant now, Timestamp windowOpenSince, PageCursor after) {
        FindInbox untagged = new FindInbox(null, null, null, query.window(), null, null, null, query.page(),
                query.size(), query.cursor(), query.arrivedLate());
        List<Object> args = new ArrayList<>();
        args.add(query.tag().strip().toLowerCase(Locale.ROOT));
        String condition = " where g.tag = ?";
        if (present(query.status())) {
            condition += " and g.status = ?";
            args.add(InboxFilter.status(query));
        }
        if (present(query.assignee())) {
            condition += " and g.assignee = ?";
            args.add(query.assignee());
        } else if (Boolean.TRUE.equals(query.unassigned())) {
            condition += " and g.assignee is null";
        }
        if (query.unread() != null) {
            condition += " and g.unread = ?";
            args.add(query.unread());
        }
        if ("open".equalsIgnoreCase(query.window())) {
            // an open window's last activity is inside it too: the tag's rows are read down to its start, no further
            condition += " and g.last_activity_at > ?";
            args.add(windowOpenSince);
        }
        String where = InboxFilter.where(untagged, windowOpenSince, false, args);
        String tagged = " from inbox_conversation_tag g" + (where.isEmpty() ? ""
                : " join inbox_conversation c on c.conversation_id = g.conversation_id");
        condition += where.isEmpty() ? "" : " and " + where.substring(" where ".length());
        long total = KeysetPaging.total(jdbc, tagged + condition, args, after);
        condition = KeysetPaging.after(condition, "g.last_activity_at", "g.conversation_id", after, args);
        String limit = KeysetPaging.limit(after, query.page(), query.size(), args);
        List<InboxItem> items = jdbc.query(ITEM + " from inbox_conversation_tag g join inbox_conversation c on "
                        + "c.conversation_id = g.conversation_id left join contact_view v on v.contact_id = c.contact_id"
                        + condition + " order by g.last_activity_at desc, g.conversation_id desc" + limit,
                (rs, i) -> item(rs, now, null), args.toArray());
        return new InboxPage(items, total, query.page(), query.size(), next(items, query.size()));
    }

    /** The cursor after a full page, none after the last. */
    private static String next(List<InboxItem> items, int size) {
        return items.size() < size ? null
                : new PageCursor(items.get(items.size() - 1).lastActivityAt(), items.get(items.size() - 1).id()).encode();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /**
     * A ranked search ({@link InboxSearch}): its hits, filtered, counted and paged in one statement; the count is of
     * the ranked candidates, so it never grows past twice {@link InboxSearch#CANDIDATES}. The hits are ranked and paged
     * on the conversations' own rows and the matching messages' times; the contacts' names and the matching texts are
     * read for the page's rows only (they were read for every candidate: at a million conversations, most of a
     * search's database time once the rows were no longer in the buffer cache).
     */
    private InboxPage search(FindInbox query, Instant now, Timestamp windowOpenSince) {
        List<Object> args = new ArrayList<>();
        String hits = InboxSearch.hits(query.search(), wordFrequencies, args);
        String where = InboxFilter.where(query, windowOpenSince, false, args);
        String from = " from hits h join inbox_conversation c on c.conversation_id = h.conversation_id";
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(query.size());
        pageArgs.add((long) query.page() * query.size());
        long[] total = {0};
        List<InboxItem> items = jdbc.query(hits + "select p.*, v.profile_name, v.wa_id, v.user_id, v.username, "
                        + "mm.text as match_text, mm.sent_at as match_at from (select c.*, "
                        + "count(*) over () as hit_count, h.rank, h.message_key as match_key, h.message_at" + from
                        + where + " order by h.rank, coalesce(h.message_at, c.last_activity_at) desc, "
                        + "c.conversation_id desc limit ? offset ?) p "
                        + "left join contact_view v on v.contact_id = p.contact_id left join timeline_message mm on "
                        + "mm.message_key = p.match_key order by p.rank, "
                        + "coalesce(p.message_at, p.last_activity_at) desc, p.conversation_id desc",
                (rs, i) -> {
                    total[0] = rs.getLong("hit_count");
                    return item(rs, now, new InboxItem.Match(rs.getInt("rank") == 0 ? "contact" : "message",
                            rs.getString("match_key"), rs.getString("match_text"), instant(rs, "match_at")));
                },
                pageArgs.toArray());
        if (items.isEmpty() && query.page() > 0) {
            Long counted = jdbc.queryForObject(hits + "select count(*)" + from + where, Long.class, args.toArray());
            total[0] = counted == null ? 0 : counted;
        }
        return new InboxPage(items, total[0], query.page(), query.size(), null);
    }

    @QueryHandler
    Optional<InboxItem> handle(FindConversation query) {
        Instant now = clock.instant();
        return jdbc.query(ITEM + FROM + " where c.conversation_id = ?", (rs, i) -> item(rs, now, null),
                query.conversationId()).stream().findFirst();
    }

    @QueryHandler
    List<TimelineMessage> handle(FindTimeline query) {
        return jdbc.query(TIMELINE + " order by m.sent_at, m.event_index", (rs, i) -> message(rs), query.conversationId());
    }

    /** A page of a timeline, oldest first, after the cursor's (sent at, event index). */
    @QueryHandler
    TimelinePage page(FindTimeline query) {
        if (query.size() <= 0) {
            return new TimelinePage(handle(query), null);
        }
        PageCursor after = PageCursor.decode(query.cursor());
        List<Object> args = new ArrayList<>(List.of(query.conversationId()));
        String sql = TIMELINE;
        if (after != null) {
            long index;
            try {
                index = Long.parseLong(after.key());
            } catch (NumberFormatException e) {
                throw PageCursor.invalid();
            }
            sql += " and (m.sent_at, m.event_index) > (?, ?)";
            args.add(Timestamp.from(after.at()));
            args.add(index);
        }
        args.add(query.size());
        List<TimelineMessage> items = new ArrayList<>();
        List<Long> indexes = new ArrayList<>();
        jdbc.query(sql + " order by m.sent_at, m.event_index limit ?", rs -> {
            items.add(message(rs));
            indexes.add(rs.getLong("event_index"));
        }, args.toArray());
        String next = items.size() < query.size() ? null : new PageCursor(items.get(items.size() - 1).timestamp(),
                String.valueOf(indexes.get(indexes.size() - 1))).encode();
        return new TimelinePage(items, next);
    }

    private static InboxItem item(ResultSet rs, Instant now, InboxItem.Match match) throws SQLException {
        Instant lastCustomer = instant(rs, "last_customer_message_at");
        return new InboxItem(rs.getString("conversation_id"),
                InboxItem.InboxContact.of(rs.getString("contact_id"), rs.getString("profile_name"),
                        rs.getString("username"), rs.getString("wa_id"), rs.getString("user_id")),
                new InboxItem.LastMessage(rs.getString("last_message_preview"), rs.getString("last_message_type"),
                        instant(rs, "last_message_at")),
                rs.getInt("unread_count"), rs.getString("status"), rs.getString("assignee"),
                CustomerServiceWindow.closesAt(lastCustomer), CustomerServiceWindow.isOpen(lastCustomer, now),
                instant(rs, "last_activity_at"), instant(rs, "sla_due_at"), instant(rs, "snoozed_until"),
                instant(rs, "escalated_at"), match, (Long) rs.getObject("arrived_late_by_seconds", Long.class));
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
                        rs.getString("send_error_class")), arrivedLate(rs));
    }

    private static TimelineMessage.ArrivedLate arrivedLate(ResultSet rs) throws SQLException {
        Instant receivedAt = instant(rs, "received_at");
        Long late = LateArrival.lateBySeconds(instant(rs, "sent_at"), receivedAt);
        return late == null ? null : new TimelineMessage.ArrivedLate(receivedAt, late);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
