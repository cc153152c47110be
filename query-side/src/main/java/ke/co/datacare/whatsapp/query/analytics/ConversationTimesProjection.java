package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.api.conversation.ConversationAssigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationHandedBackToBot;
import ke.co.datacare.whatsapp.api.conversation.ConversationReopened;
import ke.co.datacare.whatsapp.api.conversation.ConversationResolved;
import ke.co.datacare.whatsapp.api.conversation.ConversationStarted;
import ke.co.datacare.whatsapp.api.conversation.ConversationUnassigned;
import ke.co.datacare.whatsapp.api.conversation.DeliveryStatus;
import ke.co.datacare.whatsapp.api.conversation.HandoffRequested;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageAccepted;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageDelivered;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageFailed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessagePlayed;
import ke.co.datacare.whatsapp.api.conversation.BusinessAppMessageSent;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRead;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageSent;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateContent;
import ke.co.datacare.whatsapp.query.analytics.AnalyticsRollupProjection.TemplateProgress;
import ke.co.datacare.whatsapp.query.batch.BatchWrites;
import ke.co.datacare.whatsapp.query.batch.KnownRows;
import ke.co.datacare.whatsapp.query.readmodel.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Conversation times for analytics, in the read-model group (replayed with it): how long customers waited
 * for our first answer and who gave it, how long episodes took to resolve, which were handed to people and why,
 * assignments per agent, and how far each template message got. Every conversation event is applied once: the
 * last sequence applied per conversation is kept in {@code analytics_episode}. Bot messages are sent by
 * {@code bot}, agents' by {@code agent:<id>}; campaign messages are not answers.
 */
@Component
@ProcessingGroup(ReadModels.GROUP)
public class ConversationTimesProjection {

    static final String[] TABLES = {"analytics_template_message", "analytics_assignment", "analytics_handoff",
            "analytics_response", "analytics_episode_log", "analytics_episode"};

    private static final String AGENT = "agent:";

    private static final Set<Class<?>> TEMPLATE_EVENTS = Set.of(OutboundMessageQueued.class, OutboundMessageAccepted.class,
            OutboundMessageSent.class, OutboundMessageDelivered.class, OutboundMessageRead.class,
            OutboundMessagePlayed.class, OutboundMessageFailed.class);

    private final JdbcTemplate jdbc;
    private final AnalyticsRollupProjection rollups;

    public ConversationTimesProjection(JdbcTemplate jdbc, AnalyticsRollupProjection rollups) {
        this.jdbc = jdbc;
        this.rollups = rollups;
    }

