package ke.co.datacare.whatsapp.app.protection;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Stable pseudonyms for analysts: a keyed hash (HMAC-SHA256) of a contact or conversation id, shortened to 128 bits.
 * The same id always gives the same pseudonym, so analysts can count and join; without the key nobody can go back
 * from a pseudonym to the id, nor from a phone number to its pseudonym (the ids themselves are derived from numbers,
 * so they are not shown to analysts).
 */
final class Pseudonyms {

    private static final String ALGORITHM = "HmacSHA256";
    private final byte[] key;

    private Pseudonyms(byte[] key) {
        this.key = key;
    }

    static Pseudonyms from(DataProtectionProperties properties) {
        if (properties.pseudonymKey() != null && !properties.pseudonymKey().isBlank()) {
            byte[] key = Base64.getDecoder().decode(properties.pseudonymKey().trim());
            if (key.length < 32) {
                throw new IllegalStateException("datacare.data-protection.pseudonym-key must be at least 32 bytes in "
                        + "Base64, not " + key.length);
            }
            return new Pseudonyms(key);
        }
        String seed = properties.developmentKey() ? MasterKey.DEVELOPMENT_SEED : properties.masterKey().trim();
        return new Pseudonyms(sha256("datacare pseudonyms: " + seed));
    }

    /** A hasher for one thread (an export): {@link Mac} instances are not thread-safe. */
    Hasher hasher() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return id -> "ps_" + HexFormat.of().formatHex(mac.doFinal(id.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK has no " + ALGORITHM, e);
        }
    }

    interface Hasher {
        String pseudonymOf(String id);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
