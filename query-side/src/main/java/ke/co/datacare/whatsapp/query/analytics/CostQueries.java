package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.api.query.CostAnalytics;
import ke.co.datacare.whatsapp.api.query.FindCostAnalytics;
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

/**
 * Answers costs from {@link CostProjection}'s table: one grouped read of the period (per day, category, market,
 * sender and campaign), each group priced by the rate of its own day, tallied into every breakdown.
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
        Map<String, Tally> categories = new TreeMap<>();
        Map<String, Tally> senders = new TreeMap<>();
        Map<String, Tally> campaigns = new TreeMap<>();
        TreeSet<String> unpriced = new TreeSet<>();
        jdbc.query("select priced_on, category, market, sender_kind, campaign_id, count(*), "
                + "sum(case when delivered then 1 else 0 end), sum(case when delivered and charged then 1 else 0 end) "
                + "from analytics_message_cost where priced_on between ? and ? "
                + "group by priced_on, category, market, sender_kind, campaign_id", rs -> {
            LocalDate day = rs.getObject(1, LocalDate.class);
            String category = rs.getString(2) == null ? "unknown" : rs.getString(2);
            String market = rs.getString(3);
            long charged = rs.getLong(8);
            Optional<BigDecimal> price = rates.price(market, category, day);
            if (charged > 0 && price.isEmpty()) {
                unpriced.add(market == null ? "unknown" : market);
            }
            Tally group = new Tally(rs.getLong(6), rs.getLong(7), charged,
                    price.map(p -> p.multiply(BigDecimal.valueOf(charged))).orElse(BigDecimal.ZERO));
            total.add(group);
            periods.computeIfAbsent(AnalyticsCalendar.periodOf(day, query.granularity()), p -> new Tally()).add(group);
            categories.computeIfAbsent(category, c -> new Tally()).add(group);
            senders.computeIfAbsent(rs.getString(4), s -> new Tally()).add(group);
            if (rs.getString(5) != null) {
                campaigns.computeIfAbsent(rs.getString(5), c -> new Tally()).add(group);
            }
        }, query.from(), query.to());
        return new CostAnalytics(query.from(), query.to(), AnalyticsCalendar.ZONE.getId(), rates.currency(),
                total.cost(), periods.entrySet().stream().map(period -> new CostAnalytics.CostPeriod(period.getKey(),
                        AnalyticsCalendar.lastDayOf(period.getKey(), query.granularity()), period.getValue().cost()))
                .toList(), groups(categories), groups(senders), groups(campaigns), List.copyOf(unpriced));
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
