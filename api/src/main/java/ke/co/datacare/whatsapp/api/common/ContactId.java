package ke.co.datacare.whatsapp.api.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.nio.ByteBuffer;
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

    /**
     * The unkeyed id contacts were given before ids were keyed: a name-based UUID (version 3, MD5) of the natural key,
     * which anyone can recompute from a phone number. New contacts get {@link #fromKeyedDigest keyed ids}; this stays
     * for reading records written before (an old campaign audience names a number as the id derived from it).
     */
    public static ContactId derivedFrom(String naturalKey) {
        return new ContactId(UUID.nameUUIDFromBytes(("ContactId:" + naturalKey).getBytes(StandardCharsets.UTF_8)).toString());
    }

    /**
     * A keyed id: the first 16 bytes of a pseudorandom function of the natural key under a secret key, as a UUID of
     * version 8 (custom), so it cannot be told from a number without the key, and it is told apart from the unkeyed
     * ids (version 3) by its version digit.
     */
    public static ContactId fromKeyedDigest(byte[] digest) {
        if (digest.length < 16) {
            throw new IllegalArgumentException("A keyed contact id needs 16 bytes, not " + digest.length);
        }
        ByteBuffer bytes = ByteBuffer.wrap(digest, 0, 16);
        long high = (bytes.getLong() & ~0xF000L) | 0x8000L;
        long low = (bytes.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new ContactId(new UUID(high, low).toString());
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
