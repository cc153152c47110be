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
            byte[] key = Base64.getDecoder().decode(properties.masterKey().trim());
            if (key.length != 32) {
                throw new IllegalStateException("datacare.data-protection.master-key must be 32 bytes in Base64, not "
                        + key.length);
            }
            return new AesGcmJce(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The data-protection master key cannot be used", e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
