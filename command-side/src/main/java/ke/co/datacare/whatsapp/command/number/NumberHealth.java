package ke.co.datacare.whatsapp.command.number;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import ke.co.datacare.whatsapp.api.account.BusinessCapabilityReported;
import ke.co.datacare.whatsapp.api.account.PhoneNumberHealthReported;
import ke.co.datacare.whatsapp.command.graph.BusinessNumbers;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What Meta last reported about our numbers and the business portfolio's messaging limit (table
 * {@code number_health}, a command-side lookup kept in the transaction of the events). Campaigns admit recipients by
 * the limit Meta last announced; the configured tier is only the value until Meta announces one. A number's throughput
 * level announced by Meta ({@code THROUGHPUT_UPGRADE}: {@code HIGH}, 1,000 messages per second) sets its rate
 * through {@link BusinessNumbers}, with or without discovery.
 */
@Component
@ProcessingGroup("command-lookups")
public class NumberHealth implements BusinessNumbers.ThroughputAnnouncements {

    /** Meta's event when a number moves to the higher throughput level (Meta's "Throughput" page, May 2026). */
    static final String THROUGHPUT_UPGRADE = "THROUGHPUT_UPGRADE";

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

    private record CachedLevels(Map<String, String> levels, Instant readAt) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile Cached cached;
    private volatile CachedLevels cachedLevels;

    NumberHealth(JdbcTemplate jdbc, Clock clock, BusinessNumbers numbers) {
        this.jdbc = jdbc;
        this.clock = clock;
        numbers.announcedBy(this);
    }

    @EventHandler
    void on(PhoneNumberHealthReported event) {
        if (event.displayPhoneNumber() != null) {
            upsert(NUMBER, event.displayPhoneNumber(), event.event(), null, null, event.at());
        }
        if (event.messagingLimit() != null && event.businessAccountId() != null) {
            upsert(BUSINESS, event.businessAccountId(), event.event(), event.messagingLimit(), null, event.at());
        }
        if (THROUGHPUT_UPGRADE.equals(event.event()) && event.displayPhoneNumber() != null) {
            throughput(event.displayPhoneNumber(), "HIGH", event.at());
        }
    }

    /** Keeps the newest level announced for a display number, whatever other reports came after it. */
    private void throughput(String displayNumber, String level, Instant at) {
        jdbc.update("update number_health set throughput_level = ?, throughput_reported_at = ? where scope = ? "
                        + "and id = ? and (throughput_reported_at is null or throughput_reported_at <= ?)",
                level, Timestamp.from(at), NUMBER, displayNumber, Timestamp.from(at));
        cachedLevels = null;
    }

    /**
     * The throughput level Meta announced by display number (digits), read again at most every two seconds so that
     * other instances' reports reach this one; asked on every send.
     */
    @Override
    public Map<String, String> levelsByDisplayNumber() {
        CachedLevels current = cachedLevels;
        Instant now = clock.instant();
        if (current == null || current.readAt().plus(FRESH_FOR).isBefore(now)) {
            current = new CachedLevels(jdbc.query("select id, throughput_level from number_health "
                            + "where scope = ? and throughput_level is not null", (rs, i) -> Map.entry(
                            BusinessNumbers.digits(rs.getString(1)), rs.getString(2)), NUMBER).stream()
                    .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> b)), now);
            cachedLevels = current;
        }
        return current.levels();
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
