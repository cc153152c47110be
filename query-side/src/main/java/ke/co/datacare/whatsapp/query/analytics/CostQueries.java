package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.api.query.CostAnalytics;
import ke.co.datacare.whatsapp.api.query.FindCostAnalytics;
import ke.co.datacare.whatsapp.query.paging.SqlDialect;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Answers costs from {@link CostProjection}'s daily counts ({@link CostDays}: per day, category, market, sender and
 * campaign), summed in SQL to what a price depends on: the total, the periods and the categories from the sums per
 * day, category and market, each priced by the rate of its day; the senders and campaigns from the sums over each
 * span of days in which no rate starts ({@link RateCard#spans}: usually the whole range), priced once per span. On
 * PostgreSQL both sums come from one scan of the daily rows ({@code GROUPING SETS}), where two group-bys read them
 * twice; the hashing into groups, not the scan, is most of the database's work either way (5 to 12 % saved,
 * bench/results/2026-12-07T0811Z-cost-grouping-sets.md). A year reads a few rows per day, where grouping the rows per
 * message read every message of the year (1,000,000 rows for a year of a busy number), and prices a few thousand
 * groups, not every daily row.
 */
@Component
@EnableConfigurationProperties(RateCard.class)
public class CostQueries {

    private final JdbcTemplate jdbc;
    private final RateCard rates;
    /** PostgreSQL sums both groupings in one scan; H2 (zero-setup mode) runs one statement per grouping and span. */
    private final boolean groupingSets;

    public CostQueries(JdbcTemplate jdbc, RateCard rates) {
        this.jdbc = jdbc;
        this.rates = rates;
        this.groupingSets = SqlDialect.isPostgres(jdbc);
    }

    @QueryHandler
    public CostAnalytics handle(FindCostAnalytics query) {
        Tally total = new Tally();
        Map<LocalDate, Tally> periods = new LinkedHashMap<>();
        for (LocalDate start : AnalyticsCalendar.periodStarts(query.from(), query.to(), query.granularity())) {
            periods.put(start, new Tally());
        }
        Map<String, Tally> categories = new TreeMap<>();
        Map<String, Tally> senders = new TreeMap<>();
        Map<String, Tally> campaigns = new TreeMap<>();
        TreeSet<String> unpriced = new TreeSet<>();
        RateCard.Prices prices = rates.prices();
        Consumer<CostDays.Day> day = row -> {
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
        };
        Consumer<CostDays.Sender> sender = row -> {
            Tally group = Tally.priced(row.messages(), row.delivered(), row.charged(),
                    prices.price(row.market(), category(row.category()), row.spanStart()));
            senders.computeIfAbsent(row.senderKind(), kind -> new Tally()).add(group);
            if (row.campaignId() != null) {
                campaigns.computeIfAbsent(row.campaignId(), c -> new Tally()).add(group);
            }
        };
        List<LocalDate[]> spans = rates.spans(query.from(), query.to());
        if (groupingSets) {
            CostDays.readGrouped(jdbc, query.from(), query.to(), spans.stream().skip(1).map(span -> span[0]).toList(),
                    day, sender);
        } else {
            CostDays.readDays(jdbc, query.from(), query.to(), day);
            spans.forEach(span -> CostDays.readSenders(jdbc, span[0], span[1], sender));
        }
        return new CostAnalytics(query.from(), query.to(), AnalyticsCalendar.ZONE.getId(), rates.currency(),
                total.cost(), periods.entrySet().stream().map(period -> new CostAnalytics.CostPeriod(period.getKey(),
                        AnalyticsCalendar.lastDayOf(period.getKey(), query.granularity()), period.getValue().cost()))
                .toList(), groups(categories), groups(senders), groups(campaigns), List.copyOf(unpriced));
    }

    private static String category(String category) {
        return category == null ? "unknown" : category;
    }

    private static List<CostAnalytics.CostGroup> groups(Map<String, Tally> tallies) {
        return tallies.entrySet().stream()
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
