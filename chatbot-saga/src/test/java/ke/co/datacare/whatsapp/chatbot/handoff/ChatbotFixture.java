package ke.co.datacare.whatsapp.chatbot.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.chatbot.context.ChatbotConfigHolder;
import ke.co.datacare.whatsapp.chatbot.context.ConversationContextStore;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.utils.CallbackBehavior;
import org.axonframework.test.utils.RecordingCommandBus;

/**
 * Given events, when an event, then the commands the {@link Chatbot} sent: the bot's handler driven directly, with
 * the service's clock at the fixture's time, its memory in a map and its commands recorded.
 */
final class ChatbotFixture {

    private final RecordingCommandBus commandBus = new RecordingCommandBus();
    private final Map<ConversationId, BotConversation> memory = new HashMap<>();
    private final AnnotationEventHandlerAdapter bot;
    private Instant now;

    ChatbotFixture(ChatbotConfigHolder chatbot, ConversationContextStore contexts) {
        BotConversations conversations = new BotConversations() {
            @Override
            public Optional<BotConversation> find(ConversationId conversationId) {
                return Optional.ofNullable(memory.get(conversationId));
            }

            @Override
            public void put(ConversationId conversationId, BotConversation conversation) {
                memory.put(conversationId, conversation);
            }
        };
        bot = new AnnotationEventHandlerAdapter(new Chatbot(
                DefaultCommandGateway.builder().commandBus(commandBus).build(), chatbot, contexts, conversations,
                HandoffTestSupport.clockReading(() -> now)));
    }

    ChatbotFixture at(Instant time) {
        now = time;
        return this;
    }

    ChatbotFixture onCommands(CallbackBehavior behavior) {
        commandBus.setCallbackBehavior(behavior);
        return this;
    }

    ChatbotFixture given(Object... events) throws Exception {
        for (Object event : events) {
            bot.handle(GenericEventMessage.asEventMessage(event));
        }
        commandBus.clearCommands();
        return this;
    }

    ChatbotFixture when(Object event) throws Exception {
        commandBus.clearCommands();
        bot.handle(GenericEventMessage.asEventMessage(event));
        return this;
    }

    void expectCommands(Object... commands) {
        assertThat(commandBus.getDispatchedCommands()).extracting(command -> (Object) command.getPayload())
                .containsExactly(commands);
    }

    void expectNoCommands() {
        assertThat(commandBus.getDispatchedCommands()).isEmpty();
    }

    Optional<BotConversation> memoryOf(ConversationId conversationId) {
        return Optional.ofNullable(memory.get(conversationId));
    }
}
