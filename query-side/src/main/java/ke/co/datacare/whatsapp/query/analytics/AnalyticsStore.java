package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.api.conversation.OutboundMessageDelivered;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageFailed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessagePlayed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRead;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageSent;
import ke.co.datacare.whatsapp.api.query.FindAnalyticsOverview.Granularity;
import ke.co.datacare.whatsapp.query.batch.BatchWrites;
import ke.co.datacare.whatsapp.query.batch.KnownRows;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The writes of the analytics projection, kept for the batch of events in hand and written when it commits
 * ({@link BatchWrites}): the conversations and outbound messages the batch touches are read once and changed in
 * memory; counters are summed in memory and added to their rows (update, then insert the rows that were missing,
 * which PostgreSQL and H2 both run). The projection's single segment means no two writers race for a row.
 */
final class AnalyticsStore {

    static final String[] TABLES = {"analytics_error_daily", "analytics_outbound_daily", "analytics_outbound_message",
            "analytics_inbound_daily", "analytics_contact_activity", "analytics_contact", "analytics_conversation",
            "analytics_period_contacts"};

    private static final String KEY = AnalyticsStore.class.getName();
    /** The events whose wamid names a row of {@code analytics_outbound_message}. */
    private static final Set<Class<?>> STATUS_EVENTS = Set.of(OutboundMessageSent.class, OutboundMessageDelivered.class,
            OutboundMessageRead.class, OutboundMessagePlayed.class, OutboundMessageFailed.class);

    record OutboundMessage(LocalDate countedOn, OutboundProgress progress) {
    }

    private final JdbcTemplate jdbc;

    AnalyticsStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private Batch batch() {
        return BatchWrites.current(KEY, () -> new Batch(jdbc));
    }

    private static <T> T done(Batch batch, T result) {
        BatchWrites.done(batch);
        return result;
    }

    void startConversation(String conversationId, String contactId, long sequence) {
        Batch batch = batch();
        if (batch.conversation(conversationId) == null) {
            batch.conversations.put(conversationId, new Conversation(contactId, sequence, null, true));
        }
        done(batch, null);
    }

    /** The conversation's contact if the event at {@code sequence} was not applied yet, now marked applied. */
    Optional<String> advance(String conversationId, long sequence) {
        Batch batch = batch();
        Conversation conversation = batch.conversation(conversationId);
        if (conversation == null || conversation.lastSequence >= sequence) {
            return done(batch, Optional.empty());
        }
        conversation.lastSequence = sequence;
        conversation.changed = true;
        return done(batch, Optional.of(conversation.contactId));
    }

    void awaitReply(String conversationId, Instant since) {
        Batch batch = batch();
        Conversation conversation = batch.conversation(conversationId);
        if (conversation != null && conversation.awaitingReplySince == null) {
            conversation.awaitingReplySince = since;
            conversation.changed = true;
        }
        done(batch, null);
    }

    void countInbound(LocalDate day, String type) {
        Batch batch = batch();
        batch.inbound.merge(List.of(day, type), 1L, Long::sum);
        done(batch, null);
    }

    void markActive(String contactId, LocalDate day) {
        Batch batch = batch();
        batch.firstMessage.merge(contactId, day, (known, later) -> known.isAfter(later) ? later : known);
        batch.activity.add(List.of("day", day, contactId));
        batch.activity.add(List.of("week", AnalyticsCalendar.weekOf(day), contactId));
        done(batch, null);
    }

    Optional<OutboundMessage> outbound(String wamid) {
        Batch batch = batch();
        return done(batch, Optional.ofNullable(batch.outbound(wamid)).map(Outbound::message));
    }

    void saveOutbound(String wamid, LocalDate countedOn, OutboundProgress progress) {
        Batch batch = batch();
        Outbound known = batch.outbound(wamid);
        if (known == null) {
            batch.outbound.put(wamid, new Outbound(new OutboundMessage(countedOn, progress), true, true));
        } else {
            batch.outbound.put(wamid, new Outbound(new OutboundMessage(known.message().countedOn(), progress), known.created(),
                    true));
        }
        done(batch, null);
    }

