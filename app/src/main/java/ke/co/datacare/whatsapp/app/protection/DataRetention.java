package ke.co.datacare.whatsapp.app.protection;

import ke.co.datacare.whatsapp.api.protection.MessageTextsRetentionApplied;
import ke.co.datacare.whatsapp.command.webhook.WebhookBodyRedaction;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Keeps only what is needed, one round at a time: redacts the raw webhook bodies dispatched longer ago than
 * {@code webhook-body-retention} (in rounds of {@value #ROUND} rows, each its own statement), and, when a
 * {@code message-text-retention} is set, records {@link MessageTextsRetentionApplied} once per day with the day's
 * cut-off, which the read models apply as they meet it (live and in replays). Instances agree through the
 * {@code data_retention} row (seeded by V120): only the one that advances the cut-off records the event.
 */
class DataRetention {

    static final int ROUND = 1_000;
    static final String MESSAGE_TEXTS = "message-texts";
    private static final Logger log = LoggerFactory.getLogger(DataRetention.class);

    private final WebhookBodyRedaction webhookBodies;
    private final EventGateway events;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final DataProtectionProperties properties;
    private final Clock clock;

    DataRetention(WebhookBodyRedaction webhookBodies, EventGateway events, JdbcTemplate jdbc,
                  TransactionTemplate transaction, DataProtectionProperties properties, Clock clock) {
        this.webhookBodies = webhookBodies;
        this.events = events;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    /** One round of every retention rule, as of now. */
    void apply() {
        Instant now = clock.instant();
        int redacted = redactWebhookBodies(now);
        boolean recorded = properties.messageTextRetention() != null && recordMessageTextCutoff(now);
        if (redacted > 0 || recorded) {
            log.info("Retention applied: {} webhook bodies redacted{}", redacted,
                    recorded ? ", message texts cut off before " + messageTextCutoff(now) : "");
        }
    }

    /** Redacts every body dispatched before now minus the retention period; answers how many. */
    int redactWebhookBodies(Instant now) {
        Instant cutoff = now.minus(properties.webhookBodyRetention());
        int total = 0;
        int round;
        do {
            round = webhookBodies.redactDispatchedBefore(cutoff, ROUND);
            total += round;
        } while (round == ROUND);
        return total;
    }

    /**
     * Records the day's message-text cut-off if no instance has recorded it (or a later one) yet; answers whether
     * this call recorded it. The event and the row commit together.
     */
    boolean recordMessageTextCutoff(Instant now) {
        Instant cutoff = messageTextCutoff(now);
        Boolean recorded = transaction.execute(status -> {
            if (!advance(MESSAGE_TEXTS, cutoff, now)) {
                return false;
            }
            events.publish(new MessageTextsRetentionApplied(cutoff, now));
            return true;
        });
        return Boolean.TRUE.equals(recorded);
    }

    /** Now minus the retention period, to the start of its day (UTC), so the cut-off moves once a day. */
    Instant messageTextCutoff(Instant now) {
        return now.minus(properties.messageTextRetention()).truncatedTo(ChronoUnit.DAYS);
    }

    /** Moves the rule's cut-off forward; a concurrent instance waits on the row and then finds it moved. */
    private boolean advance(String rule, Instant cutoff, Instant now) {
        return jdbc.update("update data_retention set cutoff = ?, applied_at = ? where rule = ? and cutoff < ?",
                Timestamp.from(cutoff), Timestamp.from(now), rule, Timestamp.from(cutoff)) == 1;
    }
}
