package ke.co.datacare.whatsapp.chatbot.handoff;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.common.Refusal;
import ke.co.datacare.whatsapp.api.conversation.AssignWaitingConversation;
import ke.co.datacare.whatsapp.api.conversation.ConversationAssigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationEscalated;
import ke.co.datacare.whatsapp.api.conversation.ConversationHandedBackToBot;
import ke.co.datacare.whatsapp.api.conversation.ConversationReopened;
import ke.co.datacare.whatsapp.api.conversation.ConversationResolved;
import ke.co.datacare.whatsapp.api.conversation.ConversationSnoozed;
import ke.co.datacare.whatsapp.api.conversation.ConversationStarted;
import ke.co.datacare.whatsapp.api.conversation.ConversationUnassigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationUnsnoozed;
import ke.co.datacare.whatsapp.api.conversation.HandoffRequested;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.ReassignOverdueConversation;
import ke.co.datacare.whatsapp.api.conversation.RequestHandoff;
import ke.co.datacare.whatsapp.api.conversation.SendMessage;
import ke.co.datacare.whatsapp.api.conversation.SetReplyDeadline;
import ke.co.datacare.whatsapp.api.conversation.WakeConversation;
import ke.co.datacare.whatsapp.chatbot.context.ChatbotConfigHolder;
import ke.co.datacare.whatsapp.chatbot.context.ConversationContextStore;
import ke.co.datacare.whatsapp.chatbot.engine.Arrival;
import ke.co.datacare.whatsapp.chatbot.engine.BotDecision;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig;
import ke.co.datacare.whatsapp.chatbot.engine.BotInput;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.Menu;
import ke.co.datacare.whatsapp.chatbot.engine.ConversationContext;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * One per conversation episode, from the moment it opens (started or reopened) until it is resolved. While the
 * conversation is with the bot, every customer message is offered to the {@link ke.co.datacare.whatsapp.chatbot.engine.ChatbotEngine}
 * at the time it is processed, read from the service's injected {@link Clock} (after an outage or a backlog, hours
 * after the customer wrote; the customer's time tells the engine how late the message is), and its replies go out as
 * ordinary {@link SendMessage} commands from {@code bot}. When the bot hands off, the conversation waits (PENDING) and
 * is given to an available agent by the {@link AssignmentPolicy}; the bot stays silent while people hold it. A
 * person must answer within the reply deadline ({@link ReplyDeadlinePolicy}, a persistent deadline): otherwise the conversation goes to another
 * available agent, or is escalated to the admins when there is none. Snoozes end at their time through a
 * persistent deadline too. The bot's context lives in the saga itself during an episode; what outlives the episode
 * (the day of the last out-of-office reply) is also kept in the {@link ConversationContextStore} (Redis), read when an
 * episode begins, so a store outage costs the bot nothing but memory across episodes.
 */
