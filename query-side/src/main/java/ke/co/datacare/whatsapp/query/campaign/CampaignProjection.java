package ke.co.datacare.whatsapp.query.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.campaign.AudienceSpec;
import ke.co.datacare.whatsapp.api.campaign.CampaignAudienceResolved;
import ke.co.datacare.whatsapp.api.campaign.CampaignAudienceUploaded;
import ke.co.datacare.whatsapp.api.campaign.CampaignCancelled;
import ke.co.datacare.whatsapp.api.campaign.CampaignCompleted;
import ke.co.datacare.whatsapp.api.campaign.CampaignContent;
import ke.co.datacare.whatsapp.api.campaign.CampaignDispatchDeferred;
import ke.co.datacare.whatsapp.api.campaign.CampaignDraftUpdated;
import ke.co.datacare.whatsapp.api.campaign.CampaignDrafted;
import ke.co.datacare.whatsapp.api.campaign.CampaignId;
import ke.co.datacare.whatsapp.api.campaign.CampaignNumberChosen;
import ke.co.datacare.whatsapp.api.campaign.CampaignPaused;
import ke.co.datacare.whatsapp.api.campaign.CampaignResumed;
import ke.co.datacare.whatsapp.api.campaign.CampaignScheduled;
import ke.co.datacare.whatsapp.api.campaign.CampaignStarted;
import ke.co.datacare.whatsapp.api.campaign.ExcludedEntry;
import ke.co.datacare.whatsapp.api.campaign.SendWindow;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageAbandoned;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageAccepted;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageDelivered;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageFailed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessagePlayed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRead;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRetried;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageSendFailed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageSent;
import ke.co.datacare.whatsapp.query.batch.BatchWrites;
import ke.co.datacare.whatsapp.query.readmodel.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Campaigns and their recipients for the campaign endpoints: each campaign's definition (with the business number it
 * sends from), and lifecycle from its own events (applied only above the last sequence number seen, so a redelivery changes nothing), and one row per
 * campaign message from the outbound events of the recipients' conversations (sender {@code campaign:<id>}, message
 * ids {@code cmp-...}): queued, sent (accepted by Meta or reported sent), delivered, read, failed with Meta's error
 * code, and whether the customer replied afterwards. Status moves forward only; failed is final unless the message
 * is retried. Timestamps come from the events.
 */
@Component
@ProcessingGroup(ReadModels.GROUP)
class CampaignProjection {

    /** The tables this projection owns: nobody else writes or reads them by SQL. */
    static final List<String> TABLES = List.of("campaign_view", "campaign_recipient_view", "campaign_excluded_view");

    /** Ranks of the recipient statuses: a status is applied only over a lower one. */
    static final int QUEUED = 0;
    static final int SENT = 1;
    static final int DELIVERED = 2;
    static final int READ = 3;
    static final int FAILED = 9;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    CampaignProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(CampaignDrafted event, @SequenceNumber long sequence) {
        String id = event.campaignId().value();
        jdbc.update("insert into campaign_view (campaign_id, name, status, created_by, created_at, updated_at, last_sequence) "
                        + "select ?, ?, 'draft', ?, ?, ?, -1 where not exists (select 1 from campaign_view where campaign_id = ?)",
                id, event.name(), event.by(), ts(event.at()), ts(event.at()), id);
        define(event.campaignId(), sequence, event.name(), event.content(), event.audience(), event.sendWindow(), event.at());
    }

    @EventHandler
    void on(CampaignDraftUpdated event, @SequenceNumber long sequence) {
        define(event.campaignId(), sequence, event.name(), event.content(), event.audience(), event.sendWindow(), event.at());
    }

    @EventHandler
    void on(CampaignNumberChosen event, @SequenceNumber long sequence) {
        apply(event.campaignId(), sequence, "phone_number_id = ?, updated_at = ?", event.phoneNumberId(), ts(event.at()));
    }

    @EventHandler
    void on(CampaignAudienceUploaded event, @SequenceNumber long sequence) {
        apply(event.campaignId(), sequence, "uploaded_numbers = " + (event.append() ? "uploaded_numbers + ?" : "?")
                + ", updated_at = ?", event.contactIds().size(), ts(event.at()));
    }

    @EventHandler
    void on(CampaignScheduled event, @SequenceNumber long sequence) {
        apply(event.campaignId(), sequence, "status = 'scheduled', start_at = ?, updated_at = ?", ts(event.startAt()),
                ts(event.at()));
    }

    @EventHandler
    void on(CampaignStarted event, @SequenceNumber long sequence) {
        apply(event.campaignId(), sequence, "status = 'running', started_at = ?, updated_at = ?", ts(event.at()),
                ts(event.at()));
    }

