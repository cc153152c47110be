package ke.co.datacare.whatsapp.query.inbox;

import ke.co.datacare.whatsapp.api.inbox.FindInbox;
import ke.co.datacare.whatsapp.query.paging.SearchTerms;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The SQL condition of an inbox query; every value is a bind parameter. */
final class InboxFilter {

    private InboxFilter() {
    }

    /**
     * The filters of the query, and with {@code plainSearch} its search as plain containment (the embedded H2
     * database; on PostgreSQL {@link InboxSearch} finds the conversations through the search indexes). The tag is
     * checked on the conversation's own tag rows ({@code inbox_conversation_tag}, V168).
     */
    static String where(FindInbox query, Timestamp windowOpenSince, boolean plainSearch, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (present(query.status())) {
            conditions.add("c.status = ?");
            args.add(status(query));
        }
        if (present(query.assignee())) {
            conditions.add("c.assignee = ?");
            args.add(query.assignee());
        }
        if (Boolean.TRUE.equals(query.unassigned())) {
            conditions.add("c.assignee is null");
        }
        if ("open".equalsIgnoreCase(query.window())) {
            // the last activity is never older than the last customer message (the inbox projection moves it with
            // every message): bounded by it too, the open windows are read from the inbox's order, newest first
            conditions.add("c.last_customer_message_at > ? and c.last_activity_at > ?");
            args.add(windowOpenSince);
            args.add(windowOpenSince);
        } else if ("closed".equalsIgnoreCase(query.window())) {
            conditions.add("(c.last_customer_message_at is null or c.last_customer_message_at <= ?)");
            args.add(windowOpenSince);
        }
        if (Boolean.TRUE.equals(query.unread())) {
            conditions.add("c.unread_count > 0");
        } else if (Boolean.FALSE.equals(query.unread())) {
            conditions.add("c.unread_count = 0");
        }
        if (Boolean.TRUE.equals(query.arrivedLate())) {
            conditions.add("c.arrived_late_by_seconds is not null");
        } else if (Boolean.FALSE.equals(query.arrivedLate())) {
            conditions.add("c.arrived_late_by_seconds is null");
        }
        if (plainSearch && present(query.search())) {
            String pattern = SearchTerms.contains(query.search().trim().toLowerCase(Locale.ROOT).replace("+", ""));
            conditions.add("(lower(v.profile_name) like ? escape '!' or v.wa_id like ? escape '!' or exists (select 1 "
                    + "from timeline_message m where m.conversation_id = c.conversation_id and lower(m.text) like ? "
                    + "escape '!'))");
            args.add(pattern);
            args.add(pattern);
            args.add(pattern);
        }
        if (present(query.tag())) {
            // a search's candidates (the only reads that filter by a tag here: a tag's pages read
            // inbox_conversation_tag in their own order) are checked one by one through its primary key
            conditions.add("exists (select 1 from inbox_conversation_tag g where g.conversation_id = c.conversation_id "
                    + "and g.tag = ?)");
            args.add(query.tag().strip().toLowerCase(Locale.ROOT));
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    /**
     * Whether the query filters by nothing but status, assignee (mine), unassigned and unread: its total is a sum of
     * the inbox's counters ({@link InboxStatusCounts}).
     */
    static boolean counted(FindInbox query, Timestamp windowOpenSince) {
        FindInbox uncounted = new FindInbox(null, null, null, query.window(), null, query.search(), query.tag(),
                query.page(), query.size(), query.cursor(), query.arrivedLate());
        return where(uncounted, windowOpenSince, true, new ArrayList<>()).isEmpty();
    }

    /** The status filtered by, as the rows hold it; null when there is none. */
    static String status(FindInbox query) {
        return present(query.status()) ? query.status().toLowerCase(Locale.ROOT) : null;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
