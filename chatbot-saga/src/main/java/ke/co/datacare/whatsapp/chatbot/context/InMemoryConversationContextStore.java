package ke.co.datacare.whatsapp.chatbot.context;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import ke.co.datacare.whatsapp.chatbot.engine.ConversationContext;

/** For runs without Redis: entries expire after the TTL and the least recently used go first when full. */
class InMemoryConversationContextStore implements ConversationContextStore {

    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Entry> entries;

    InMemoryConversationContextStore(Duration ttl, int maxEntries, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.ttl = ttl;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public synchronized Optional<ConversationContext> load(String conversationId) {
        Entry entry = entries.get(conversationId);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expiresAt())) {
            entries.remove(conversationId);
            return Optional.empty();
        }
        return Optional.of(entry.context());
    }

    @Override
    public synchronized void save(String conversationId, ConversationContext ctx) {
        entries.put(conversationId, new Entry(ctx, clock.instant().plus(ttl)));
    }

    @Override
    public synchronized void clear(String conversationId) {
        entries.remove(conversationId);
    }

    synchronized int size() {
        return entries.size();
    }

    private record Entry(ConversationContext context, Instant expiresAt) {
    }
}
