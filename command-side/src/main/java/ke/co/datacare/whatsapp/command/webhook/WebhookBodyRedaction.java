package ke.co.datacare.whatsapp.command.webhook;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;

/**
 * Replaces raw webhook bodies by an empty envelope: those that carry an erased customer's phone number or user id
 * (only bodies already dispatched or parked: a body still waiting is newer than the erasure and becomes a fresh
 * identity), and those dispatched longer ago than the retention period (parked bodies are kept until handled).
 * The body's hash stays, so a redelivery is still recognised as a duplicate.
 */
@Component
public class WebhookBodyRedaction {

    static final byte[] REDACTED = redacted("erasure");
    static final byte[] EXPIRED = redacted("retention");

    private final JdbcTemplate jdbc;

    public WebhookBodyRedaction(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Redacts the bodies naming any of {@code identities} ({@code wa_id:...} or {@code user_id:...}, as the contact
     * directory keeps them); answers how many rows were redacted. Scans the bodies: erasures are rare.
     */
    public int redact(Collection<String> identities) {
        int redacted = 0;
        for (String identity : identities) {
            String value = identity.substring(identity.indexOf(':') + 1);
            String customerKey = (identity.startsWith("wa_id:") ? "wa:" : "user:") + value;
            redacted += jdbc.update("update webhook_inbox set body = ?, customer_key = null "
                            + "where (processed_at is not null or parked) and body <> ? "
                            + "and (customer_key = ? or position(? in body) > 0)",
                    REDACTED, REDACTED, customerKey, ("\"" + value + "\"").getBytes(StandardCharsets.UTF_8));
        }
        return redacted;
    }

    /**
     * Redacts at most {@code limit} bodies dispatched before {@code cutoff} and not yet redacted; answers how many.
     * Parked bodies and bodies still waiting are left alone. Called in rounds, so no round holds many rows locked.
     */
    public int redactDispatchedBefore(Instant cutoff, int limit) {
        return jdbc.update("update webhook_inbox set body = ?, customer_key = null where id in (select id from "
                        + "webhook_inbox where processed_at < ? and not parked and body <> ? and body <> ? limit ?)",
                EXPIRED, Timestamp.from(cutoff), EXPIRED, REDACTED, limit);
    }

    private static byte[] redacted(String why) {
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[],\"redacted\":\"" + why + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
