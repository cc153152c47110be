package ke.co.datacare.whatsapp.app.protection;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Encryption of personal data in events.
 *
 * @param masterKey   the key wrapping every contact's data key: 32 random bytes, Base64
 *                    ({@code openssl rand -base64 32}); {@code DATACARE_DATA_PROTECTION_MASTER_KEY}. Unset: a fixed,
 *                    published development key, announced by a warning at start (never use it with real data)
 * @param keyCacheTtl how long an instance keeps a contact's data key in memory; bounds how long another instance can
 *                    still read a contact erased elsewhere (30 s, so erasure holds everywhere within a minute)
 * @param keyCacheSize how many contacts' data keys an instance keeps in memory
 */
@ConfigurationProperties("datacare.data-protection")
public record DataProtectionProperties(String masterKey, Duration keyCacheTtl, Integer keyCacheSize) {

    public DataProtectionProperties {
        keyCacheTtl = keyCacheTtl == null ? Duration.ofSeconds(30) : keyCacheTtl;
        keyCacheSize = keyCacheSize == null ? 100_000 : keyCacheSize;
    }

    boolean developmentKey() {
        return masterKey == null || masterKey.isBlank();
    }
}
