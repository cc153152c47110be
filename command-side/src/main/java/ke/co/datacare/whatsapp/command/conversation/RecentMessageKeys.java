package ke.co.datacare.whatsapp.command.conversation;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The inbound message keys a conversation has recorded recently, to drop redeliveries. Meta retries
 * for up to 7 days, so keys are kept for 8 days (measured on the messages' own timestamps, never the
 * clock) and the set stays bounded however long the conversation lives.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class RecentMessageKeys {

    static final Duration RETENTION = Duration.ofDays(8);

    private final LinkedHashMap<String, Instant> keys = new LinkedHashMap<>();
    private Instant newest = Instant.EPOCH;

    boolean contains(String key) {
        return keys.containsKey(key);
    }

    void remember(String key, Instant sentAt) {
        keys.put(key, sentAt);
        if (sentAt.isAfter(newest)) {
            newest = sentAt;
        }
        Instant horizon = newest.minus(RETENTION);
        keys.entrySet().removeIf(entry -> entry.getValue().isBefore(horizon));
    }

    int size() {
        return keys.size();
    }

    Map<String, Instant> view() {
        return Map.copyOf(keys);
    }
}