    @EventHandler
    void on(ConversationStarted event, @SequenceNumber long sequence) {
        Batch batch = batch();
        String conversation = event.conversationId().value();
        if (batch.episode(conversation) == null) {
            batch.episodes.put(conversation, new Episode(sequence, 1, event.startedAt(), null, null, false, true));
            logEpisode(batch, conversation, 1, event.startedAt());
            rollups.episodeOpened(event.startedAt());
        }
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(ConversationReopened event, @SequenceNumber long sequence) {
        Batch batch = batch();
        String conversation = event.conversationId().value();
        Episode episode = batch.advance(conversation, sequence);
        if (episode != null) {
            episode.episode++;
            episode.openedAt = event.at();
            episode.handedOff = false;
            holder(episode, null);
            logEpisode(batch, conversation, episode.episode, event.at());
            rollups.episodeOpened(event.at());
        }
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(InboundMessageEvent event, @SequenceNumber long sequence) {
        Batch batch = batch();
        Episode episode = batch.advance(event.conversationId().value(), sequence);
        if (episode != null && event.opensWindow() && episode.waitingSince == null) {
            episode.waitingSince = event.sentAt();
        }
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(OutboundMessageQueued event, @SequenceNumber long sequence) {
        Batch batch = batch();
        queued(batch, event, sequence);
        BatchWrites.done(batch);
    }

    private void queued(Batch batch, OutboundMessageQueued event, long sequence) {
        String conversation = event.conversationId().value();
        Episode episode = batch.advance(conversation, sequence);
        if (episode == null) {
            return;
        }
        if (event.content() instanceof TemplateContent template && batch.template(event.messageId()) == null) {
            LocalDate day = AnalyticsCalendar.dayOf(event.queuedAt());
            batch.statements.add(INSERT_TEMPLATE, event.messageId(), template.name(), template.language(), day,
                    event.messageId());
            TemplateProgress queued = new TemplateProgress(template.name(), template.language(), day, false, 0, false);
            batch.templates.put(event.messageId(), queued);
            rollups.template(null, queued);
        }
        String sentBy = event.sentBy() == null ? "" : event.sentBy();
        boolean agent = sentBy.startsWith(AGENT);
        if (!agent && !"bot".equals(sentBy)) {
            return;
        }
        answered(batch, conversation, sequence, episode, event.queuedAt(), agent ? "agent" : "bot",
                agent ? sentBy.substring(AGENT.length()) : null);
    }

    /**
     * Staff answering from the WhatsApp Business app (coexistence) answer the customer as agents do: counted among the
     * team's first responses, with no agent of ours to credit.
     */
    @EventHandler
    void on(BusinessAppMessageSent event, @SequenceNumber long sequence) {
        Batch batch = batch();
        String conversation = event.conversationId().value();
        Episode episode = batch.advance(conversation, sequence);
        if (episode != null) {
            answered(batch, conversation, sequence, episode, event.sentAt(), "business-app", null);
        }
        BatchWrites.done(batch);
    }

    /** The first answer to a waiting customer: how long they waited, and who answered. */
    private void answered(Batch batch, String conversation, long sequence, Episode episode, Instant at,
                          String responder, String agentId) {
        Instant waitingSince = episode.waitingSince;
        if (waitingSince == null) {
            return;
        }
        long waited = Math.max(0, Duration.between(waitingSince, at).toSeconds());
        batch.statements.add(INSERT_RESPONSE, conversation, sequence, AnalyticsCalendar.dayOf(at), ts(waitingSince),
                waited, responder, agentId);
        rollups.answered(at, waited, !"bot".equals(responder), agentId, waitingSince);
        episode.waitingSince = null;
    }

    @EventHandler
    void on(HandoffRequested event, @SequenceNumber long sequence) {
        Batch batch = batch();
        String conversation = event.conversationId().value();
        Episode episode = batch.advance(conversation, sequence);
        if (episode != null) {
            batch.statements.add(INSERT_HANDOFF, conversation, sequence, AnalyticsCalendar.dayOf(event.at()), event.reason());
            batch.statements.add(HANDED_OFF, conversation, episode.episode);
            rollups.handoff(event.at(), event.reason());
            if (!episode.handedOff) {
                episode.handedOff = true;
                rollups.handedOff(episode.openedAt);
            }
        }
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(ConversationAssigned event, @SequenceNumber long sequence) {
        Batch batch = batch();
        String conversation = event.conversationId().value();
        Episode episode = batch.advance(conversation, sequence);
        if (episode != null) {
            batch.statements.add(INSERT_ASSIGNMENT, conversation, sequence, AnalyticsCalendar.dayOf(event.at()),
                    event.agentId());
            rollups.assigned(event.at(), event.agentId());
            holder(episode, event.agentId());
        }
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(ConversationUnassigned event, @SequenceNumber long sequence) {
        release(event.conversationId().value(), sequence);
    }

    @EventHandler
    void on(ConversationHandedBackToBot event, @SequenceNumber long sequence) {
        release(event.conversationId().value(), sequence);
    }

    @EventHandler
    void on(ConversationResolved event, @SequenceNumber long sequence) {
        Batch batch = batch();
        String conversation = event.conversationId().value();
        Episode episode = batch.advance(conversation, sequence);
        if (episode != null) {
            String by = event.by() != null && event.by().startsWith(AGENT) ? event.by().substring(AGENT.length()) : event.by();
            long seconds = Math.max(0, Duration.between(episode.openedAt, event.at()).toSeconds());
            batch.statements.add(RESOLVED, AnalyticsCalendar.dayOf(event.at()), seconds, by, conversation,
                    episode.episode);
            rollups.resolved(event.at(), seconds, by);
            holder(episode, null);
            episode.waitingSince = null;
        }
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(OutboundMessageAccepted event, @SequenceNumber long sequence) {
        Batch batch = batch();
        if (batch.advance(event.conversationId().value(), sequence) != null) {
            TemplateProgress before = batch.template(event.messageId());
            if (before != null) {
                batch.statements.add(ACCEPTED, event.messageId());
                moved(batch, event.messageId(), before, new TemplateProgress(before.name(), before.language(),
                        before.queuedOn(), true, before.rank(), before.failed()));
            }
        }
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(OutboundMessageSent event, @SequenceNumber long sequence) {
        progress(event.conversationId().value(), sequence, event.messageId(), DeliveryStatus.SENT);
    }

    @EventHandler
    void on(OutboundMessageDelivered event, @SequenceNumber long sequence) {
        progress(event.conversationId().value(), sequence, event.messageId(), DeliveryStatus.DELIVERED);
    }

    @EventHandler
    void on(OutboundMessageRead event, @SequenceNumber long sequence) {
        progress(event.conversationId().value(), sequence, event.messageId(), DeliveryStatus.READ);
    }

    @EventHandler
    void on(OutboundMessagePlayed event, @SequenceNumber long sequence) {
        progress(event.conversationId().value(), sequence, event.messageId(), DeliveryStatus.PLAYED);
    }

    @EventHandler
    void on(OutboundMessageFailed event, @SequenceNumber long sequence) {
        progress(event.conversationId().value(), sequence, event.messageId(), DeliveryStatus.FAILED);
    }

    @ResetHandler
    void reset() {
        for (String table : TABLES) {
            jdbc.update("delete from " + table);
        }
        rollups.clear();
    }

    /**
     * The progress of a template message only moves forward, so its updates commute: max of the ranks, failed once
     * failed. Other messages have no row here and are not written (most statuses are of session messages).
     */
    private void progress(String conversation, long sequence, String messageId, DeliveryStatus status) {
        Batch batch = batch();
        if (batch.advance(conversation, sequence) != null && messageId != null) {
            TemplateProgress before = batch.template(messageId);
            if (before != null && status == DeliveryStatus.FAILED) {
                batch.statements.add(FAILED, messageId);
                moved(batch, messageId, before, new TemplateProgress(before.name(), before.language(),
                        before.queuedOn(), before.accepted(), before.rank(), true));
            } else if (before != null) {
                int rank = OutboundProgress.NONE.with(status).rank();
                batch.statements.add(PROGRESS, rank, rank, messageId);
                moved(batch, messageId, before, new TemplateProgress(before.name(), before.language(),
                        before.queuedOn(), before.accepted(), Math.max(rank, before.rank()), before.failed()));
            }
        }
        BatchWrites.done(batch);
    }

    private void release(String conversation, long sequence) {
        Batch batch = batch();
        Episode episode = batch.advance(conversation, sequence);
        if (episode != null) {
            holder(episode, null);
        }
        BatchWrites.done(batch);
    }

    private void holder(Episode episode, String agent) {
        rollups.holder(episode.assignee, agent);
        episode.assignee = agent;
    }

    private void moved(Batch batch, String messageId, TemplateProgress before, TemplateProgress after) {
        batch.templates.put(messageId, after);
        rollups.template(before, after);
    }

    private static void logEpisode(Batch batch, String conversation, int episode, Instant openedAt) {
        batch.statements.add(INSERT_EPISODE_LOG, conversation, episode, AnalyticsCalendar.dayOf(openedAt), conversation,
                episode);
    }

    private Batch batch() {
        return BatchWrites.current(KEY, () -> new Batch(jdbc));
    }

    private static final String KEY = ConversationTimesProjection.class.getName();
    private static final String INSERT_EPISODE_LOG = "insert into analytics_episode_log (conversation_id, episode, "
            + "opened_on, handed_off) select ?, ?, ?, false where not exists (select 1 from analytics_episode_log "
            + "where conversation_id = ? and episode = ?)";
    private static final String INSERT_TEMPLATE = "insert into analytics_template_message (message_id, template_name, "
            + "language, queued_on, accepted, progress, failed) select ?, ?, ?, ?, false, 0, false where not exists "
            + "(select 1 from analytics_template_message where message_id = ?)";
    private static final String INSERT_RESPONSE = "insert into analytics_response (conversation_id, sequence_number, "
            + "responded_on, waited_from, wait_seconds, responder, agent_id) values (?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_HANDOFF = "insert into analytics_handoff (conversation_id, sequence_number, "
            + "day_date, reason) values (?, ?, ?, ?)";
    private static final String INSERT_ASSIGNMENT = "insert into analytics_assignment (conversation_id, sequence_number, "
            + "day_date, agent_id) values (?, ?, ?, ?)";
    private static final String HANDED_OFF = "update analytics_episode_log set handed_off = true where conversation_id = ? "
            + "and episode = ?";
    private static final String RESOLVED = "update analytics_episode_log set resolved_on = ?, resolution_seconds = ?, "
            + "resolved_by = ? where conversation_id = ? and episode = ?";
    private static final String ACCEPTED = "update analytics_template_message set accepted = true where message_id = ?";
    private static final String PROGRESS = "update analytics_template_message set progress = case when progress < ? "
            + "then ? else progress end where message_id = ?";
    private static final String FAILED = "update analytics_template_message set failed = true where message_id = ?";

    private static final class Episode {
        long lastSequence;
        int episode;
        Instant openedAt;
        Instant waitingSince;
        String assignee;
        boolean handedOff;
        final boolean created;

        Episode(long lastSequence, int episode, Instant openedAt, Instant waitingSince, String assignee, boolean handedOff,
                boolean created) {
            this.lastSequence = lastSequence;
            this.episode = episode;
            this.openedAt = openedAt;
            this.waitingSince = waitingSince;
            this.assignee = assignee;
            this.handedOff = handedOff;
            this.created = created;
        }
    }

    /**
     * The episodes one batch of events reads and changes, and its other writes: inserts first (they create the rows
     * the updates change), then updates, each kind in event order; the kinds touch different columns or rows.
     */
    private static final class Batch implements BatchWrites.Batch {
        private final JdbcTemplate jdbc;
        /** Null values: read, not there. */
        private final Map<String, Episode> episodes = new LinkedHashMap<>();
        private final BatchWrites.Statements statements = new BatchWrites.Statements(INSERT_EPISODE_LOG, INSERT_TEMPLATE,
                INSERT_RESPONSE, INSERT_HANDOFF, INSERT_ASSIGNMENT, HANDED_OFF, RESOLVED, ACCEPTED, PROGRESS, FAILED);
        private final Set<String> changed = new HashSet<>();
        /** Template messages by message id, as far as this batch knows them; null values: read, not a template. */
        private final Map<String, TemplateProgress> templates = new HashMap<>();

        Batch(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
            Set<String> aggregates = BatchWrites.aggregatesInBatch();
            aggregates.forEach(id -> episodes.put(id, null));
            BatchWrites.queryIn(jdbc, SELECT_EPISODE + " where conversation_id in", aggregates,
                    rs -> episodes.put(rs.getString(1), episode(rs)));
            Set<String> messageIds = new LinkedHashSet<>();
            for (Object payload : BatchWrites.payloadsInBatch(TEMPLATE_EVENTS)) {
                messageIds.add(messageIdOf(payload));
            }
            messageIds.remove(null);
            messageIds.forEach(id -> templates.put(id, null));
            BatchWrites.queryIn(jdbc, SELECT_TEMPLATE + " where message_id in", messageIds,
                    rs -> templates.put(rs.getString(1), template(rs)));
        }

        Episode episode(String conversation) {
            return KnownRows.known(episodes, conversation, absent -> BatchWrites.unwrittenRowsAbsent() ? null
                    : jdbc.query(SELECT_EPISODE + " where conversation_id = ?", rs -> rs.next() ? episode(rs) : null,
                    absent));
        }

        TemplateProgress template(String messageId) {
            if (messageId == null) {
                return null;
            }
            return KnownRows.known(templates, messageId, absent -> BatchWrites.unwrittenRowsAbsent() ? null
                    : jdbc.query(SELECT_TEMPLATE + " where message_id = ?", rs -> rs.next() ? template(rs) : null,
                    absent));
        }

        private static final String SELECT_EPISODE = "select conversation_id, last_sequence, episode, opened_at, "
                + "waiting_since, assignee, handed_off from analytics_episode";
        private static final String SELECT_TEMPLATE = "select message_id, template_name, language, queued_on, accepted, "
                + "progress, failed from analytics_template_message";

        private static Episode episode(java.sql.ResultSet rs) throws java.sql.SQLException {
            return new Episode(rs.getLong(2), rs.getInt(3), rs.getTimestamp(4).toInstant(), instant(rs.getTimestamp(5)),
                    rs.getString(6), rs.getBoolean(7), false);
        }

        private static TemplateProgress template(java.sql.ResultSet rs) throws java.sql.SQLException {
            return new TemplateProgress(rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class),
                    rs.getBoolean(5), rs.getInt(6), rs.getBoolean(7));
        }

        private static String messageIdOf(Object payload) {
            if (payload instanceof OutboundMessageQueued event) {
                return event.content() instanceof TemplateContent ? event.messageId() : null;
            } else if (payload instanceof OutboundMessageAccepted event) {
                return event.messageId();
            } else if (payload instanceof OutboundMessageSent event) {
                return event.messageId();
            } else if (payload instanceof OutboundMessageDelivered event) {
                return event.messageId();
            } else if (payload instanceof OutboundMessageRead event) {
                return event.messageId();
            } else if (payload instanceof OutboundMessagePlayed event) {
                return event.messageId();
            } else if (payload instanceof OutboundMessageFailed event) {
                return event.messageId();
            }
            return null;
        }

        /** The episode if the event at {@code sequence} was not applied yet; it is now marked applied. */
        Episode advance(String conversation, long sequence) {
            Episode episode = episode(conversation);
            if (episode == null || episode.lastSequence >= sequence) {
                return null;
            }
            episode.lastSequence = sequence;
            changed.add(conversation);
            return episode;
        }

        @Override
        public boolean writesOnlyStatements() {
            return true;
        }

        @Override
        public void flush() {
            List<Object[]> inserts = new ArrayList<>();
            List<Object[]> updates = new ArrayList<>();
            episodes.forEach((conversation, episode) -> {
                if (episode == null) {
                    return;
                }
                if (episode.created) {
                    inserts.add(new Object[]{conversation, episode.lastSequence, episode.episode, ts(episode.openedAt),
                            tsOrNull(episode.waitingSince), episode.assignee, episode.handedOff});
                } else if (changed.contains(conversation)) {
                    updates.add(new Object[]{episode.lastSequence, episode.episode, ts(episode.openedAt),
                            tsOrNull(episode.waitingSince), episode.assignee, episode.handedOff, conversation});
                }
            });
            BatchWrites.executeAll(jdbc, "insert into analytics_episode (conversation_id, last_sequence, episode, opened_at, "
                    + "waiting_since, assignee, handed_off) values (?, ?, ?, ?, ?, ?, ?)", inserts);
            BatchWrites.executeAll(jdbc, "update analytics_episode set last_sequence = ?, episode = ?, opened_at = ?, "
                    + "waiting_since = ?, assignee = ?, handed_off = ? where conversation_id = ?", updates);
            statements.execute(jdbc);
            episodes.clear();
            templates.clear();
            changed.clear();
        }

        private static Instant instant(Timestamp timestamp) {
            return timestamp == null ? null : timestamp.toInstant();
        }
    }

    private static Timestamp tsOrNull(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
