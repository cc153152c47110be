package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.api.query.CostAnalytics;
import ke.co.datacare.whatsapp.api.query.FindCostAnalytics;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Answers costs from {@link CostProjection}'s daily counts ({@link CostDays}: per day, category, market, sender and
 * campaign), read as stored and summed here: each row priced by the rate of its day, market and category (a row's
 * messages share all three), then added to the total, its period, category, sender and campaign. A year reads a few
 * rows per day (6,570 for a busy number's 18 groups a day), where grouping the rows per message read every message of
 * the year (1,000,000 rows), and grouping the daily rows in SQL cost the database more than reading them.
 */
@Component
@EnableConfigurationProperties(RateCard.class)
public class CostQueries {

    private final JdbcTemplate jdbc;
    private final RateCard rates;

    public CostQueries(JdbcTemplate jdbc, RateCard rates) {
        this.jdbc = jdbc;
        this.rates = rates;
    }

    @QueryHandler
    public CostAnalytics handle(FindCostAnalytics query) {
        Tally total = new Tally();
        Map<LocalDate, Tally> periods = new LinkedHashMap<>();
        for (LocalDate start : AnalyticsCalendar.periodStarts(query.from(), query.to(), query.granularity())) {
            periods.put(start, new Tally());
        }
        Map<String, Tally> categories = new HashMap<>();
        Map<String, Tally> senders = new HashMap<>();
        Map<String, Tally> campaigns = new HashMap<>();
        TreeSet<String> unpriced = new TreeSet<>();
        RateCard.Prices prices = rates.prices();
        CostDays.read(jdbc, query.from(), query.to(), row -> {
            String category = category(row.category());
            Optional<BigDecimal> price = prices.price(row.market(), category, row.day());
            if (row.charged() > 0 && price.isEmpty()) {
                unpriced.add(row.market() == null ? "unknown" : row.market());
            }
            Tally group = Tally.priced(row.messages(), row.delivered(), row.charged(), price);
            total.add(group);
            periods.computeIfAbsent(AnalyticsCalendar.periodOf(row.day(), query.granularity()), p -> new Tally())
                    .add(group);
            categories.computeIfAbsent(category, c -> new Tally()).add(group);
            senders.computeIfAbsent(row.senderKind(), kind -> new Tally()).add(group);
            if (row.campaignId() != null) {
                campaigns.computeIfAbsent(row.campaignId(), c -> new Tally()).add(group);
            }
        });
        return new CostAnalytics(query.from(), query.to(), AnalyticsCalendar.ZONE.getId(), rates.currency(),
                total.cost(), periods.entrySet().stream().map(period -> new CostAnalytics.CostPeriod(period.getKey(),
                        AnalyticsCalendar.lastDayOf(period.getKey(), query.granularity()), period.getValue().cost()))
                .toList(), groups(categories), groups(senders), groups(campaigns), List.copyOf(unpriced));
    }

    private static String category(String category) {
        return category == null ? "unknown" : category;
    }

    /** The groups in name order. */
    private static List<CostAnalytics.CostGroup> groups(Map<String, Tally> tallies) {
        return new TreeMap<>(tallies).entrySet().stream()
                .map(entry -> new CostAnalytics.CostGroup(entry.getKey(), entry.getValue().cost())).toList();
    }

    private static final class Tally {
        private long messages;
        private long delivered;
        private long charged;
        private BigDecimal cost;

        Tally() {
            this(0, 0, 0, BigDecimal.ZERO);
        }

        Tally(long messages, long delivered, long charged, BigDecimal cost) {
            this.messages = messages;
            this.delivered = delivered;
            this.charged = charged;
            this.cost = cost;
        }

        /** A group's counts, its charged messages at {@code price} (nothing when it has none). */
        static Tally priced(long messages, long delivered, long charged, Optional<BigDecimal> price) {
            return new Tally(messages, delivered, charged,
                    price.map(p -> p.multiply(BigDecimal.valueOf(charged))).orElse(BigDecimal.ZERO));
        }

        void add(Tally other) {
            messages += other.messages;
            delivered += other.delivered;
            charged += other.charged;
            cost = cost.add(other.cost);
        }

        CostAnalytics.MessageCost cost() {
            return new CostAnalytics.MessageCost(messages, delivered, charged, cost.stripTrailingZeros());
        }
    }
}
