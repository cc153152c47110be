package ke.co.datacare.whatsapp.command.campaign;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.common.Refusal;
import ke.co.datacare.whatsapp.api.conversation.SendMessage;
import ke.co.datacare.whatsapp.command.batch.CommandBatch;
import ke.co.datacare.whatsapp.command.outbound.SendPreparation;
import ke.co.datacare.whatsapp.command.outbound.SendPreparation.PreparedSend;
import ke.co.datacare.whatsapp.command.outbound.TemplateCatalog;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fourth step of dispatch: hands the next pending recipients of some partitions to the outbound path, in one
 * transaction: the sends prepared in bulk ({@link SendPreparation}: new numbers registered, new conversations opened,
 * consent read, one read and one batch per lookup table), one {@link SendMessage} each (sender
 * {@code campaign:<id>}, message id {@code cmp-<campaignId>-<contactId>}), and the rows marked queued (or skipped
 * when the contact opted out meanwhile); the commands go in the order of their conversations, as in every unit of
 * work that changes several. A crash leaves all or nothing; a recipient queued twice anyway meets a
 * conversation that already has that message id and is ignored. A batch that fails is queued one by one, and a
 * recipient the conversation refuses is skipped with the refusal's code.
 */
final class RecipientQueue {

    private static final Logger log = LoggerFactory.getLogger(RecipientQueue.class);

    /** A pending recipient: a known contact, or a new phone number ({@code waId}) with its derived contact id. */
    record Pending(int seq, String contactId, String waId) {
    }

    /** What one batch did: queued these message ids, found nothing pending, or has to wait or pause. */
    record Batch(List<String> queued, boolean nonePending, Instant limitedUntil, boolean templateGone) {

        static Batch of(List<String> queued) {
            return new Batch(queued, false, null, false);
        }
    }

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;
    private final SendPreparation preparation;
    private final CampaignTemplates templates;
    private final MessagingLimitAdmission admission;
    private final RecipientProfiles profiles;
    private final CommandBatch transactions;

