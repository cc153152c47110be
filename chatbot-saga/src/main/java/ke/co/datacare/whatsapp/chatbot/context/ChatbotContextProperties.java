package ke.co.datacare.whatsapp.chatbot.context;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code datacare.chatbot.context.*}: where the bot keeps conversation context.
 *
 * @param store         {@code redis} (default) or {@code memory} for runs without Redis
 * @param ttl           how long an idle conversation's context is kept
 * @param keyPrefix     Redis key prefix, followed by the conversation id
 * @param maxEntries    capacity of the in-memory store
 * @param retryInterval while Redis is down, how often it is tried again
 */
@ConfigurationProperties("datacare.chatbot.context")
public record ChatbotContextProperties(
        @DefaultValue("redis") Store store,
        @DefaultValue("24h") Duration ttl,
        @DefaultValue(RedisConversationContextStore.DEFAULT_KEY_PREFIX) String keyPrefix,
        @DefaultValue("10000") int maxEntries,
        @DefaultValue("5s") Duration retryInterval) {

    public enum Store { REDIS, MEMORY }
}
