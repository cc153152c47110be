package ke.co.datacare.whatsapp.command.conversation;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.ConversationMarkedRead;
import ke.co.datacare.whatsapp.api.conversation.ConversationReopened;
import ke.co.datacare.whatsapp.api.conversation.ConversationStarted;
import ke.co.datacare.whatsapp.api.conversation.DeliveryStatus;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvents;
import ke.co.datacare.whatsapp.api.conversation.BusinessAppMessageSent;
import ke.co.datacare.whatsapp.api.conversation.HistoricalMessageImported;
import ke.co.datacare.whatsapp.api.conversation.ImportConversationHistory;
import ke.co.datacare.whatsapp.api.conversation.RecordBusinessAppMessage;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageDelivered;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageFailed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessagePlayed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRead;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageSent;
import ke.co.datacare.whatsapp.api.conversation.RecordDeliveryStatus;
import ke.co.datacare.whatsapp.api.conversation.RecordInboundMessage;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.conversation.AbandonOutboundMessage;
import ke.co.datacare.whatsapp.api.conversation.CustomerServiceWindow;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageAbandoned;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageAccepted;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageAcceptedAfterFailure;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRetried;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageSendFailed;
import ke.co.datacare.whatsapp.api.conversation.RecordSendAcceptance;
import ke.co.datacare.whatsapp.api.conversation.RecordSendFailure;
import ke.co.datacare.whatsapp.api.conversation.RetryOutboundMessage;
import ke.co.datacare.whatsapp.api.conversation.SendMessage;
import ke.co.datacare.whatsapp.api.conversation.OpenConversation;
import ke.co.datacare.whatsapp.api.conversation.OpenConversationAndSend;
import ke.co.datacare.whatsapp.api.conversation.AddNote;
import ke.co.datacare.whatsapp.api.conversation.AssignConversation;
import ke.co.datacare.whatsapp.api.conversation.AssignWaitingConversation;
import ke.co.datacare.whatsapp.api.conversation.ConversationAssigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationEscalated;
import ke.co.datacare.whatsapp.api.conversation.ConversationHandedBackToBot;
import ke.co.datacare.whatsapp.api.conversation.ConversationResolved;
import ke.co.datacare.whatsapp.api.conversation.ConversationSnoozed;
import ke.co.datacare.whatsapp.api.conversation.ConversationUnassigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationUnsnoozed;
import ke.co.datacare.whatsapp.api.conversation.HandBackToBot;
import ke.co.datacare.whatsapp.api.conversation.HandoffRequested;
import ke.co.datacare.whatsapp.api.conversation.NoteAdded;
import ke.co.datacare.whatsapp.api.conversation.ReassignOverdueConversation;
import ke.co.datacare.whatsapp.api.conversation.ReopenConversation;
import ke.co.datacare.whatsapp.api.conversation.ReplyDeadlineMissed;
import ke.co.datacare.whatsapp.api.conversation.ReplyDeadlineSet;
import ke.co.datacare.whatsapp.api.conversation.RequestHandoff;
import ke.co.datacare.whatsapp.api.conversation.ResolveConversation;
import ke.co.datacare.whatsapp.api.conversation.SatisfactionRated;
import ke.co.datacare.whatsapp.api.conversation.SatisfactionSurvey;
import ke.co.datacare.whatsapp.api.conversation.SatisfactionSurveySent;
import ke.co.datacare.whatsapp.api.conversation.SetReplyDeadline;
import ke.co.datacare.whatsapp.api.conversation.MarkConversationRead;
import ke.co.datacare.whatsapp.api.conversation.SnoozeConversation;
import ke.co.datacare.whatsapp.api.conversation.UnassignConversation;
import ke.co.datacare.whatsapp.api.conversation.WakeConversation;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateContent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

import static ke.co.datacare.whatsapp.api.common.Refusal.refuse;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The thread between our business number and one contact: every message in both directions, the
 * 24-hour customer-service window and the support lifecycle. One long-lived aggregate per pair
 * (snapshotted), whose id is derived from the pair so that concurrent deliveries meet here.
 */