    RecipientQueue(JdbcTemplate jdbc, CommandGateway commands, SendPreparation preparation, CampaignTemplates templates,
                   MessagingLimitAdmission admission, RecipientProfiles profiles, CommandBatch transactions) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.preparation = preparation;
        this.templates = templates;
        this.admission = admission;
        this.profiles = profiles;
        this.transactions = transactions;
    }

    /** Queues up to {@code size} pending recipients of the given partitions (of {@code partitionCount}). */
    Batch queue(RunningCampaigns.Running campaign, Set<Integer> partitions, int partitionCount, int size, Instant now) {
        try {
            return transactions.inOneUnitOfWork(() -> queue(campaign, pending(campaign, partitions, partitionCount, size), now));
        } catch (RuntimeException batchFailure) {
            log.warn("Campaign {} batch failed, queueing one by one: {}", campaign.id(), batchFailure.toString());
            return queueOneByOne(campaign, pending(campaign, partitions, partitionCount, size), now);
        }
    }

    private Batch queueOneByOne(RunningCampaigns.Running campaign, List<Pending> pending, Instant now) {
        List<String> queued = new ArrayList<>();
        for (Pending recipient : pending) {
            try {
                Batch one = transactions.inOneUnitOfWork(() -> queue(campaign, stillPending(campaign, recipient), now));
                if (one.templateGone() || one.limitedUntil() != null) {
                    return one;
                }
                queued.addAll(one.queued());
            } catch (CommandExecutionException e) {
                Refusal refusal = e.getDetails().filter(Refusal.class::isInstance).map(Refusal.class::cast).orElseThrow(() -> e);
                log.info("Campaign {} skips recipient {}: {}", campaign.id(), recipient.seq(), refusal.code());
                jdbc.update("update campaign_recipient set state = 'skipped', reason = ?, wa_id = null "
                        + "where campaign_id = ? and seq = ? and state = 'pending'", skipReason(refusal.code()),
                        campaign.id().value(), recipient.seq());
            }
        }
        return Batch.of(queued);
    }

    /** In the caller's transaction: queues these recipients; nothing pending means the partitions are done. */
    private Batch queue(RunningCampaigns.Running campaign, List<Pending> pending, Instant now) {
        if (pending.isEmpty()) {
            return new Batch(List.of(), true, null, false);
        }
        Optional<TemplateCatalog.Template> template = templates.approved(campaign.content());
        if (template.isEmpty()) {
            return new Batch(List.of(), false, null, true);
        }
        MessagingLimitAdmission.Admission admitted = admission.admit(pending, now);
        if (admitted.admitted().isEmpty()) {
            return new Batch(List.of(), false, admitted.limitedUntil(), false);
        }
        String number = campaign.phoneNumberId();
        Map<String, PreparedSend> byNumber = preparation.toNumbersOpenedByTheirMessage(number, admitted.admitted().stream()
                .map(Pending::waId).filter(waId -> waId != null).toList(), now);
        Map<ContactId, PreparedSend> byContact = preparation.toContactsOpenedByTheirMessage(number, admitted.admitted().stream()
                .filter(recipient -> recipient.waId() == null).map(recipient -> ContactId.of(recipient.contactId()))
                .toList());
        Map<String, RecipientParameters.Contact> known = profiles.of(admitted.admitted().stream()
                .filter(recipient -> recipient.waId() == null).map(Pending::contactId).toList());
        List<String> queued = new ArrayList<>(admitted.admitted().size());
        List<Object[]> marks = new ArrayList<>(admitted.admitted().size());
        List<Object[]> skips = new ArrayList<>();
        Timestamp queuedAt = Timestamp.from(now);
        // in the order of their conversations, whose locks the batch holds until it commits (AggregateLocks)
        List<Map.Entry<Pending, PreparedSend>> sends = new ArrayList<>(admitted.admitted().size());
        for (Pending recipient : admitted.admitted()) {
            sends.add(Map.entry(recipient, recipient.waId() != null ? byNumber.get(recipient.waId())
                    : byContact.get(ContactId.of(recipient.contactId()))));
        }
        sends.sort(Comparator.comparing(entry -> entry.getValue().conversationId()));
        for (Map.Entry<Pending, PreparedSend> entry : sends) {
            Pending recipient = entry.getKey();
            PreparedSend send = entry.getValue();
            if (send.optedOut()) {
                preparation.open(send, now);
                skips.add(new Object[]{AudienceResolver.OPTED_OUT, campaign.id().value(), recipient.seq()});
                continue;
            }
            String contact = send.contactId().value();
            String messageId = campaign.id().messageIdFor(contact);
            RecipientParameters.Contact parameters = known.getOrDefault(contact,
                    new RecipientParameters.Contact(null, null, recipient.waId()));
            commands.sendAndWait(preparation.queueing(send, new SendMessage(send.conversationId(), messageId,
                    RecipientParameters.messageFor(campaign.content(), parameters), null, campaign.id().sender(),
                    template.get().marketing(), false, now)));
            queued.add(messageId);
            marks.add(new Object[]{contact, messageId, queuedAt, campaign.id().value(), recipient.seq()});
        }
        if (!skips.isEmpty()) {
            jdbc.batchUpdate("update campaign_recipient set state = 'skipped', reason = ?, wa_id = null "
                    + "where campaign_id = ? and seq = ?", skips);
        }
        if (!marks.isEmpty()) {
            jdbc.batchUpdate("update campaign_recipient set state = 'queued', contact_id = ?, message_id = ?, queued_at = ?, "
                    + "wa_id = null where campaign_id = ? and seq = ?", marks);
        }
        return Batch.of(queued);
    }

    private List<Pending> pending(RunningCampaigns.Running campaign, Set<Integer> partitions, int partitionCount, int size) {
        return jdbc.query("select seq, contact_id, wa_id from campaign_recipient where campaign_id = ? and state = 'pending' "
                        + "and " + RecipientPartitions.condition(partitions, partitionCount) + " order by seq limit ?",
                (rs, i) -> new Pending(rs.getInt(1), rs.getString(2), rs.getString(3)), campaign.id().value(), size);
    }

    private List<Pending> stillPending(RunningCampaigns.Running campaign, Pending recipient) {
        String state = jdbc.queryForObject("select state from campaign_recipient where campaign_id = ? and seq = ?",
                String.class, campaign.id().value(), recipient.seq());
        return "pending".equals(state) ? List.of(recipient) : List.of();
    }

    private static String skipReason(ErrorCode code) {
        return code == ErrorCode.CONTACT_OPTED_OUT ? AudienceResolver.OPTED_OUT : code.name();
    }
}
