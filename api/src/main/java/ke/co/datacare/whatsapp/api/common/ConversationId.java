package ke.co.datacare.whatsapp.api.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * A conversation's id. Ordered by its value: the one order in which a unit of work that changes several conversations
 * sends them their commands (and so takes their locks), so that two such units never wait for each other.
 */
public record ConversationId(String value) implements Comparable<ConversationId> {

    public ConversationId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("ConversationId must not be blank");
        }
    }

    @JsonCreator
    public static ConversationId of(String value) {
        return new ConversationId(value);
    }

    /** A deterministic id, so that concurrent deliveries of the same identity meet on one aggregate. */
    public static ConversationId derivedFrom(String naturalKey) {
        return new ConversationId(UUID.nameUUIDFromBytes(("ConversationId:" + naturalKey).getBytes(StandardCharsets.UTF_8)).toString());
    }

    @Override
    public int compareTo(ConversationId other) {
        return value.compareTo(other.value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