    void countOutbound(LocalDate day, boolean newMessage, OutboundProgress before, OutboundProgress after) {
        Batch batch = batch();
        long[] counts = batch.outboundDaily.computeIfAbsent(day, ignored -> new long[5]);
        counts[0] += newMessage ? 1 : 0;
        counts[1] += crossed(before.sent(), after.sent());
        counts[2] += crossed(before.delivered(), after.delivered());
        counts[3] += crossed(before.read(), after.read());
        counts[4] += crossed(before.failed(), after.failed());
        done(batch, null);
    }

    void countError(LocalDate day, int code, String title) {
        Batch batch = batch();
        ErrorCount count = batch.errors.computeIfAbsent(List.of(day, code), ignored -> new ErrorCount());
        count.failures++;
        if (title != null) {
            count.title = title;
        }
        done(batch, null);
    }

    void clear() {
        for (String table : TABLES) {
            jdbc.update("delete from " + table);
        }
    }

    private static long crossed(boolean before, boolean after) {
        return !before && after ? 1 : 0;
    }

    private static final class Conversation {
        final String contactId;
        long lastSequence;
        Instant awaitingReplySince;
        final boolean created;
        boolean changed;

        Conversation(String contactId, long lastSequence, Instant awaitingReplySince, boolean created) {
            this.contactId = contactId;
            this.lastSequence = lastSequence;
            this.awaitingReplySince = awaitingReplySince;
            this.created = created;
            this.changed = created;
        }
    }

    private record Outbound(OutboundMessage message, boolean created, boolean changed) {
    }

    private static final class ErrorCount {
        long failures;
        String title;
    }

    /** The rows one batch of events reads and changes. */
    private static final class Batch implements BatchWrites.Batch {
        private final JdbcTemplate jdbc;
        /** Null values: read, not there. */
        private final Map<String, Conversation> conversations = new HashMap<>();
        private final Map<String, Outbound> outbound = new LinkedHashMap<>();
        private final Map<List<Object>, Long> inbound = new LinkedHashMap<>();
        private final Map<String, LocalDate> firstMessage = new LinkedHashMap<>();
        private final Set<List<Object>> activity = new LinkedHashSet<>();
        private final Map<LocalDate, long[]> outboundDaily = new LinkedHashMap<>();
        private final Map<List<Object>, ErrorCount> errors = new LinkedHashMap<>();

        Batch(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
            Set<String> aggregates = BatchWrites.aggregatesInBatch();
            aggregates.forEach(id -> conversations.put(id, null));
            BatchWrites.queryIn(jdbc, "select conversation_id, contact_id, last_sequence, awaiting_reply_since "
                    + "from analytics_conversation where conversation_id in", aggregates, rs -> conversations.put(
                    rs.getString(1), new Conversation(rs.getString(2), rs.getLong(3), instant(rs.getTimestamp(4)), false)));
            Set<String> wamids = new LinkedHashSet<>();
            for (Object payload : BatchWrites.payloadsInBatch(STATUS_EVENTS)) {
                wamids.add(wamidOf(payload));
            }
            wamids.remove(null);
            wamids.forEach(wamid -> outbound.put(wamid, null));
            BatchWrites.queryIn(jdbc, "select wamid, counted_on, progress, failed from analytics_outbound_message "
                    + "where wamid in", wamids, rs -> outbound.put(rs.getString("wamid"), new Outbound(new OutboundMessage(
                    rs.getObject("counted_on", LocalDate.class), new OutboundProgress(rs.getInt("progress"),
                    rs.getBoolean("failed"))), false, false)));
        }

        private static String wamidOf(Object payload) {
            if (payload instanceof OutboundMessageSent event) {
                return event.wamid();
            } else if (payload instanceof OutboundMessageDelivered event) {
                return event.wamid();
            } else if (payload instanceof OutboundMessageRead event) {
                return event.wamid();
            } else if (payload instanceof OutboundMessagePlayed event) {
                return event.wamid();
            } else if (payload instanceof OutboundMessageFailed event) {
                return event.wamid();
            }
            return null;
        }

        Conversation conversation(String id) {
            return KnownRows.known(conversations, id, absent -> BatchWrites.unwrittenRowsAbsent() ? null : jdbc.query(
                    "select contact_id, last_sequence, awaiting_reply_since from analytics_conversation "
                            + "where conversation_id = ?", rs -> rs.next()
                            ? new Conversation(rs.getString(1), rs.getLong(2), instant(rs.getTimestamp(3)), false)
                            : null,
                    absent));
        }

