package ke.co.datacare.whatsapp.app.protection;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Encryption of personal data in events.
 *
 * @param masterKey   the key wrapping every contact's data key: 32 random bytes, Base64
 *                    ({@code openssl rand -base64 32}); {@code DATACARE_DATA_PROTECTION_MASTER_KEY}. Unset: a fixed,
 *                    published development key, announced by a warning at start (never use it with real data)
 * @param previousMasterKey during a rotation, the master key being replaced (Base64, or {@code development} for the
 *                    development key): data keys it wrapped stay readable until
 *                    {@code POST /api/admin/data-protection/master-key-rotation} re-wraps them under {@code masterKey}
 * @param keyCacheTtl how long an instance keeps a contact's data key in memory; bounds how long another instance can
 *                    still read a contact erased elsewhere (30 s, so erasure holds everywhere within a minute)
 * @param keyCacheSize how many contacts' data keys an instance keeps in memory
 * @param webhookBodyRetention how long a raw webhook body is kept after it was dispatched, then redacted to an empty
 *                    envelope (30 days; Meta redelivers for 7); parked bodies are kept until handled
 * @param messageTextRetention how long the read models keep message texts (unset: kept); applied once a day
 * @param retentionInterval how often the retention job runs (an hour)
 * @param pseudonymKey the key of the keyed hash (HMAC-SHA256) that turns contact and conversation ids into the
 *                    pseudonyms analysts see: at least 32 random bytes, Base64; {@code DATACARE_PSEUDONYM_KEY}. Unset:
 *                    derived from the master key (changing either changes every pseudonym)
 * @param contactIdKey the key of the keyed derivation (Tink's HMAC-SHA256 PRF) of new contacts' ids from their
 *                    first identity: at least 32 random bytes, Base64; {@code DATACARE_CONTACT_ID_KEY}. Unset: derived
 *                    from the master key. Every instance needs the same; changing it changes only the ids of contacts
 *                    first seen afterwards (existing ones are found in the contact directory)
 */
@ConfigurationProperties("datacare.data-protection")
public record DataProtectionProperties(String masterKey, String previousMasterKey, Duration keyCacheTtl,
                                       Integer keyCacheSize, Duration webhookBodyRetention,
                                       Duration messageTextRetention, Duration retentionInterval,
                                       String pseudonymKey, String contactIdKey) {

    public DataProtectionProperties {
        keyCacheTtl = keyCacheTtl == null ? Duration.ofSeconds(30) : keyCacheTtl;
        keyCacheSize = keyCacheSize == null ? 100_000 : keyCacheSize;
        webhookBodyRetention = webhookBodyRetention == null ? Duration.ofDays(30) : webhookBodyRetention;
        retentionInterval = retentionInterval == null ? Duration.ofHours(1) : retentionInterval;
    }

    boolean developmentKey() {
        return masterKey == null || masterKey.isBlank();
    }
}
