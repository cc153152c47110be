package ke.co.datacare.whatsapp.app.protection;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.subtle.AesGcmJce;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * The key that wraps the contacts' data keys (AES-256-GCM), from configuration. Without one, a development key
 * derived from a published text: anyone can unwrap data keys wrapped with it, so it is only for data that is not
 * real.
 */
final class MasterKey {

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);
    static final String DEVELOPMENT_SEED = "datacare-whatsapp development master key: not for real data";

    private MasterKey() {
    }

    static Aead from(DataProtectionProperties properties) {
        try {
            if (properties.developmentKey()) {
                log.warn("datacare.data-protection.master-key is not set: personal data is encrypted with the published "
                        + "development key; set DATACARE_DATA_PROTECTION_MASTER_KEY before storing real data");
                return new AesGcmJce(sha256(DEVELOPMENT_SEED));
            }
            return decode(properties.masterKey(), "master-key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The data-protection master key cannot be used", e);
        }
    }

    /**
     * The master key a rotation moves away from ({@code previous-master-key}): empty when none is set; the word
     * {@code development} names the published development key (moving a system off it).
     */
    static Optional<Aead> previous(DataProtectionProperties properties) {
        String previous = properties.previousMasterKey();
        if (previous == null || previous.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of("development".equals(previous.trim()) ? new AesGcmJce(sha256(DEVELOPMENT_SEED))
                    : decode(previous, "previous-master-key"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The previous data-protection master key cannot be used", e);
        }
    }

    /** A master key given in Base64 (32 bytes) by the setting {@code datacare.data-protection.<setting>}. */
    static Aead decode(String base64, String setting) throws GeneralSecurityException {
        byte[] key = Base64.getDecoder().decode(base64.trim());
        if (key.length != 32) {
            throw new IllegalStateException("datacare.data-protection." + setting + " must be 32 bytes in Base64, not "
                    + key.length);
        }
        return new AesGcmJce(key);
    }

    /**
     * A secret of at least 32 bytes given in Base64 by {@code datacare.data-protection.<setting>}, or, unset, one
     * derived from the master key (SHA-256 of {@code label} and the master key; the development key's text when that
     * is unset too), so that each use of a derived secret has its own.
     */
    static byte[] secretOrDerived(String configured, String setting, String label, DataProtectionProperties properties) {
        if (configured != null && !configured.isBlank()) {
            byte[] key = Base64.getDecoder().decode(configured.trim());
            if (key.length < 32) {
                throw new IllegalStateException("datacare.data-protection." + setting + " must be at least 32 bytes in "
                        + "Base64, not " + key.length);
            }
            return key;
        }
        String seed = properties.developmentKey() ? DEVELOPMENT_SEED : properties.masterKey().trim();
        return sha256(label + ": " + seed);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