        Outbound outbound(String wamid) {
            return KnownRows.known(outbound, wamid, absent -> BatchWrites.unwrittenRowsAbsent() ? null : jdbc.query(
                    "select counted_on, progress, failed from analytics_outbound_message where wamid = ?",
                    rs -> rs.next() ? new Outbound(new OutboundMessage(rs.getObject("counted_on", LocalDate.class),
                            new OutboundProgress(rs.getInt("progress"), rs.getBoolean("failed"))), false, false) : null,
                    absent));
        }

        @Override
        public void flush() {
            List<Object[]> newConversations = new ArrayList<>();
            List<Object[]> changedConversations = new ArrayList<>();
            conversations.forEach((id, conversation) -> {
                if (conversation == null || !conversation.changed) {
                    return;
                }
                if (conversation.created) {
                    newConversations.add(new Object[]{id, conversation.contactId, conversation.lastSequence,
                            timestamp(conversation.awaitingReplySince)});
                } else {
                    changedConversations.add(new Object[]{conversation.lastSequence,
                            timestamp(conversation.awaitingReplySince), id});
                }
            });
            BatchWrites.executeAll(jdbc, "insert into analytics_conversation (conversation_id, contact_id, last_sequence, "
                    + "awaiting_reply_since) values (?, ?, ?, ?)", newConversations);
            BatchWrites.executeAll(jdbc, "update analytics_conversation set last_sequence = ?, awaiting_reply_since = ? "
                    + "where conversation_id = ?", changedConversations);

            Map<List<Object>, long[]> periodContacts = new LinkedHashMap<>();
            Map<String, LocalDate> known = new HashMap<>();
            BatchWrites.queryIn(jdbc, "select contact_id, first_message_on from analytics_contact where contact_id in",
                    firstMessage.keySet(), rs -> known.put(rs.getString(1), rs.getObject(2, LocalDate.class)));
            List<Object[]> contactUpdates = new ArrayList<>();
            List<Object[]> contactInserts = new ArrayList<>();
            firstMessage.forEach((contact, day) -> {
                contactUpdates.add(new Object[]{day, day, contact});
                contactInserts.add(new Object[]{contact, day});
                LocalDate before = known.get(contact);
                if (before == null || day.isBefore(before)) {
                    firstMessageMoved(periodContacts, before, day);
                }
            });
            upsert("update analytics_contact set first_message_on = case when first_message_on > ? then ? "
                            + "else first_message_on end where contact_id = ?", contactUpdates,
                    "insert into analytics_contact (contact_id, first_message_on) values (?, ?)", contactInserts);
            List<List<Object>> activityRows = List.copyOf(activity);
            int[] inserted = BatchWrites.executeAll(jdbc, "insert into analytics_contact_activity (granularity, "
                    + "period_start, contact_id) select ?, ?, ? where not exists (select 1 from analytics_contact_activity "
                    + "where granularity = ? and period_start = ? and contact_id = ?)", activityRows.stream().map(key ->
                    new Object[]{key.get(0), key.get(1), key.get(2), key.get(0), key.get(1), key.get(2)}).toList());
            for (int i = 0; i < inserted.length; i++) {
                if (inserted[i] > 0) {
                    periodContacts.computeIfAbsent(activityRows.get(i).subList(0, 2), ignored -> new long[2])[0]++;
                }
            }
            upsert("update analytics_period_contacts set active_contacts = active_contacts + ?, new_contacts = "
                            + "new_contacts + ? where granularity = ? and period_start = ?",
                    periodContacts.entrySet().stream().map(entry -> new Object[]{entry.getValue()[0], entry.getValue()[1],
                            entry.getKey().get(0), entry.getKey().get(1)}).toList(),
                    "insert into analytics_period_contacts (granularity, period_start, active_contacts, new_contacts) "
                            + "values (?, ?, ?, ?)",
                    periodContacts.entrySet().stream().map(entry -> new Object[]{entry.getKey().get(0),
                            entry.getKey().get(1), entry.getValue()[0], entry.getValue()[1]}).toList());

            upsert("update analytics_inbound_daily set messages = messages + ? where day_date = ? and message_type = ?",
                    inbound.entrySet().stream().map(entry -> new Object[]{entry.getValue(), entry.getKey().get(0),
                            entry.getKey().get(1)}).toList(),
                    "insert into analytics_inbound_daily (day_date, message_type, messages) values (?, ?, ?)",
                    inbound.entrySet().stream().map(entry -> new Object[]{entry.getKey().get(0), entry.getKey().get(1),
                            entry.getValue()}).toList());

            List<Object[]> newOutbound = new ArrayList<>();
            List<Object[]> changedOutbound = new ArrayList<>();
            outbound.forEach((wamid, row) -> {
                if (row == null || !row.changed()) {
                    return;
                }
                OutboundProgress progress = row.message().progress();
                if (row.created()) {
                    newOutbound.add(new Object[]{wamid, row.message().countedOn(), progress.rank(), progress.failed()});
                } else {
                    changedOutbound.add(new Object[]{progress.rank(), progress.failed(), wamid});
                }
            });
            BatchWrites.executeAll(jdbc, "insert into analytics_outbound_message (wamid, counted_on, progress, failed) "
                    + "values (?, ?, ?, ?)", newOutbound);
            BatchWrites.executeAll(jdbc, "update analytics_outbound_message set progress = ?, failed = ? where wamid = ?",
                    changedOutbound);

            upsert("update analytics_outbound_daily set messages = messages + ?, sent = sent + ?, delivered = delivered + ?, "
                            + "read_count = read_count + ?, failed = failed + ? where day_date = ?",
                    outboundDaily.entrySet().stream().map(entry -> new Object[]{entry.getValue()[0], entry.getValue()[1],
                            entry.getValue()[2], entry.getValue()[3], entry.getValue()[4], entry.getKey()}).toList(),
                    "insert into analytics_outbound_daily (day_date, messages, sent, delivered, read_count, failed) "
                            + "values (?, ?, ?, ?, ?, ?)",
                    outboundDaily.entrySet().stream().map(entry -> new Object[]{entry.getKey(), entry.getValue()[0],
                            entry.getValue()[1], entry.getValue()[2], entry.getValue()[3], entry.getValue()[4]}).toList());

            upsert("update analytics_error_daily set failures = failures + ?, error_title = coalesce(?, error_title) "
                            + "where day_date = ? and error_code = ?",
                    errors.entrySet().stream().map(entry -> new Object[]{entry.getValue().failures, entry.getValue().title,
                            entry.getKey().get(0), entry.getKey().get(1)}).toList(),
                    "insert into analytics_error_daily (day_date, error_code, error_title, failures) values (?, ?, ?, ?)",
                    errors.entrySet().stream().map(entry -> new Object[]{entry.getKey().get(0), entry.getKey().get(1),
                            entry.getValue().title, entry.getValue().failures}).toList());

            conversations.clear();
            outbound.clear();
            inbound.clear();
            firstMessage.clear();
            activity.clear();
            outboundDaily.clear();
            errors.clear();
        }

