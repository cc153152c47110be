package ke.co.datacare.whatsapp.app.protection;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Stable pseudonyms for analysts: a keyed hash (HMAC-SHA256) of a contact or conversation id, shortened to 128 bits.
 * The same id always gives the same pseudonym, so analysts can count and join; without the key nobody can go back
 * from a pseudonym to the id, nor from a phone number to its pseudonym (ids of contacts first seen before ids were
 * keyed are derived from numbers, so ids are not shown to analysts).
 */
final class Pseudonyms {

    private static final String ALGORITHM = "HmacSHA256";
    private final byte[] key;

    private Pseudonyms(byte[] key) {
        this.key = key;
    }

    static Pseudonyms from(DataProtectionProperties properties) {
        return new Pseudonyms(MasterKey.secretOrDerived(properties.pseudonymKey(), "pseudonym-key", "datacare pseudonyms",
                properties));
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

}
