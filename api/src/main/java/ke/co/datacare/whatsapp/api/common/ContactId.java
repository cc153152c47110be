package ke.co.datacare.whatsapp.api.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

public record ContactId(String value) {

    public ContactId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("ContactId must not be blank");
        }
    }

    @JsonCreator
    public static ContactId of(String value) {
        return new ContactId(value);
    }

    /** A deterministic id, so that concurrent deliveries of the same identity meet on one aggregate. */
    public static ContactId derivedFrom(String naturalKey) {
        return new ContactId(UUID.nameUUIDFromBytes(("ContactId:" + naturalKey).getBytes(StandardCharsets.UTF_8)).toString());
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