        /**
         * A contact is new in the day and the week of its first message: when that moves earlier (or is seen for the
         * first time), the contact stops being new in the old periods and becomes new in the new ones.
         */
        private static void firstMessageMoved(Map<List<Object>, long[]> periodContacts, LocalDate before, LocalDate after) {
            for (Granularity granularity : Granularity.values()) {
                String name = granularity.name().toLowerCase(Locale.ROOT);
                LocalDate now = AnalyticsCalendar.periodOf(after, granularity);
                LocalDate then = before == null ? null : AnalyticsCalendar.periodOf(before, granularity);
                if (!now.equals(then)) {
                    periodContacts.computeIfAbsent(List.of(name, now), ignored -> new long[2])[1]++;
                    if (then != null) {
                        periodContacts.computeIfAbsent(List.of(name, then), ignored -> new long[2])[1]--;
                    }
                }
            }
        }

        private void upsert(String update, List<Object[]> updates, String insert, List<Object[]> inserts) {
            BatchWrites.upsert(jdbc, update, updates, insert, inserts);
        }

        private static Instant instant(Timestamp timestamp) {
            return timestamp == null ? null : timestamp.toInstant();
        }

        private static Timestamp timestamp(Instant instant) {
            return instant == null ? null : Timestamp.from(instant);
        }
    }
}
