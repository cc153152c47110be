package ke.co.datacare.whatsapp.chatbot.handoff;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.contact.ContactErased;
import ke.co.datacare.whatsapp.api.conversation.ConversationAssigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationHandedBackToBot;
import ke.co.datacare.whatsapp.api.conversation.ConversationReopened;
import ke.co.datacare.whatsapp.api.conversation.ConversationResolved;
import ke.co.datacare.whatsapp.api.conversation.ConversationSnoozed;
import ke.co.datacare.whatsapp.api.conversation.ConversationStarted;
import ke.co.datacare.whatsapp.api.conversation.ConversationUnassigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationUnsnoozed;
import ke.co.datacare.whatsapp.api.conversation.HandoffRequested;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
import ke.co.datacare.whatsapp.api.conversation.RequestHandoff;
import ke.co.datacare.whatsapp.api.conversation.SendMessage;
import ke.co.datacare.whatsapp.chatbot.commands.ConversationCommands;
import ke.co.datacare.whatsapp.chatbot.context.ChatbotConfigHolder;
import ke.co.datacare.whatsapp.chatbot.context.ConversationContextStore;
import ke.co.datacare.whatsapp.chatbot.engine.Arrival;
import ke.co.datacare.whatsapp.chatbot.engine.BotDecision;
import ke.co.datacare.whatsapp.chatbot.engine.BotInput;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.Menu;
import ke.co.datacare.whatsapp.chatbot.engine.ConversationContext;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot in front of the agents, as a plain event handler of its own processor ({@value #GROUP}). While a
 * conversation is with the bot, every customer message is offered to the
 * {@link ke.co.datacare.whatsapp.chatbot.engine.ChatbotEngine} at the time it is processed, read from the service's
 * {@link Clock} (after an outage or a backlog, hours after the customer wrote; the customer's time tells the engine
 * how late the message is), and its replies go out as ordinary {@link SendMessage} commands from {@code bot}; when it
 * hands off it asks for a handoff ({@link RequestHandoff}) and is silent from then on, until the conversation is
 * handed back or resolved. The agents' side (queue, assignment, deadlines) is the {@link HandoffSaga}'s. What the bot
 * keeps per conversation ({@link BotConversation}) lives in {@link BotConversations}, read and written once per batch;
 * what outlives an episode (the day of the last out-of-office reply) is also kept in the
 * {@link ConversationContextStore} (Redis), read only when the bot does not know the context, so a store outage costs
 * the bot nothing but memory across episodes. Never replayed: the bot does not answer history.
 */
@DisallowReplay
@ProcessingGroup(Chatbot.GROUP)
public class Chatbot {

    public static final String GROUP = "bot";
    static final String BOT = "bot";
    static final String BOT_ERROR = "BOT_ERROR";

    private static final Logger log = LoggerFactory.getLogger(Chatbot.class);

    private final CommandGateway commands;
    private final ChatbotConfigHolder chatbot;
    private final ConversationContextStore contexts;
    private final BotConversations conversations;
    private final Clock clock;

    Chatbot(CommandGateway commands, ChatbotConfigHolder chatbot, ConversationContextStore contexts,
            BotConversations conversations, Clock clock) {
        this.commands = commands;
        this.chatbot = chatbot;
        this.contexts = contexts;
        this.conversations = conversations;
        this.clock = clock;
    }

    @EventHandler
    void on(ConversationStarted event) {
        conversations.put(event.conversationId(), BotConversation.started());
    }

    @EventHandler
    void on(ConversationReopened event) {
        update(event.conversationId(), BotConversation::reopened);
    }

    @EventHandler
    void on(HandoffRequested event) {
        update(event.conversationId(), BotConversation::withPeople);
    }

    @EventHandler
    void on(ConversationAssigned event) {
        update(event.conversationId(), BotConversation::withPeople);
    }

    @EventHandler
    void on(ConversationUnassigned event) {
        update(event.conversationId(), BotConversation::withPeople);
    }

    @EventHandler
    void on(ConversationSnoozed event) {
        update(event.conversationId(), BotConversation::snoozedUntilLater);
    }

    @EventHandler
    void on(ConversationUnsnoozed event) {
        update(event.conversationId(), BotConversation::woken);
    }

    @EventHandler
    void on(ConversationHandedBackToBot event) {
        BotConversation conversation = current(event.conversationId());
        conversations.put(event.conversationId(), conversation.handedBack(afresh(event.conversationId(), conversation)));
    }

    @EventHandler
    void on(ConversationResolved event) {
        BotConversation conversation = current(event.conversationId());
        conversations.put(event.conversationId(), conversation.resolved(afresh(event.conversationId(), conversation)));
    }

    /** The erased contact's conversations: the bot forgets their context, as the context store does. */
    @EventHandler
    void on(ContactErased event) {
        event.conversationIds().forEach(id -> conversations.find(id)
                .ifPresent(conversation -> conversations.put(id, conversation.forgettingContext())));
    }

    /** The processing time is "now" for every decision. */
    @EventHandler
    void on(InboundMessageEvent event) {
        BotConversation conversation = current(event.conversationId());
        if (conversation.alreadySaw(event.wamid())) {
            return;
        }
        conversation = conversation.saw(event.wamid());
        if (conversation.botAnswers()) {
            conversation = offerToBot(event, conversation, clock.instant());
        }
        conversations.put(event.conversationId(), conversation);
    }

    private BotConversation current(ConversationId conversationId) {
        return conversations.find(conversationId).orElseGet(BotConversation::unseen);
    }

    private void update(ConversationId conversationId, UnaryOperator<BotConversation> change) {
        conversations.put(conversationId, change.apply(current(conversationId)));
    }

    private BotConversation offerToBot(InboundMessageEvent event, BotConversation conversation, Instant now) {
        Optional<BotInput> input = BotInputs.of(event);
        if (input.isEmpty()) {
            return conversation;
        }
        ConversationId id = event.conversationId();
        ConversationContext context = contextOf(id, conversation);
        BotDecision decision;
        try {
            decision = chatbot.engine().decide(input.get(), context, new Arrival(event.sentAt(), now));
        } catch (RuntimeException e) {
            log.error("The bot failed on message {} of conversation {}; handing the conversation to people",
                    event.wamid(), id, e);
            send(new RequestHandoff(id, BOT_ERROR, now), id);
            return conversation.remembering(context).withPeople();
        }
        BotConversation next = conversation;
        if (decision instanceof BotDecision.Answer answer) {
            reply(event, now, answer.text(), answer.menu(), answer.flow());
        } else if (decision instanceof BotDecision.Handoff handoff) {
            handoff.textToCustomer().ifPresent(text -> reply(event, now, text, Optional.empty(), Optional.empty()));
            send(new RequestHandoff(id, handoff.reason().name(), now), id);
            next = next.withPeople();
        }
        // only once the commands went through: a retried message is decided afresh
        return next.remembering(remember(id, context, decision.next()));
    }

    private void reply(InboundMessageEvent event, Instant now, String text, Optional<Menu> menu,
                       Optional<ChatbotConfig.FlowOffer> flow) {
        for (BotReplies.Outgoing message : BotReplies.of(event.wamid(), text, menu, flow)) {
            send(new SendMessage(event.conversationId(), message.messageId(), message.content(), null, BOT, false,
                    false, now), event.conversationId());
        }
    }

    private void send(Object command, ConversationId conversationId) {
        ConversationCommands.sendNow(commands, command, conversationId);
    }

    /** The episode's context, or what the store kept of earlier episodes when the bot does not know it. */
    private ConversationContext contextOf(ConversationId conversationId, BotConversation conversation) {
        if (conversation.context() != null) {
            return conversation.context();
        }
        try {
            return contexts.load(conversationId.value()).orElseGet(ConversationContext::fresh);
        } catch (RuntimeException e) {
            log.warn("Chatbot context of conversation {} unavailable, starting afresh: {}", conversationId, e.toString());
            return ConversationContext.fresh();
        }
    }

    /**
     * The context for the episode's next message; the store gets only what outlives the episode when it changed (the
     * day of the last out-of-office reply): it is read only when the bot does not know the context, so writing every
     * decision there cost a round trip per message for nothing.
     */
    private ConversationContext remember(ConversationId conversationId, ConversationContext before,
                                         ConversationContext next) {
        if (!Objects.equals(before.outOfOfficeRepliedOn(), next.outOfOfficeRepliedOn())) {
            store(conversationId, next);
        }
        return next;
    }

    /** The bot forgets the episode, except that it already sent today's out-of-office reply. */
    private ConversationContext afresh(ConversationId conversationId, BotConversation conversation) {
        ConversationContext afresh = ConversationContext.fresh()
                .withOutOfOfficeRepliedOn(contextOf(conversationId, conversation).outOfOfficeRepliedOn());
        store(conversationId, afresh);
        return afresh;
    }

    private void store(ConversationId conversationId, ConversationContext context) {
        try {
            contexts.save(conversationId.value(), context);
        } catch (RuntimeException e) {
            log.warn("Chatbot context of conversation {} not stored: {}", conversationId, e.toString());
        }
    }
}
