package ke.co.datacare.whatsapp.command.number;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import ke.co.datacare.whatsapp.api.account.BusinessCapabilityReported;
import ke.co.datacare.whatsapp.api.account.PhoneNumberHealthReported;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What Meta last reported about our numbers and the business portfolio's messaging limit (table
 * {@code number_health}, a command-side lookup kept in the transaction of the events). Campaigns admit recipients by
 * the limit Meta last announced; the configured tier is only the value until Meta announces one.
 */
@Component
@ProcessingGroup("command-lookups")
public class NumberHealth {

    static final String BUSINESS = "business";
    static final String NUMBER = "number";
    /** Campaign workers ask per batch; other instances' reports reach this one through the table within this. */
    private static final Duration FRESH_FOR = Duration.ofSeconds(2);

    /** The last report on one number: Meta's event name (FLAGGED, UPGRADE, ...) and when it came. */
    public record NumberReport(String displayPhoneNumber, String lastEvent, Instant reportedAt) {
    }

    /** The messaging limit Meta announced ({@code -1} unlimited) and when. */
    public record AnnouncedLimit(long uniqueCustomersPer24h, Instant reportedAt) {
        public boolean unlimited() {
            return uniqueCustomersPer24h < 0;
        }
    }

    private record Cached(Optional<AnnouncedLimit> limit, Instant readAt) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile Cached cached;

    NumberHealth(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventHandler
    void on(PhoneNumberHealthReported event) {
        if (event.displayPhoneNumber() != null) {
            upsert(NUMBER, event.displayPhoneNumber(), event.event(), null, null, event.at());
        }
        if (event.messagingLimit() != null && event.businessAccountId() != null) {
            upsert(BUSINESS, event.businessAccountId(), event.event(), event.messagingLimit(), null, event.at());
        }
    }

    @EventHandler
    void on(BusinessCapabilityReported event) {
        if (event.businessAccountId() != null && (event.messagingLimit() != null || event.maxPhoneNumbers() != null)) {
            upsert(BUSINESS, event.businessAccountId(), "CAPABILITY_UPDATE", event.messagingLimit(),
                    event.maxPhoneNumbers(), event.at());
        }
    }

    /** Keeps the newest report only: Meta may deliver an older one late. */
    private void upsert(String scope, String id, String lastEvent, Long limit, Integer maxNumbers, Instant at) {
        int updated = jdbc.update("update number_health set last_event = ?, "
                        + "messaging_limit = coalesce(?, messaging_limit), max_numbers = coalesce(?, max_numbers), "
                        + "reported_at = ? where scope = ? and id = ? and reported_at <= ?",
                lastEvent, limit, maxNumbers, Timestamp.from(at), scope, id, Timestamp.from(at));
        if (updated == 0 && jdbc.queryForObject("select count(*) from number_health where scope = ? and id = ?",
                Integer.class, scope, id) == 0) {
            jdbc.update("insert into number_health (scope, id, last_event, messaging_limit, max_numbers, reported_at) "
                    + "values (?, ?, ?, ?, ?, ?)", scope, id, lastEvent, limit, maxNumbers, Timestamp.from(at));
        }
        cached = null;
    }

    /** The messaging limit Meta announced last, if it announced one. */
    public Optional<AnnouncedLimit> announcedLimit() {
        Cached current = cached;
        Instant now = clock.instant();
        if (current == null || current.readAt().plus(FRESH_FOR).isBefore(now)) {
            current = new Cached(jdbc.query("select messaging_limit, reported_at from number_health "
                            + "where scope = ? and messaging_limit is not null order by reported_at desc limit 1",
                    (rs, i) -> new AnnouncedLimit(rs.getLong(1), rs.getTimestamp(2).toInstant()), BUSINESS)
                    .stream().findFirst(), now);
            cached = current;
        }
        return current.limit();
    }

    public List<NumberReport> numbers() {
        return jdbc.query("select id, last_event, reported_at from number_health where scope = ? order by id",
                (rs, i) -> new NumberReport(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()), NUMBER);
    }
}
