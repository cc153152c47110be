package ke.co.datacare.whatsapp.chatbot.context;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import ke.co.datacare.whatsapp.chatbot.engine.ConversationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the bot answering while the primary store (Redis) is down: loads find nothing, saves and clears are
 * skipped, one WARN per outage and one INFO on recovery. During an outage the primary is tried again at most
 * once per {@code retryInterval}. Each try costs at most the Redis client's command timeout, so keep
 * {@code spring.data.redis.timeout} short (200ms) and {@code spring.data.redis.connect-timeout} too.
 */
class ResilientConversationContextStore implements ConversationContextStore {

    private static final Logger log = LoggerFactory.getLogger(ResilientConversationContextStore.class);

    private final ConversationContextStore primary;
    private final Duration retryInterval;
    private final Clock clock;
    private Instant downSince;
    private Instant lastTry;

    ResilientConversationContextStore(ConversationContextStore primary, Duration retryInterval, Clock clock) {
        this.primary = primary;
        this.retryInterval = retryInterval;
        this.clock = clock;
    }

    @Override
    public Optional<ConversationContext> load(String conversationId) {
        return attempt(() -> primary.load(conversationId)).flatMap(found -> found);
    }

    @Override
    public void save(String conversationId, ConversationContext ctx) {
        attempt(() -> {
            primary.save(conversationId, ctx);
            return true;
        });
    }

    @Override
    public void clear(String conversationId) {
        attempt(() -> {
            primary.clear(conversationId);
            return true;
        });
    }

    synchronized boolean isAvailable() {
        return downSince == null;
    }

    private <T> Optional<T> attempt(Supplier<T> call) {
        if (!shouldTry()) {
            return Optional.empty();
        }
        try {
            T result = call.get();
            recovered();
            return Optional.of(result);
        } catch (RuntimeException e) {
            failed(e);
            return Optional.empty();
        }
    }

    private synchronized boolean shouldTry() {
        if (downSince == null || !clock.instant().isBefore(lastTry.plus(retryInterval))) {
            lastTry = clock.instant();
            return true;
        }
        return false;
    }

    private synchronized void recovered() {
        if (downSince != null) {
            log.info("Chatbot context store is back after an outage since {}", downSince);
            downSince = null;
        }
    }

    private synchronized void failed(RuntimeException e) {
        if (downSince == null) {
            downSince = clock.instant();
            log.warn("Chatbot context store unavailable, the bot carries on without context: {}", e.toString());
        }
    }
}