@Aggregate(repository = "conversationRepository")
// A snapshot of another revision is not loaded (Axon's RevisionSnapshotFilter): the conversation is read from its
// events instead. 1: an outbound message remembers whether an attempt failed (snapshots before had no revision).
@Revision("1")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Conversation {

    @AggregateIdentifier
    private ConversationId conversationId;
    private ContactId contactId;
    private String phoneNumberId;
    private ConversationStatus status;
    private Instant lastCustomerMessageAt;
    private String latestInboundWamid;
    private Instant latestInboundAt;
    private String readUpToWamid;
    private RecentMessageKeys seenInbound = new RecentMessageKeys();
    private BusinessAppRecord businessApp = new BusinessAppRecord();
    private Map<String, DeliveryStatus> outboundStatus = new HashMap<>();
    private Map<String, OutboundProgress> outbound = new LinkedHashMap<>();
    private Map<String, String> messageIdByWamid = new HashMap<>();
    private String assignee;
    private ConversationStatus statusBeforeSnooze;
    private Instant snoozedUntil;
    private Instant replyDueAt;
    @AggregateMember
    private SatisfactionSurveyState survey = new SatisfactionSurveyState();

    Conversation() {
        // required by Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordInboundMessage command) {
        startIfNew(command.conversationId(), command.contactId(), command.phoneNumberId(), command.sentAt());
        String key = InboundMessageKey.of(command.wamid(), command.message());
        if (seenInbound.contains(key)) {
            return;
        }
        // a tap on a survey's rating button asks nothing: it never reopens the conversation
        OptionalInt rating = SatisfactionSurvey.ratingOf(command.message());
        if (rating.isPresent()) {
            apply(InboundMessageEvents.from(command));
            if (survey.isAnsweredBy(command.context(), messageIdByWamid)) {
                apply(new SatisfactionRated(conversationId, survey.awaitingRating(), command.wamid(),
                        rating.getAsInt(), command.sentAt()));
            }
            return;
        }
        if (status == ConversationStatus.RESOLVED) {
            apply(new ConversationReopened(conversationId, command.sentAt()));
        } else if (status == ConversationStatus.SNOOZED) {
            apply(new ConversationUnsnoozed(conversationId, "customer-message", command.sentAt()));
        }
        apply(InboundMessageEvents.from(command));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordDeliveryStatus command) {
        startIfNew(command.conversationId(), command.contactId(), command.phoneNumberId(), command.at());
        if (!command.status().supersedes(outboundStatus.get(command.wamid()))) {
            return;
        }
        String wamid = command.wamid();
        String messageId = messageIdByWamid.get(wamid);
        if (command.status() == DeliveryStatus.FAILED && messageId != null && outbound.containsKey(messageId)) {
            apply(new OutboundMessageSendFailed(conversationId, messageId, outbound.get(messageId).attempt(),
                    command.errorCode(), command.errorTitle(), command.errorDetails(), command.errorClass(), command.at()));
        }
        apply(switch (command.status()) {
            case SENT -> new OutboundMessageSent(conversationId, wamid, messageId, command.at(), command.pricing());
            case DELIVERED -> new OutboundMessageDelivered(conversationId, wamid, messageId, command.at(), command.pricing());
            case READ -> new OutboundMessageRead(conversationId, wamid, messageId, command.at());
            case PLAYED -> new OutboundMessagePlayed(conversationId, wamid, messageId, command.at());
            case FAILED -> new OutboundMessageFailed(conversationId, wamid, messageId, command.at(),
                    command.errorCode(), command.errorTitle(), command.errorDetails(), command.errorClass());
        });
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(OpenConversation command) {
        startIfNew(command.conversationId(), command.contactId(), command.phoneNumberId(), command.at());
    }

    @CommandHandler
    void handle(SendMessage command) {
        if (outbound.containsKey(command.messageId())) {
            return;
        }
        refuseUnlessSendable(command);
        queue(command);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(OpenConversationAndSend command) {
        SendMessage message = command.message();
        if (outbound.containsKey(message.messageId())) {
            return;
        }
        refuseUnlessSendable(message);
        startIfNew(command.conversationId(), command.contactId(), command.phoneNumberId(), message.requestedAt());
        queue(message);
    }

    /** The 24-hour window and the opt-out, checked before anything is applied. */
    private void refuseUnlessSendable(SendMessage command) {
        boolean freeForm = !(command.content() instanceof TemplateContent);
        if (freeForm && !CustomerServiceWindow.isOpen(lastCustomerMessageAt, command.requestedAt())) {
            Instant closedAt = CustomerServiceWindow.closesAt(lastCustomerMessageAt);
            throw refuse(ErrorCode.WINDOW_CLOSED, closedAt == null
                    ? "The customer has not written yet: only an approved template can open the conversation"
                    : "The 24-hour customer-service window closed at " + closedAt + ": send an approved template instead",
                    closedAt == null ? Map.of("templateRequired", true)
                            : Map.of("windowClosedAt", closedAt.toString(), "templateRequired", true));
        }
        if (command.marketing() && command.contactOptedOut()) {
            throw refuse(ErrorCode.CONTACT_OPTED_OUT, "The contact opted out of marketing messages");
        }
    }

    private void queue(SendMessage command) {
        apply(new OutboundMessageQueued(conversationId, contactId, phoneNumberId, command.messageId(), command.content(),
                command.replyToWamid(),
                command.sentBy(), command.requestedAt()));
    }

    @CommandHandler
    void handle(RecordSendAcceptance command) {
        OutboundProgress progress = outbound.get(command.messageId());
        if (progress != null && progress.wamid() == null && !progress.abandoned()) {
            apply(new OutboundMessageAccepted(conversationId, command.messageId(), command.wamid(), command.at()));
            if (progress.failedBefore()) {
                apply(new OutboundMessageAcceptedAfterFailure(conversationId, command.messageId(), progress.attempt(),
                        command.at()));
            }
        }
    }

    @CommandHandler
    void handle(RecordSendFailure command) {
        OutboundProgress progress = outbound.get(command.messageId());
        if (progress != null && progress.wamid() == null && !progress.abandoned() && command.attempt() >= progress.attempt()) {
            apply(new OutboundMessageSendFailed(conversationId, command.messageId(), command.attempt(), command.errorCode(),
                    command.errorTitle(), command.errorDetails(), command.errorClass(), command.at()));
        }
    }

    @CommandHandler
    void handle(RetryOutboundMessage command) {
        OutboundProgress progress = outbound.get(command.messageId());
        if (progress != null && !progress.abandoned() && command.attempt() > progress.attempt()
                && (progress.wamid() == null || progress.failedAfterAcceptance())) {
            apply(new OutboundMessageRetried(conversationId, command.messageId(), command.attempt(), command.at()));
        }
    }

    @CommandHandler
    void handle(AbandonOutboundMessage command) {
        OutboundProgress progress = outbound.get(command.messageId());
        if (progress != null && !progress.abandoned() && (progress.wamid() == null || progress.failedAfterAcceptance())) {
            apply(new OutboundMessageAbandoned(conversationId, command.messageId(), command.reason(), command.at()));
        }
    }

    // --- support lifecycle: the bot, the queue, the agents ---------------------------------------------

    @CommandHandler
    void handle(RequestHandoff command) {
        if (status == ConversationStatus.OPEN) {
            apply(new HandoffRequested(conversationId, command.reason(), command.at()));
        }
    }

    @CommandHandler
    void handle(AssignConversation command) {
        requireNotResolved("assigned");
        if (command.agentId() == null || command.agentId().isBlank()) {
            throw refuse(ErrorCode.VALIDATION_FAILED, "An agent is required");
        }
        wakeIfSnoozed(command.by(), command.at());
        if (status != ConversationStatus.ASSIGNED || !command.agentId().equals(assignee)) {
            apply(new ConversationAssigned(conversationId, command.agentId(), command.by(), command.at()));
        }
    }

    @CommandHandler
    void handle(AssignWaitingConversation command) {
        if (status == ConversationStatus.PENDING && command.agentId() != null) {
            apply(new ConversationAssigned(conversationId, command.agentId(), command.by(), command.at()));
        }
    }

    @CommandHandler
    void handle(UnassignConversation command) {
        if (currentStatus() != ConversationStatus.ASSIGNED) {
            throw refuse(ErrorCode.CONFLICT, "No agent holds the conversation", Map.of("status", statusName()));
        }
        wakeIfSnoozed(command.by(), command.at());
        apply(new ConversationUnassigned(conversationId, assignee, command.by(), command.at()));
    }

    @CommandHandler
    void handle(ResolveConversation command) {
        requireNotResolved("resolved again");
        apply(new ConversationResolved(conversationId, command.by(), command.at()));
        SatisfactionSurvey asked = command.survey();
        if (asked != null && !outbound.containsKey(asked.messageId())) {
            apply(new OutboundMessageQueued(conversationId, contactId, phoneNumberId, asked.messageId(), asked.content(),
                    null, SatisfactionSurvey.SENDER, command.at()));
            apply(new SatisfactionSurveySent(conversationId, asked.messageId(), command.by(), survey.handoffReason(),
                    command.at()));
        }
    }

    @CommandHandler
    void handle(ReopenConversation command) {
        if (status != ConversationStatus.RESOLVED) {
            throw refuse(ErrorCode.CONFLICT, "Only a resolved conversation can be reopened", Map.of("status", statusName()));
        }
        apply(new ConversationReopened(conversationId, command.at()));
    }

    @CommandHandler
    void handle(SnoozeConversation command) {
        requireNotResolved("snoozed");
        if (command.until() == null || !command.until().isAfter(command.at())) {
            throw refuse(ErrorCode.VALIDATION_FAILED, "A snooze must end in the future");
        }
        if (status != ConversationStatus.SNOOZED || !command.until().equals(snoozedUntil)) {
            apply(new ConversationSnoozed(conversationId, command.until(), command.by(), command.at()));
        }
    }

    @CommandHandler
    void handle(WakeConversation command) {
        if (status == ConversationStatus.SNOOZED && Objects.equals(command.until(), snoozedUntil)) {
            apply(new ConversationUnsnoozed(conversationId, "time", command.at()));
        }
    }

    @CommandHandler
    void handle(HandBackToBot command) {
        requireNotResolved("handed back to the bot");
        if (currentStatus() == ConversationStatus.OPEN) {
            throw refuse(ErrorCode.CONFLICT, "The conversation is with the bot already", Map.of("status", statusName()));
        }
        wakeIfSnoozed(command.by(), command.at());
        apply(new ConversationHandedBackToBot(conversationId, command.by(), command.at()));
    }

    @CommandHandler
    void handle(MarkConversationRead command) {
        if (latestInboundWamid == null) {
            throw refuse(ErrorCode.CONFLICT, "The customer has not written yet: there is no message to mark as read");
        }
        if (command.typing() || !latestInboundWamid.equals(readUpToWamid)) {
            apply(new ConversationMarkedRead(conversationId, latestInboundWamid, command.typing(), command.by(), command.at()));
        }
    }

    @CommandHandler
    void handle(AddNote command) {
        if (command.text() == null || command.text().isBlank()) {
            throw refuse(ErrorCode.VALIDATION_FAILED, "A note needs a text");
        }
        apply(new NoteAdded(conversationId, command.noteId(), command.authorId(), command.text(), command.at()));
    }

    @CommandHandler
    void handle(SetReplyDeadline command) {
        if (awaitsReplyFrom(command.agentId()) && !Objects.equals(command.dueAt(), replyDueAt)) {
            apply(new ReplyDeadlineSet(conversationId, command.agentId(), command.dueAt(), command.at()));
        }
    }

    @CommandHandler
    void handle(ReassignOverdueConversation command) {
        String overdue = command.overdueAgentId();
        if (!awaitsReplyFrom(overdue) || replyDueAt == null || !replyDueAt.equals(command.dueAt())) {
            return;
        }
        apply(new ReplyDeadlineMissed(conversationId, overdue, command.dueAt(), command.at()));
        String next = command.nextAgentId();
        if (next != null && !next.equals(overdue)) {
            apply(new ConversationAssigned(conversationId, next, "sla", command.at()));
        } else {
            apply(new ConversationEscalated(conversationId, overdue, overdue == null
                    ? "No agent is available to take the conversation"
                    : "The agent did not answer in time and no other agent is available", command.at()));
        }
    }

    /** The status that counts for a decision: a snoozed conversation is judged by where it was before. */
    private ConversationStatus currentStatus() {
        return status == ConversationStatus.SNOOZED ? statusBeforeSnooze : status;
    }

    private boolean awaitsReplyFrom(String agentId) {
        return agentId == null ? status == ConversationStatus.PENDING
                : status == ConversationStatus.ASSIGNED && agentId.equals(assignee);
    }

    private void requireNotResolved(String action) {
        if (status == ConversationStatus.RESOLVED) {
            throw refuse(ErrorCode.CONFLICT, "A resolved conversation cannot be " + action + ": reopen it first",
                    Map.of("status", statusName()));
        }
    }

    private void wakeIfSnoozed(String by, Instant at) {
        if (status == ConversationStatus.SNOOZED) {
            apply(new ConversationUnsnoozed(conversationId, by, at));
        }
    }

    private String statusName() {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** What staff typed on the WhatsApp Business app (coexistence): recorded once per wamid. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordBusinessAppMessage command) {
        startIfNew(command.conversationId(), command.contactId(), command.phoneNumberId(), command.sentAt());
        if (!businessApp.recorded(command.wamid())) {
            apply(new BusinessAppMessageSent(conversationId, command.wamid(), command.sentAt(), command.content()));
        }
    }

    /**
     * A chunk of the business app's chat history, imported once. A conversation that only history begins is resolved
     * at once: its past needs nobody now, and the next customer message reopens it as any resolved one.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ImportConversationHistory command) {
        if (command.messages().isEmpty() || businessApp.imported(command.chunk())) {
            return;
        }
        boolean startedByHistory = conversationId == null;
        Instant first = ImportConversationHistory.earliest(command.messages());
        startIfNew(command.conversationId(), command.contactId(), command.phoneNumberId(), first);
        for (ImportConversationHistory.HistoricalMessage message : command.messages()) {
            apply(new HistoricalMessageImported(conversationId, message.wamid(), message.fromBusiness(),
                    message.sentAt(), message.content(), message.status(), command.chunk()));
        }
        if (startedByHistory) {
            apply(new ConversationResolved(conversationId, "history-import", first));
        }
    }

    @EventSourcingHandler
    void on(BusinessAppMessageSent event) {
        businessApp.recordedMessage(event.wamid(), event.sentAt());
    }

    @EventSourcingHandler
    void on(HistoricalMessageImported event) {
        businessApp.importedChunk(event.chunk());
    }

    private void startIfNew(ConversationId id, ContactId contact, String phoneNumberId, Instant at) {
        if (conversationId == null) {
            apply(new ConversationStarted(id, contact, phoneNumberId, at));
        }
    }

    @EventSourcingHandler
    void on(ConversationStarted event) {
        conversationId = event.conversationId();
        contactId = event.contactId();
        phoneNumberId = event.phoneNumberId();
        status = ConversationStatus.OPEN;
    }

    @EventSourcingHandler
    void on(ConversationReopened event) {
        status = ConversationStatus.OPEN;
        assignee = null;
        replyDueAt = null;
    }

    @EventSourcingHandler
    void on(HandoffRequested event) {
        status = ConversationStatus.PENDING;
    }

    @EventSourcingHandler
    void on(ConversationAssigned event) {
        status = ConversationStatus.ASSIGNED;
        assignee = event.agentId();
        replyDueAt = null;
    }

    @EventSourcingHandler
    void on(ConversationUnassigned event) {
        status = ConversationStatus.PENDING;
        assignee = null;
        replyDueAt = null;
    }

    @EventSourcingHandler
    void on(ConversationResolved event) {
        status = ConversationStatus.RESOLVED;
        assignee = null;
        replyDueAt = null;
        statusBeforeSnooze = null;
        snoozedUntil = null;
    }

    @EventSourcingHandler
    void on(ConversationSnoozed event) {
        if (status != ConversationStatus.SNOOZED) {
            statusBeforeSnooze = status;
        }
        status = ConversationStatus.SNOOZED;
        snoozedUntil = event.until();
        replyDueAt = null;
    }

    @EventSourcingHandler
    void on(ConversationUnsnoozed event) {
        status = statusBeforeSnooze == null ? ConversationStatus.OPEN : statusBeforeSnooze;
        statusBeforeSnooze = null;
        snoozedUntil = null;
    }

    @EventSourcingHandler
    void on(ConversationHandedBackToBot event) {
        status = ConversationStatus.OPEN;
        assignee = null;
        replyDueAt = null;
    }

    @EventSourcingHandler
    void on(ReplyDeadlineSet event) {
        replyDueAt = event.dueAt();
    }

    @EventSourcingHandler
    void on(ReplyDeadlineMissed event) {
        replyDueAt = null;
    }

    @EventSourcingHandler
    void on(InboundMessageEvent event) {
        seenInbound.remember(InboundMessageKey.of(event), event.sentAt());
        if (event.wamid() != null && (latestInboundAt == null || !event.sentAt().isBefore(latestInboundAt))) {
            latestInboundWamid = event.wamid();
            latestInboundAt = event.sentAt();
        }
        if (event.opensWindow() && (lastCustomerMessageAt == null || event.sentAt().isAfter(lastCustomerMessageAt))) {
            lastCustomerMessageAt = event.sentAt();
        }
    }

    @EventSourcingHandler
    void on(ConversationMarkedRead event) {
        readUpToWamid = event.wamid();
    }

    @EventSourcingHandler
    void on(OutboundMessageQueued event) {
        outbound.put(event.messageId(), OutboundProgress.queued());
        if (event.sentBy() != null && event.sentBy().startsWith("agent:")) {
            replyDueAt = null;
        }
    }

    @EventSourcingHandler
    void on(OutboundMessageAccepted event) {
        outbound.computeIfPresent(event.messageId(), (id, progress) -> progress.accepted(event.wamid()));
        messageIdByWamid.put(event.wamid(), event.messageId());
    }

    @EventSourcingHandler
    void on(OutboundMessageSendFailed event) {
        outbound.computeIfPresent(event.messageId(), (id, progress) -> progress.failed(event.attempt()));
    }

    @EventSourcingHandler
    void on(OutboundMessageRetried event) {
        outbound.computeIfPresent(event.messageId(), (id, progress) -> progress.retrying(event.attempt()));
    }

    @EventSourcingHandler
    void on(OutboundMessageAbandoned event) {
        outbound.computeIfPresent(event.messageId(), (id, progress) -> progress.abandon());
    }

    @EventSourcingHandler
    void on(OutboundMessageSent event) {
        outboundStatus.put(event.wamid(), DeliveryStatus.SENT);
    }

    @EventSourcingHandler
    void on(OutboundMessageDelivered event) {
        outboundStatus.put(event.wamid(), DeliveryStatus.DELIVERED);
    }

    @EventSourcingHandler
    void on(OutboundMessageRead event) {
        outboundStatus.put(event.wamid(), DeliveryStatus.READ);
    }

    @EventSourcingHandler
    void on(OutboundMessagePlayed event) {
        outboundStatus.put(event.wamid(), DeliveryStatus.PLAYED);
    }

    @EventSourcingHandler
    void on(OutboundMessageFailed event) {
        outboundStatus.put(event.wamid(), DeliveryStatus.FAILED);
        if (event.messageId() != null) {
            outbound.computeIfPresent(event.messageId(), (id, progress) -> progress.failedLater());
        }
    }
}
