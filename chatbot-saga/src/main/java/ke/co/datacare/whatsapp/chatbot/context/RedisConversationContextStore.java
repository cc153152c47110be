package ke.co.datacare.whatsapp.chatbot.context;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.util.Optional;
import ke.co.datacare.whatsapp.chatbot.engine.ConversationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** One JSON string per conversation under {@code <keyPrefix><conversationId>}, expiring after the TTL. */
class RedisConversationContextStore implements ConversationContextStore {

    static final String DEFAULT_KEY_PREFIX = "chatbot:context:";

    private static final Logger log = LoggerFactory.getLogger(RedisConversationContextStore.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final StringRedisTemplate redis;
    private final String keyPrefix;
    private final Duration ttl;

    RedisConversationContextStore(StringRedisTemplate redis, String keyPrefix, Duration ttl) {
        this.redis = redis;
        this.keyPrefix = keyPrefix;
        this.ttl = ttl;
    }

    @Override
    public Optional<ConversationContext> load(String conversationId) {
        String json = redis.opsForValue().get(key(conversationId));
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(json, ConversationContext.class));
        } catch (JsonProcessingException e) {
            log.warn("Ignoring unreadable chatbot context of conversation {}: {}", conversationId, e.getOriginalMessage());
            return Optional.empty();
        }
    }

    @Override
    public void save(String conversationId, ConversationContext ctx) {
        redis.opsForValue().set(key(conversationId), toJson(ctx), ttl);
    }

    @Override
    public void clear(String conversationId) {
        redis.delete(key(conversationId));
    }

    String key(String conversationId) {
        return keyPrefix + conversationId;
    }

    private static String toJson(ConversationContext ctx) {
        try {
            return JSON.writeValueAsString(ctx);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write chatbot context as JSON", e);
        }
    }
}