@Saga
@ProcessingGroup(HandoffSaga.GROUP)
@ConditionalOnProperty(prefix = "datacare.handoff", name = "enabled", havingValue = "true", matchIfMissing = true)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class HandoffSaga {

    public static final String GROUP = "handoff";
    static final String REPLY_DEADLINE = "handoff-reply-due";
    static final String SNOOZE_DEADLINE = "handoff-snooze-ends";
    static final String BOT = "bot";
    static final String BOT_ERROR = "BOT_ERROR";
    static final String BY_POLICY = "handoff";

    private static final Logger log = LoggerFactory.getLogger(HandoffSaga.class);

    /** Who has the conversation, as far as this saga has seen. */
    public enum Stage { BOT, QUEUED, ASSIGNED, SNOOZED }

    @Autowired
    private transient CommandGateway commands;
    @Autowired
    private transient DeadlineManager deadlines;
    @Autowired
    private transient ChatbotConfigHolder chatbot;
    @Autowired
    private transient ConversationContextStore contexts;
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
    private ConversationContext context;
    private String lastInboundWamid;
    private String replyDeadlineId;
    private Instant replyDueAt;
    private String snoozeDeadlineId;

    /** A new conversation has no earlier episode: the bot starts afresh without asking the context store. */
    @StartSaga
    @SagaEventHandler(associationProperty = "conversationId")
    void on(ConversationStarted event) {
        begin(event.conversationId());
        if (context == null) {
            context = ConversationContext.fresh();
        }
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "conversationId")
    void on(ConversationReopened event) {
        begin(event.conversationId());
    }

    /**
     * Also starts the saga for conversations that opened before it existed. The processing time is "now" for every
     * decision; a late message's reply deadline counts from it too.
     */
    @StartSaga
    @SagaEventHandler(associationProperty = "conversationId")
    void on(InboundMessageEvent event) {
        Instant now = clock.instant();
        if (conversationId == null) {
            begin(event.conversationId());
        }
        if (event.wamid().equals(lastInboundWamid)) {
            return;
        }
        lastInboundWamid = event.wamid();
        if (stage == Stage.BOT) {
            offerToBot(event, now);
        } else if (stage == Stage.ASSIGNED && replyDueAt == null && !escalated && event.opensWindow()) {
            armReplyDeadline(assignee, now);
        }
    }

    @SagaEventHandler(associationProperty = "conversationId")
    void on(HandoffRequested event) {
        stage = Stage.QUEUED;
        assignee = null;
        escalated = false;
        assignOrQueue(null, event.at());
    }

    @SagaEventHandler(associationProperty = "conversationId")
    void on(ConversationAssigned event) {
        stage = Stage.ASSIGNED;
        assignee = event.agentId();
        escalated = false;
        cancelReplyDeadline();
        armReplyDeadline(event.agentId(), event.at());
    }

    @SagaEventHandler(associationProperty = "conversationId")
    void on(ConversationUnassigned event) {
        stage = Stage.QUEUED;
        assignee = null;
        escalated = false;
        cancelReplyDeadline();
        assignOrQueue(event.agentId(), event.at());
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

    @SagaEventHandler(associationProperty = "conversationId")
    void on(ConversationSnoozed event) {
        if (stage != Stage.SNOOZED) {
            stageBeforeSnooze = stage;
        }
        stage = Stage.SNOOZED;
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
        stage = stageBeforeSnooze == null ? Stage.BOT : stageBeforeSnooze;
        stageBeforeSnooze = null;
        if (event.cause() != null && event.cause().startsWith("agent:")) {
            return; // an agent's action woke it; the event of that action follows
        }
        if (stage == Stage.ASSIGNED && !escalated) {
            armReplyDeadline(assignee, event.at());
        } else if (stage == Stage.QUEUED && !escalated) {
            assignOrQueue(null, event.at());
        }
    }

    @SagaEventHandler(associationProperty = "conversationId")
    void on(ConversationHandedBackToBot event) {
        stage = Stage.BOT;
        assignee = null;
        escalated = false;
        cancelReplyDeadline();
        startAfresh();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "conversationId")
    void on(ConversationResolved event) {
        cancelReplyDeadline();
        cancelSnoozeDeadline();
        startAfresh();
    }

    private void begin(ConversationId id) {
        conversationId = id;
        stage = Stage.BOT;
        stageBeforeSnooze = null;
        assignee = null;
        escalated = false;
    }

    private void offerToBot(InboundMessageEvent event, Instant now) {
        Optional<BotInput> input = BotInputs.of(event);
        if (input.isEmpty()) {
            return;
        }
        BotDecision decision;
        try {
            decision = chatbot.engine().decide(input.get(), currentContext(), new Arrival(event.sentAt(), now));
        } catch (RuntimeException e) {
            log.error("The bot failed on message {} of conversation {}; handing the conversation to people",
                    event.wamid(), conversationId, e);
            handOff(BOT_ERROR, now);
            return;
        }
        if (decision instanceof BotDecision.Answer answer) {
            reply(event, now, answer.text(), answer.menu(), answer.flow());
        } else if (decision instanceof BotDecision.Handoff handoff) {
            handoff.textToCustomer().ifPresent(text -> reply(event, now, text, Optional.empty(), Optional.empty()));
            handOff(handoff.reason().name(), now);
        }
        remember(decision.next()); // only once the commands went through: a retried message is decided afresh
    }

    private void handOff(String reason, Instant at) {
        stage = Stage.QUEUED;
        send(new RequestHandoff(conversationId, reason, at));
    }

    private void reply(InboundMessageEvent event, Instant now, String text, Optional<Menu> menu,
                       Optional<ChatbotConfig.FlowOffer> flow) {
        for (BotReplies.Outgoing message : BotReplies.of(event.wamid(), text, menu, flow)) {
            send(new SendMessage(conversationId, message.messageId(), message.content(), null, BOT, false, false,
                    now));
        }
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

    /** Sends a command; a refusal (the window closed, the conversation moved on) is logged, not retried. */
    private void send(Object command) {
        try {
            commands.sendAndWait(command);
        } catch (CommandExecutionException e) {
            if (!(e.getDetails().orElse(null) instanceof Refusal refusal)) {
                throw e;
            }
            log.info("{} for conversation {} was refused ({}): {}", command.getClass().getSimpleName(), conversationId,
                    refusal.code(), e.getMessage());
        }
    }

    private ConversationContext currentContext() {
        if (context != null) {
            return context;
        }
        try {
            context = contexts.load(conversationId.value()).orElseGet(ConversationContext::fresh);
        } catch (RuntimeException e) {
            log.warn("Chatbot context of conversation {} unavailable, starting afresh: {}", conversationId, e.toString());
            context = ConversationContext.fresh();
        }
        return context;
    }

    /**
     * Keeps the context for the episode's next message in the saga, and in the store only what outlives the episode
     * changed (the day of the last out-of-office reply): the store is read only when an episode begins, so writing
     * every decision there cost a round trip per message for nothing.
     */
    private void remember(ConversationContext next) {
        ConversationContext before = context;
        context = next;
        if (before == null || !Objects.equals(before.outOfOfficeRepliedOn(), next.outOfOfficeRepliedOn())) {
            store(next);
        }
    }

    private void store(ConversationContext next) {
        try {
            contexts.save(conversationId.value(), next);
        } catch (RuntimeException e) {
            log.warn("Chatbot context of conversation {} not stored: {}", conversationId, e.toString());
        }
    }

    /** The bot forgets the episode, except that it already sent today's out-of-office reply. */
    private void startAfresh() {
        context = ConversationContext.fresh().withOutOfOfficeRepliedOn(currentContext().outOfOfficeRepliedOn());
        store(context);
    }

    /** The payload of a reply deadline: who should have answered ({@code null}: the queue) and by when. */
    public record ReplyDue(String agentId, Instant dueAt) {
    }

    /** The payload of a snooze deadline. */
    public record SnoozeEnds(Instant until) {
    }
}
