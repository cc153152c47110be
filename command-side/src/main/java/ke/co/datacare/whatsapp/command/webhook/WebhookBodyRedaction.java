package ke.co.datacare.whatsapp.command.webhook;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Replaces the raw webhook bodies that carry an erased customer's phone number or user id by an empty envelope. Only
 * bodies already dispatched or parked: a body still waiting is newer than the erasure and becomes a fresh identity.
 */
@Component
public class WebhookBodyRedaction {

    static final byte[] REDACTED = "{\"object\":\"whatsapp_business_account\",\"entry\":[],\"redacted\":\"erasure\"}"
            .getBytes(StandardCharsets.UTF_8);

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
}