    @EventHandler
    void on(CampaignAudienceResolved event, @SequenceNumber long sequence) {
        String id = event.campaignId().value();
        if (apply(event.campaignId(), sequence, "entries = ?, recipients = ?, excluded_json = ?, updated_at = ?",
                event.entries(), event.recipients(), write(event.excludedByReason()), ts(event.at())) == 0) {
            return;
        }
        jdbc.update("delete from campaign_excluded_view where campaign_id = ?", id);
        List<Object[]> rows = new ArrayList<>();
        for (ExcludedEntry entry : event.excludedEntries()) {
            rows.add(new Object[]{id, rows.size(), entry.entry(), entry.reason()});
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("insert into campaign_excluded_view (campaign_id, seq, entry, reason) values (?, ?, ?, ?)", rows);
        }
    }

    @EventHandler
    void on(CampaignPaused event, @SequenceNumber long sequence) {
        apply(event.campaignId(), sequence, "status = 'paused', paused_at = ?, pause_reason = ?, waiting_reason = null, "
                + "waiting_until = null, updated_at = ?", ts(event.at()), event.reason(), ts(event.at()));
    }

    @EventHandler
    void on(CampaignResumed event, @SequenceNumber long sequence) {
        apply(event.campaignId(), sequence, "status = 'running', pause_reason = null, updated_at = ?", ts(event.at()));
    }

    @EventHandler
    void on(CampaignDispatchDeferred event, @SequenceNumber long sequence) {
        apply(event.campaignId(), sequence, "waiting_reason = ?, waiting_until = ?", event.reason(), ts(event.until()));
    }

    @EventHandler
    void on(CampaignCancelled event, @SequenceNumber long sequence) {
        apply(event.campaignId(), sequence, "status = 'cancelled', cancelled_at = ?, waiting_reason = null, "
                + "waiting_until = null, updated_at = ?", ts(event.at()), ts(event.at()));
    }

    @EventHandler
    void on(CampaignCompleted event, @SequenceNumber long sequence) {
        apply(event.campaignId(), sequence, "status = 'completed', completed_at = ?, skipped_opted_out = ?, "
                + "waiting_reason = null, waiting_until = null, updated_at = ?", ts(event.at()), event.skippedOptedOut(),
                ts(event.at()));
    }

