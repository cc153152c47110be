package ke.co.datacare.whatsapp.chatbot.handoff;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.AssignWaitingConversation;
import ke.co.datacare.whatsapp.api.conversation.BusinessAppMessageSent;
import ke.co.datacare.whatsapp.api.conversation.ConversationAssigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationEscalated;
import ke.co.datacare.whatsapp.api.conversation.ConversationHandedBackToBot;
import ke.co.datacare.whatsapp.api.conversation.ConversationResolved;
import ke.co.datacare.whatsapp.api.conversation.ConversationSnoozed;
import ke.co.datacare.whatsapp.api.conversation.ConversationUnassigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationUnsnoozed;
import ke.co.datacare.whatsapp.api.conversation.HandoffRequested;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.ReassignOverdueConversation;
import ke.co.datacare.whatsapp.api.conversation.SetReplyDeadline;
import ke.co.datacare.whatsapp.api.conversation.WakeConversation;
import ke.co.datacare.whatsapp.chatbot.commands.ConversationCommands;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * The agents' side of a conversation, from the moment it leaves the bot (a handoff, an assignment or a snooze) until it
 * is handed back to the bot or resolved: a conversation with the bot has no saga, so its customer messages load none
 * (the bot decides in a processor of its own, {@link Chatbot}). When the bot hands off, the conversation waits
 * (PENDING) and is given to an available agent by the {@link AssignmentPolicy}. A person must answer within the reply
 * deadline ({@link ReplyDeadlinePolicy}, a persistent deadline), counted again when the customer writes after an
 * answer (at the time the message is processed, read from the service's injected {@link Clock}); a message staff typed
 * on the WhatsApp Business app (an echo) answers as an agent's reply does. Otherwise the
 * conversation goes to another available agent, or is escalated to the admins when there is none. Snoozes end at
 * their time through a persistent deadline too.
 */
@Saga
@ProcessingGroup(HandoffSaga.GROUP)
@ConditionalOnProperty(prefix = "datacare.handoff", name = "enabled", havingValue = "true", matchIfMissing = true)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true) // sagas stored before the bot left kept its context here
public class HandoffSaga {

    public static final String GROUP = "handoff";
    static final String REPLY_DEADLINE = "handoff-reply-due";
    static final String SNOOZE_DEADLINE = "handoff-snooze-ends";
    static final String BY_POLICY = "handoff";
    /** The association a saga holds while an agent has the conversation: only then do customer messages load it. */
    static final String ASSIGNED = "assignedConversationId";

    /** Who has the conversation, as far as this saga has seen ({@code BOT}: the saga has nothing to do). */
    public enum Stage { BOT, QUEUED, ASSIGNED, SNOOZED }

    @Autowired
    private transient CommandGateway commands;
    @Autowired
    private transient DeadlineManager deadlines;
    @Autowired
    private transient AgentAssigner agents;
    @Autowired
    private transient ReplyDeadlinePolicy replyDeadlines;
    @Autowired
    private transient Clock clock;

    private ConversationId conversationId;
    private Stage stage = Stage.BOT;
    private Stage stageBeforeSnooze;
    private String assignee;
    private boolean escalated;
    private String lastInboundWamid;
    private String replyDeadlineId;
    private Instant replyDueAt;
    private String snoozeDeadlineId;

    @StartSaga
    @SagaEventHandler(associationProperty = "conversationId")
    void on(HandoffRequested event) {
        conversationId = event.conversationId();
        moveTo(Stage.QUEUED);
        assignee = null;
        escalated = false;
        assignOrQueue(null, event.at());
    }

    /** An agent may take a conversation straight from the bot. */
    @StartSaga
    @SagaEventHandler(associationProperty = "conversationId")
    void on(ConversationAssigned event) {
        conversationId = event.conversationId();
        moveTo(Stage.ASSIGNED);
        assignee = event.agentId();
        escalated = false;
        cancelReplyDeadline();
        armReplyDeadline(event.agentId(), event.at());
    }

    @SagaEventHandler(associationProperty = "conversationId")
    void on(ConversationUnassigned event) {
        moveTo(Stage.QUEUED);
        assignee = null;
        escalated = false;
        cancelReplyDeadline();
        assignOrQueue(event.agentId(), event.at());
    }

    /**
     * A customer message to a conversation an agent holds: once the agent answered, writing again starts a new reply
     * deadline, counted from the processing time (a late message's too). Associated on {@value #ASSIGNED}, which the
     * saga holds only while an agent has the conversation: messages to a conversation with the bot or waiting in the
     * queue load no saga.
     */
    @SagaEventHandler(associationProperty = "conversationId", keyName = ASSIGNED)
    void on(InboundMessageEvent event) {
        if (event.wamid().equals(lastInboundWamid)) {
            return;
        }
        lastInboundWamid = event.wamid();
        if (stage == Stage.ASSIGNED && replyDueAt == null && !escalated && event.opensWindow()) {
            armReplyDeadline(assignee, clock.instant());
        }
    }

    /**
     * A person answered the customer: the reply deadline is met. Associated on {@code agentConversationId}, which only
     * agents' sends carry: the bot's own replies (one or more per customer message) never load the saga.
     */
    @SagaEventHandler(associationProperty = "agentConversationId", keyName = "conversationId")
    void on(OutboundMessageQueued event) {
        if (stage == Stage.ASSIGNED && event.agentConversationId() != null) {
            cancelReplyDeadline();
        }
    }

