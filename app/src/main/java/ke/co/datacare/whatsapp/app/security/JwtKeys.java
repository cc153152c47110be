package ke.co.datacare.whatsapp.app.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The HS256 key. {@code JWT_SECRET} of any length is stretched to 256 bits with SHA-256; without it a
 * random key is used (tokens then die with the process), with a warning.
 */
final class JwtKeys {

    private static final Logger log = LoggerFactory.getLogger(JwtKeys.class);

    private JwtKeys() {
    }

    static SecretKey hs256(String secret) {
        byte[] material;
        if (secret == null || secret.isBlank()) {
            log.warn("JWT_SECRET is not set: using a random key; tokens will not survive a restart");
            material = new byte[32];
            new SecureRandom().nextBytes(material);
        } else {
            try {
                material = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return new SecretKeySpec(material, "HmacSHA256");
    }
}
