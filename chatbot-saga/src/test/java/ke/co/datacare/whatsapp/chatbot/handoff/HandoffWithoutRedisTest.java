package ke.co.datacare.whatsapp.chatbot.handoff;

import static ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.CONVERSATION;
import static ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.WEDNESDAY_10;
import static ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.started;
import static ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.text;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import ke.co.datacare.whatsapp.api.conversation.AssignWaitingConversation;
import ke.co.datacare.whatsapp.api.conversation.HandoffRequested;
import ke.co.datacare.whatsapp.api.conversation.RequestHandoff;
import ke.co.datacare.whatsapp.api.conversation.SendMessage;
import ke.co.datacare.whatsapp.api.conversation.outbound.TextContent;
import ke.co.datacare.whatsapp.chatbot.context.ChatbotConfigHolder;
import ke.co.datacare.whatsapp.chatbot.context.ChatbotContextConfiguration;
import ke.co.datacare.whatsapp.chatbot.context.ConversationContextStore;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig;
import ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.FakeAgentPool;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The context store as the service builds it for Redis (Redis behind the resilient store), pointed at a port
 * where no Redis listens: the bot still answers, counts what it did not understand, and hands off.
 */
class HandoffWithoutRedisTest {

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class))
            .withUserConfiguration(ChatbotContextConfiguration.class)
            .withPropertyValues("datacare.chatbot.context.store=redis", "spring.data.redis.host=127.0.0.1",
                    "spring.data.redis.port=" + unusedPort(), "spring.data.redis.timeout=200ms",
                    "spring.data.redis.connect-timeout=200ms");

    @Test
    void with_redis_unreachable_the_bot_answers_and_hands_off() {
        service.run(context -> {
            ChatbotConfigHolder chatbot = context.getBean(ChatbotConfigHolder.class);
            ChatbotConfig config = chatbot.current();
            Instant second = WEDNESDAY_10.plusSeconds(20);
            Instant third = WEDNESDAY_10.plusSeconds(40);

            new ChatbotFixture(chatbot, context.getBean(ConversationContextStore.class))
                    .at(WEDNESDAY_10).given(started(WEDNESDAY_10), text("wamid.1", WEDNESDAY_10, "xyzzy plugh"))
                    .at(second)
                    .when(text("wamid.2", second, "qwerty asdf"))
                    .expectCommands(
                            new SendMessage(CONVERSATION, "bot-wamid.2", new TextContent(config.replies().handoff(), false),
                                    null, "bot", false, false, second),
                            new RequestHandoff(CONVERSATION, "NOT_UNDERSTOOD", second));

            SagaTestFixture<HandoffSaga> fixture = new SagaTestFixture<>(HandoffSaga.class);
            fixture.registerResource(new AgentAssigner(new FakeAgentPool().with("agent-wanjiru", 0),
                    new LeastOpenConversationsAssignment()));
            fixture.registerResource(new ReplyDeadlinePolicy(Duration.ofMinutes(15), chatbot));
            fixture.registerResource(HandoffTestSupport.clockOf(fixture));
            fixture.givenAggregate(CONVERSATION.value()).published(started(WEDNESDAY_10))
                    .whenAggregate(CONVERSATION.value())
                    .publishes(new HandoffRequested(CONVERSATION, "NOT_UNDERSTOOD", third))
                    .expectDispatchedCommands(new AssignWaitingConversation(CONVERSATION, "agent-wanjiru", "handoff", third));
        });
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