    @EventHandler
    void on(OutboundMessageQueued event) {
        CampaignId campaign = CampaignId.fromSender(event.sentBy());
        if (campaign == null) {
            return;
        }
        Recipients batch = BatchWrites.current(KEY, () -> new Recipients(jdbc));
        batch.recipient(event.conversationId().value(), "insert into campaign_recipient_view (message_id, campaign_id, "
                        + "contact_id, conversation_id, status, status_rank, queued_at, status_at) select ?, ?, ?, ?, 'queued', ?, ?, ? where not exists "
                        + "(select 1 from campaign_recipient_view where message_id = ?)", event.messageId(),
                campaign.value(), event.contactId().value(), event.conversationId().value(), QUEUED,
                ts(event.queuedAt()), ts(event.queuedAt()), event.messageId());
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(OutboundMessageAccepted event) {
        if (!CampaignId.isCampaignMessage(event.messageId())) {
            return;
        }
        recipients(event.conversationId(), "update campaign_recipient_view set wamid = ?, accepted_at = ? "
                        + "where message_id = ?",
                event.wamid(), ts(event.at()), event.messageId());
        advance(event.conversationId(), event.messageId(), null, "sent", SENT, event.at());
    }

    @EventHandler
    void on(OutboundMessageSent event) {
        advance(event.conversationId(), event.messageId(), event.wamid(), "sent", SENT, event.at());
    }

    @EventHandler
    void on(OutboundMessageDelivered event) {
        advance(event.conversationId(), event.messageId(), event.wamid(), "delivered", DELIVERED, event.at());
    }

    @EventHandler
    void on(OutboundMessageRead event) {
        advance(event.conversationId(), event.messageId(), event.wamid(), "read", READ, event.at());
    }

    @EventHandler
    void on(OutboundMessagePlayed event) {
        advance(event.conversationId(), event.messageId(), event.wamid(), "read", READ, event.at());
    }

    @EventHandler
    void on(OutboundMessageSendFailed event) {
        if (CampaignId.isCampaignMessage(event.messageId())) {
            recipients(event.conversationId(), "update campaign_recipient_view set error_code = ?, error_title = ? "
                            + "where message_id = ?",
                    event.errorCode(), truncate(event.errorTitle()), event.messageId());
        }
    }

    @EventHandler
    void on(OutboundMessageFailed event) {
        String key = event.messageId() != null ? event.messageId() : null;
        if (key != null && !CampaignId.isCampaignMessage(key)) {
            return;
        }
        recipients(event.conversationId(), "update campaign_recipient_view set status = 'failed', status_rank = ?, "
                        + "error_code = ?, error_title = ?, status_at = ? where " + (key != null ? "message_id = ?" : "wamid = ?"),
                FAILED, event.errorCode(), truncate(event.errorTitle()), ts(event.at()), key != null ? key : event.wamid());
    }

    @EventHandler
    void on(OutboundMessageAbandoned event) {
        if (CampaignId.isCampaignMessage(event.messageId())) {
            recipients(event.conversationId(), "update campaign_recipient_view set status = 'failed', "
                            + "status_rank = ?, error_title = "
                            + "coalesce(error_title, ?), status_at = ? where message_id = ?", FAILED,
                    truncate(event.reason()), ts(event.at()), event.messageId());
        }
    }

    @EventHandler
    void on(OutboundMessageRetried event) {
        if (CampaignId.isCampaignMessage(event.messageId())) {
            recipients(event.conversationId(), "update campaign_recipient_view set status = 'queued', "
                            + "status_rank = ?, wamid = null, "
                            + "accepted_at = null, status_at = ? where message_id = ? and status = 'failed'", QUEUED,
                    ts(event.at()), event.messageId());
        }
    }

    @EventHandler
    void on(InboundMessageEvent event) {
        if (event.opensWindow()) {
            recipients(event.conversationId(), "update campaign_recipient_view set replied_at = ? where "
                    + "conversation_id = ? and replied_at is null "
                    + "and queued_at <= ?", ts(event.sentAt()), event.conversationId().value(), ts(event.sentAt()));
        }
    }

    /**
     * A statement on the recipient rows of {@code conversation}, run with the batch's other recipient statements in
     * event order when the batch commits (consecutive ones of one kind, such as the replies of many conversations, in
     * one JDBC batch). Every recipient row lies in the conversation of the events that change it, so a statement
     * about a conversation without recipient rows changes nothing and is not sent: most messages are not a
     * campaign's, and without this every reply and status report would be an update that finds no row.
     */
    private void recipients(ConversationId conversation, String sql, Object... arguments) {
        Recipients batch = BatchWrites.current(KEY, () -> new Recipients(jdbc));
        batch.change(conversation.value(), sql, arguments);
        BatchWrites.done(batch);
    }

    private static final String KEY = CampaignProjection.class.getName();

    private static final class Recipients implements BatchWrites.Batch {
        private final JdbcTemplate jdbc;
        private final BatchWrites.Ordered statements = new BatchWrites.Ordered();
        /** The batch's conversations that have recipient rows (or will, by a statement of the batch); null: unknown. */
        private final Set<String> withRecipients;

        Recipients(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
            if (BatchWrites.inBatchOfEvents()) {
                withRecipients = new HashSet<>();
                BatchWrites.queryIn(jdbc, "select distinct conversation_id from campaign_recipient_view where "
                        + "conversation_id in", BatchWrites.aggregatesInBatch(),
                        rs -> withRecipients.add(rs.getString(1)));
            } else {
                withRecipients = null;
            }
        }

        /** A statement creating a recipient row in {@code conversation}. */
        void recipient(String conversation, String sql, Object... arguments) {
            if (withRecipients != null) {
                withRecipients.add(conversation);
            }
            statements.add(sql, arguments);
        }

        /** A statement changing recipient rows of {@code conversation}, if it has any. */
        void change(String conversation, String sql, Object... arguments) {
            if (withRecipients == null || withRecipients.contains(conversation)) {
                statements.add(sql, arguments);
            }
        }

        @Override
        public boolean writesOnlyStatements() {
            return true;
        }

        @Override
        public void flush() {
            statements.execute(jdbc);
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from campaign_excluded_view");
        jdbc.update("delete from campaign_recipient_view");
        jdbc.update("delete from campaign_view");
    }

    private void advance(ConversationId conversation, String messageId, String wamid, String status, int rank,
                         Instant at) {
        if (messageId != null && !CampaignId.isCampaignMessage(messageId)) {
            return;
        }
        if (messageId == null && wamid == null) {
            return;
        }
        recipients(conversation, "update campaign_recipient_view set status = ?, status_rank = ?, status_at = ? "
                        + "where "
                        + (messageId != null ? "message_id = ?" : "wamid = ?") + " and status_rank < ?",
                status, rank, ts(at), messageId != null ? messageId : wamid, rank);
    }

    private void define(CampaignId campaign, long sequence, String name, CampaignContent content, AudienceSpec audience,
                        SendWindow window, Instant at) {
        AudienceSpec spec = audience == null ? AudienceSpec.none() : audience;
        apply(campaign, sequence, "name = ?, template_name = ?, language = ?, content_json = ?, tags_json = ?, "
                        + "contact_ids = ?, phone_numbers = ?, window_json = ?, updated_at = ?", name, content.templateName(),
                content.language(), write(content), write(spec.tags()), spec.contactIds().size(),
                spec.phoneNumberCount(), window == null ? null : write(window), ts(at));
    }

    /** Applies a campaign event's change if it is newer than the last one applied; returns the rows changed. */
    private int apply(CampaignId campaign, long sequence, String assignments, Object... values) {
        Object[] arguments = new Object[values.length + 3];
        System.arraycopy(values, 0, arguments, 0, values.length);
        arguments[values.length] = sequence;
        arguments[values.length + 1] = campaign.value();
        arguments[values.length + 2] = sequence;
        return jdbc.update("update campaign_view set " + assignments + ", last_sequence = ? where campaign_id = ? "
                + "and last_sequence < ?", arguments);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serializable: " + value, e);
        }
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 512 ? text : text.substring(0, 512);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
