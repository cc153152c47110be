package ke.co.datacare.whatsapp.query.inbox;

import ke.co.datacare.whatsapp.query.batch.BatchWrites;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tag's conversations in the inbox's order, with their status, assignee and whether they have unread messages
 * ({@code inbox_conversation_tag}, with the contacts' tags it is made from in {@code inbox_contact_tag}), kept by
 * {@link InboxConversationProjection} in the unit of work that writes the rows: a tag's page is read from the index
 * {@code (tag, last_activity_at desc, conversation_id desc)}, or {@code (tag, status, ...)}, {@code (tag, assignee,
 * ...)} or {@code (tag, unread, ...)} with those filters, and stops after its rows, where the tagged contacts' conversations were all read to be ordered (10,000 for a tag on 1 % of a million
 * contacts).
 */
final class InboxTags {

    private InboxTags() {
    }

    /** What one batch changes: the contacts' tags (as they end up), new conversations, moved last activities. */
    static final class Changes {
        private final Map<List<String>, Boolean> tags = new LinkedHashMap<>();
        private final Map<String, Created> created = new LinkedHashMap<>();
        private final List<Object[]> moved = new ArrayList<>();

        private record Created(String contactId, InboxStatusCounts.Key key, Timestamp lastActivityAt) {
        }

        void tagged(String contactId, String tag, boolean present) {
            tags.put(List.of(contactId, tag), present);
        }

        /** A conversation this batch creates (status, assignee and unread in {@code key}): it carries its contact's tags. */
        void created(String conversationId, String contactId, InboxStatusCounts.Key key, Timestamp lastActivityAt) {
            created.put(conversationId, new Created(contactId, key, lastActivityAt));
        }

        /** A conversation whose status, assignee, unread or last activity may have moved from the stored ones. */
        void changed(String conversationId, InboxStatusCounts.Key storedKey, InboxStatusCounts.Key key,
                     Timestamp storedLastActivityAt, Timestamp lastActivityAt) {
            if (!Objects.equals(storedKey, key) || !Objects.equals(storedLastActivityAt, lastActivityAt)) {
                moved.add(new Object[]{status(key), assignee(key), key != null && key.unread(), lastActivityAt,
                        conversationId});
            }
        }

        private static String status(InboxStatusCounts.Key key) {
            return key == null ? null : key.status();
        }

        /** The assignee as the rows hold it: null for none (the counters' key holds ''). */
        private static String assignee(InboxStatusCounts.Key key) {
            return key == null || key.assignee().isEmpty() ? null : key.assignee();
        }

        /**
         * Writes the changes, after the batch's conversations are written: new conversations take the tags their
         * contacts had, then the batch's tag changes reach every conversation of their contacts (new ones too).
         */
        void write(JdbcTemplate jdbc) {
            if (!created.isEmpty()) {
                Map<String, List<String>> tagsOf = new HashMap<>();
                BatchWrites.queryIn(jdbc, "select contact_id, tag from inbox_contact_tag where contact_id in",
                        created.values().stream().map(Created::contactId).distinct().toList(),
                        rs -> tagsOf.computeIfAbsent(rs.getString("contact_id"), c -> new ArrayList<>())
                                .add(rs.getString("tag")));
                List<Object[]> rows = new ArrayList<>();
                created.forEach((conversation, row) -> tagsOf.getOrDefault(row.contactId(), List.of())
                        .forEach(tag -> rows.add(new Object[]{conversation, tag, status(row.key()),
                                assignee(row.key()), row.key() != null && row.key().unread(), row.lastActivityAt()})));
                BatchWrites.executeAll(jdbc, "insert into inbox_conversation_tag (conversation_id, tag, status, "
                        + "assignee, unread, last_activity_at) values (?, ?, ?, ?, ?, ?)", rows);
            }
            List<Object[]> contactInserts = new ArrayList<>();
            List<Object[]> contactDeletes = new ArrayList<>();
            List<Object[]> conversationInserts = new ArrayList<>();
            List<Object[]> conversationDeletes = new ArrayList<>();
            tags.forEach((key, present) -> {
                String contact = key.get(0);
                String tag = key.get(1);
                if (present) {
                    contactInserts.add(new Object[]{contact, tag, contact, tag});
                    conversationInserts.add(new Object[]{tag, contact, tag});
                } else {
                    contactDeletes.add(new Object[]{contact, tag});
                    conversationDeletes.add(new Object[]{tag, contact});
                }
            });
            BatchWrites.executeAll(jdbc, "delete from inbox_contact_tag where contact_id = ? and tag = ?", contactDeletes);
            BatchWrites.executeAll(jdbc, "insert into inbox_contact_tag (contact_id, tag) select ?, ? where not exists "
                    + "(select 1 from inbox_contact_tag where contact_id = ? and tag = ?)", contactInserts);
            BatchWrites.executeAll(jdbc, "delete from inbox_conversation_tag where tag = ? and conversation_id in "
                    + "(select c.conversation_id from inbox_conversation c where c.contact_id = ?)", conversationDeletes);
            BatchWrites.executeAll(jdbc, "insert into inbox_conversation_tag (conversation_id, tag, status, assignee, "
                    + "unread, last_activity_at) select c.conversation_id, ?, c.status, c.assignee, c.unread_count > 0, "
                    + "c.last_activity_at from "
                    + "inbox_conversation c where c.contact_id = ? "
                    + "and not exists (select 1 from inbox_conversation_tag g where g.conversation_id = "
                    + "c.conversation_id and g.tag = ?)", conversationInserts);
            BatchWrites.executeAll(jdbc, "update inbox_conversation_tag set status = ?, assignee = ?, unread = ?, "
                    + "last_activity_at = ? where "
                    + "conversation_id = ?", moved);
            tags.clear();
            created.clear();
            moved.clear();
        }
    }
}
