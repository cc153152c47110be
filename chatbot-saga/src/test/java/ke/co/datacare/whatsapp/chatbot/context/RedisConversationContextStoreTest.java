package ke.co.datacare.whatsapp.chatbot.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import ke.co.datacare.whatsapp.chatbot.engine.ConversationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

class RedisConversationContextStoreTest {

    private static final String PREFIX = "test:chatbot:context:" + UUID.randomUUID() + ":";
    private static final Duration TTL = Duration.ofHours(24);
    private static final ConversationContext CONTEXT = ConversationContext.fresh()
            .withLastIntent("order_status")
            .withBotTurns(2)
            .withPendingQuestion("order_number")
            .withOutOfOfficeRepliedOn(LocalDate.of(2026, 1, 9));

    private static LettuceConnectionFactory factory;
    private static StringRedisTemplate redis;

    @BeforeAll
    static void connect() {
        factory = LocalRedis.running();
        redis = new StringRedisTemplate(factory);
    }

    @AfterAll
    static void cleanUp() {
        Set<String> keys = redis.keys(PREFIX + "*");
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
        }
        factory.destroy();
    }

    private final RedisConversationContextStore store = new RedisConversationContextStore(redis, PREFIX, TTL);

    @Test
    void keeps_the_context_as_json_under_the_conversation_key() {
        store.save("conv-1", CONTEXT);

        assertThat(store.load("conv-1")).contains(CONTEXT);
        assertThat(redis.opsForValue().get(PREFIX + "conv-1"))
                .contains("\"pendingQuestion\":\"order_number\"")
                .contains("\"outOfOfficeRepliedOn\":\"2026-01-09\"");
    }

    @Test
    void sets_the_configured_time_to_live_on_every_save() {
        store.save("conv-2", CONTEXT);

        Long ttlMillis = redis.getExpire(PREFIX + "conv-2", TimeUnit.MILLISECONDS);
        assertThat(ttlMillis).isBetween(TTL.toMillis() - 5_000, TTL.toMillis());
    }

    @Test
    void forgets_the_context_once_the_time_to_live_has_passed() throws InterruptedException {
        RedisConversationContextStore shortLived =
                new RedisConversationContextStore(redis, PREFIX, Duration.ofMillis(150));
        shortLived.save("conv-3", CONTEXT);
        assertThat(shortLived.load("conv-3")).isPresent();

        Thread.sleep(300);

        assertThat(shortLived.load("conv-3")).isEmpty();
    }

    @Test
    void clears_the_context_of_a_conversation() {
        store.save("conv-4", CONTEXT);

        store.clear("conv-4");

        assertThat(store.load("conv-4")).isEmpty();
    }

    @Test
    void finds_nothing_for_an_unknown_conversation() {
        assertThat(store.load("never-seen")).isEmpty();
    }

    @Test
    void ignores_a_value_it_cannot_read() {
        redis.opsForValue().set(PREFIX + "conv-5", "not json", TTL);

        assertThat(store.load("conv-5")).isEmpty();
    }

    @Test
    void uses_the_chatbot_context_key_by_default() {
        RedisConversationContextStore defaults =
                new RedisConversationContextStore(redis, RedisConversationContextStore.DEFAULT_KEY_PREFIX, TTL);

        assertThat(defaults.key("254712345678")).isEqualTo("chatbot:context:254712345678");
    }
}
