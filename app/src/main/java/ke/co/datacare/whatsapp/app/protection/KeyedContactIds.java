package ke.co.datacare.whatsapp.app.protection;

import com.google.crypto.tink.prf.Prf;
import com.google.crypto.tink.subtle.PrfHmacJce;
import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.command.contact.ContactIdDerivation;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * New contacts' ids, keyed: Tink's HMAC-SHA256 PRF of {@code ContactId:<identity>} under the contact-id key, as a
 * version-8 UUID ({@link ContactId#fromKeyedDigest}). Every instance with the same key derives the same id; without
 * the key nobody can compute the id of a number, so trying every number against the ids in the database finds none.
 */
final class KeyedContactIds implements ContactIdDerivation {

    private final Prf prf;

    KeyedContactIds(byte[] key) {
        try {
            this.prf = new PrfHmacJce("HMACSHA256", new SecretKeySpec(key, "HMAC"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The contact-id key cannot be used", e);
        }
    }

    /**
     * The key of {@code datacare.data-protection.contact-id-key} (32 random bytes or more, Base64), or, unset, one
     * derived from the master key (the development key's text when that is unset too).
     */
    static KeyedContactIds from(DataProtectionProperties properties) {
        return new KeyedContactIds(MasterKey.secretOrDerived(properties.contactIdKey(), "contact-id-key",
                "datacare contact ids", properties));
    }

    @Override
    public ContactId derive(String naturalKey) {
        try {
            return ContactId.fromKeyedDigest(prf.compute(("ContactId:" + naturalKey).getBytes(StandardCharsets.UTF_8), 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 failed", e);
        }
    }
}
