package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.api.query.CostAnalytics;
import ke.co.datacare.whatsapp.api.query.FindCostAnalytics;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        Map<LocalDate, Tally> byDay = byDay(periods, query);
        Map<String, Tally> categories = new HashMap<>();
        Map<String, Tally> senders = new HashMap<>();
        Map<String, Tally> campaigns = new HashMap<>();
        TreeSet<String> unpriced = new TreeSet<>();
        RateCard.Prices prices = rates.prices();
        CostDays.read(jdbc, query.from(), query.to(), row -> {
            String category = category(row.category());
            BigDecimal price = prices.price(row.market(), category, row.day()).orElse(null);
            if (row.charged() > 0 && price == null) {
                unpriced.add(row.market() == null ? "unknown" : row.market());
            }
            total.add(row, price);
            byDay.get(row.day()).add(row, price);
            categories.computeIfAbsent(category, c -> new Tally()).add(row, price);
            senders.computeIfAbsent(row.senderKind(), kind -> new Tally()).add(row, price);
            if (row.campaignId() != null) {
                campaigns.computeIfAbsent(row.campaignId(), c -> new Tally()).add(row, price);
            }
        });
        return new CostAnalytics(query.from(), query.to(), AnalyticsCalendar.ZONE.getId(), rates.currency(),
                total.cost(), periods.entrySet().stream().map(period -> new CostAnalytics.CostPeriod(period.getKey(),
                        AnalyticsCalendar.lastDayOf(period.getKey(), query.granularity()), period.getValue().cost()))
                .toList(), groups(categories), groups(senders), groups(campaigns), List.copyOf(unpriced));
    }

    /** Each day asked for and its period's tally: a row finds its period in one lookup, its week not worked out. */
    private static Map<LocalDate, Tally> byDay(Map<LocalDate, Tally> periods, FindCostAnalytics query) {
        Map<LocalDate, Tally> byDay = new HashMap<>();
        for (LocalDate day = query.from(); !day.isAfter(query.to()); day = day.plusDays(1)) {
            byDay.put(day, periods.get(AnalyticsCalendar.periodOf(day, query.granularity())));
        }
        return byDay;
    }

    private static String category(String category) {
        return category == null ? "unknown" : category;
    }

    /** The groups in name order. */
    private static List<CostAnalytics.CostGroup> groups(Map<String, Tally> tallies) {
        return new TreeMap<>(tallies).entrySet().stream()
                .map(entry -> new CostAnalytics.CostGroup(entry.getKey(), entry.getValue().cost())).toList();
    }

    /**
     * A group's counts, and its charged messages counted per price (a year has a few prices, the rate card's): the
     * cost is worked out once per price when the answer is written, not added up row by row in {@link BigDecimal}s
     * (a year's 6,570 rows, each added to five groups).
     */
    private static final class Tally {
        private long messages;
        private long delivered;
        private long charged;
        private BigDecimal[] prices = new BigDecimal[2];
        private long[] chargedAt = new long[2];
        private int priceCount;

        /** A row's counts, its charged messages at {@code price} (none when null: the cost leaves them out). */
        void add(CostDays.Day row, BigDecimal price) {
            messages += row.messages();
            delivered += row.delivered();
            charged += row.charged();
            if (price != null && row.charged() > 0) {
                int slot = slot(price);
                chargedAt[slot] += row.charged();
            }
        }

        private int slot(BigDecimal price) {
            for (int i = 0; i < priceCount; i++) {
                if (prices[i].equals(price)) {
                    return i;
                }
            }
            if (priceCount == prices.length) {
                prices = Arrays.copyOf(prices, priceCount * 2);
                chargedAt = Arrays.copyOf(chargedAt, priceCount * 2);
            }
            prices[priceCount] = price;
            return priceCount++;
        }

        CostAnalytics.MessageCost cost() {
            BigDecimal cost = BigDecimal.ZERO;
            for (int i = 0; i < priceCount; i++) {
                cost = cost.add(prices[i].multiply(BigDecimal.valueOf(chargedAt[i])));
            }
            return new CostAnalytics.MessageCost(messages, delivered, charged, cost.stripTrailingZeros());
        }
    }
}