    /**
     * Staff answered on the WhatsApp Business app on our number (an echo, coexistence): that is the business's answer
     * as much as an agent's, so it meets the reply deadline as an agent's reply does. Associated on {@value #ASSIGNED},
     * like customer messages: an echo to a conversation with the bot or waiting in the queue loads no saga.
     */
    @SagaEventHandler(associationProperty = "conversationId", keyName = ASSIGNED)
    void on(BusinessAppMessageSent event) {
        if (stage == Stage.ASSIGNED) {
            cancelReplyDeadline();
        }
    }

    @DeadlineHandler(deadlineName = REPLY_DEADLINE)
    void replyOverdue(ReplyDue due) {
        if (!due.dueAt().equals(replyDueAt)) {
            return;
        }
        replyDeadlineId = null;
        replyDueAt = null;
        String next = agents.pick(due.agentId()).orElse(null);
        send(new ReassignOverdueConversation(conversationId, due.agentId(), due.dueAt(), next, due.dueAt()));
    }

    @SagaEventHandler(associationProperty = "conversationId")
    void on(ConversationEscalated event) {
        escalated = true;
        cancelReplyDeadline();
    }

    /** A snooze ends at its time, whoever held the conversation: a snoozed conversation of the bot gets a saga too. */
    @StartSaga
    @SagaEventHandler(associationProperty = "conversationId")
    void on(ConversationSnoozed event) {
        conversationId = event.conversationId();
        if (stage != Stage.SNOOZED) {
            stageBeforeSnooze = stage;
        }
        moveTo(Stage.SNOOZED);
        cancelReplyDeadline();
        cancelSnoozeDeadline();
        snoozeDeadlineId = deadlines.schedule(event.until(), SNOOZE_DEADLINE, new SnoozeEnds(event.until()));
    }

    @DeadlineHandler(deadlineName = SNOOZE_DEADLINE)
    void snoozeOver(SnoozeEnds ends) {
        snoozeDeadlineId = null;
        send(new WakeConversation(conversationId, ends.until(), ends.until()));
    }

    @SagaEventHandler(associationProperty = "conversationId")
    void on(ConversationUnsnoozed event) {
        cancelSnoozeDeadline();
        moveTo(stageBeforeSnooze == null ? Stage.BOT : stageBeforeSnooze);
        stageBeforeSnooze = null;
        if (stage == Stage.BOT) {
            SagaLifecycle.end(); // back with the bot: nothing left for people
            return;
        }
        if (event.cause() != null && event.cause().startsWith("agent:")) {
            return; // an agent's action woke it; the event of that action follows
        }
        if (stage == Stage.ASSIGNED && !escalated) {
            armReplyDeadline(assignee, event.at());
        } else if (stage == Stage.QUEUED && !escalated) {
            assignOrQueue(null, event.at());
        }
    }

    /** Back with the bot: the saga ends, unless a snooze still has to end at its time. */
    @SagaEventHandler(associationProperty = "conversationId")
    void on(ConversationHandedBackToBot event) {
        moveTo(Stage.BOT);
        assignee = null;
        escalated = false;
        cancelReplyDeadline();
        if (snoozeDeadlineId == null) {
            SagaLifecycle.end();
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "conversationId")
    void on(ConversationResolved event) {
        cancelReplyDeadline();
        cancelSnoozeDeadline();
    }

    private void moveTo(Stage next) {
        if (next == Stage.ASSIGNED && stage != Stage.ASSIGNED) {
            SagaLifecycle.associateWith(ASSIGNED, conversationId.value());
        } else if (next != Stage.ASSIGNED && stage == Stage.ASSIGNED) {
            SagaLifecycle.removeAssociationWith(ASSIGNED, conversationId.value());
        }
        stage = next;
    }

    private void assignOrQueue(String excludingAgentId, Instant at) {
        Optional<String> agent = agents.pick(excludingAgentId);
        if (agent.isPresent()) {
            send(new AssignWaitingConversation(conversationId, agent.get(), BY_POLICY, at));
        } else {
            armReplyDeadline(null, at);
        }
    }

    private void armReplyDeadline(String agentId, Instant from) {
        cancelReplyDeadline();
        Instant due = replyDeadlines.dueAt(from);
        replyDueAt = due;
        replyDeadlineId = deadlines.schedule(due, REPLY_DEADLINE, new ReplyDue(agentId, due));
        send(new SetReplyDeadline(conversationId, agentId, due, from));
    }

    private void cancelReplyDeadline() {
        if (replyDeadlineId != null) {
            deadlines.cancelSchedule(REPLY_DEADLINE, replyDeadlineId);
        }
        replyDeadlineId = null;
        replyDueAt = null;
    }

    private void cancelSnoozeDeadline() {
        if (snoozeDeadlineId != null) {
            deadlines.cancelSchedule(SNOOZE_DEADLINE, snoozeDeadlineId);
        }
        snoozeDeadlineId = null;
    }

    private void send(Object command) {
        ConversationCommands.send(commands, command, conversationId);
    }

    /** The payload of a reply deadline: who should have answered ({@code null}: the queue) and by when. */
    public record ReplyDue(String agentId, Instant dueAt) {
    }

    /** The payload of a snooze deadline. */
    public record SnoozeEnds(Instant until) {
    }
}
