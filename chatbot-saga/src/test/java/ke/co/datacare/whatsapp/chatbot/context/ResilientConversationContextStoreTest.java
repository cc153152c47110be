package ke.co.datacare.whatsapp.chatbot.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ke.co.datacare.whatsapp.chatbot.engine.ConversationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

class ResilientConversationContextStoreTest {

    private static final ConversationContext CONTEXT = ConversationContext.fresh().withLastIntent("greeting");

    private final Logger logger = (Logger) LoggerFactory.getLogger(ResilientConversationContextStore.class);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T07:00:00Z"));
    private final FlakyStore primary = new FlakyStore();
    private final ResilientConversationContextStore store =
            new ResilientConversationContextStore(primary, Duration.ofSeconds(5), clock);

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
    }

    @Test
    void answers_quickly_without_context_when_redis_is_unreachable() {
        LettuceConnectionFactory factory = LocalRedis.unreachable();
        try {
            RedisConversationContextStore redis = new RedisConversationContextStore(
                    new StringRedisTemplate(factory), "test:chatbot:context:", Duration.ofHours(24));
            ResilientConversationContextStore resilient =
                    new ResilientConversationContextStore(redis, Duration.ZERO, clock);

            long start = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                assertThatCode(() -> resilient.save("conv", CONTEXT)).doesNotThrowAnyException();
                assertThat(resilient.load("conv")).isEmpty();
                assertThatCode(() -> resilient.clear("conv")).doesNotThrowAnyException();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(elapsed).isLessThan(Duration.ofSeconds(3));
            assertThat(resilient.isAvailable()).isFalse();
            assertThat(messages(Level.WARN)).hasSize(1);
        } finally {
            factory.destroy();
        }
    }

    @Test
    void warns_once_per_outage_and_tells_when_the_store_is_back() {
        store.save("conv", CONTEXT);
        primary.down = true;
        for (int i = 0; i < 10; i++) {
            assertThat(store.load("conv")).isEmpty();
            clock.advance(Duration.ofSeconds(6));
        }
        primary.down = false;

        assertThat(store.load("conv")).contains(CONTEXT);
        assertThat(messages(Level.WARN)).hasSize(1);
        assertThat(messages(Level.INFO)).hasSize(1);
        assertThat(store.isAvailable()).isTrue();
    }

    @Test
    void leaves_the_primary_alone_for_the_retry_interval_after_a_failure() {
        primary.down = true;
        store.load("conv");
        store.save("conv", CONTEXT);
        store.clear("conv");
        clock.advance(Duration.ofSeconds(4));
        store.load("conv");
        assertThat(primary.calls).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        store.load("conv");

        assertThat(primary.calls).isEqualTo(2);
    }

    @Test
    void skips_saves_during_an_outage_without_throwing() {
        primary.down = true;

        assertThatCode(() -> store.save("conv", CONTEXT)).doesNotThrowAnyException();
        primary.down = false;
        clock.advance(Duration.ofSeconds(5));

        assertThat(store.load("conv")).isEmpty();
    }

    private List<String> messages(Level level) {
        return logs.list.stream().filter(event -> event.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static final class FlakyStore implements ConversationContextStore {

        private final Map<String, ConversationContext> contexts = new HashMap<>();
        private boolean down;
        private int calls;

        @Override
        public Optional<ConversationContext> load(String conversationId) {
            check();
            return Optional.ofNullable(contexts.get(conversationId));
        }

        @Override
        public void save(String conversationId, ConversationContext ctx) {
            check();
            contexts.put(conversationId, ctx);
        }

        @Override
        public void clear(String conversationId) {
            check();
            contexts.remove(conversationId);
        }

        private void check() {
            calls++;
            if (down) {
                throw new RedisConnectionFailureException("Unable to connect to Redis");
            }
        }
    }
}
