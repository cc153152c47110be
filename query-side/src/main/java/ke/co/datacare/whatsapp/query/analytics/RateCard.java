package ke.co.datacare.whatsapp.query.analytics;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Meta's prices per delivered, charged message ({@code datacare.pricing.*}): rates are data, not code, and dated, so
 * that a message costs what the rate of its own day said (Meta changes rates on the first day of a quarter).
 *
 * @param currency what the rates are in (Meta bills in USD by default)
 * @param rates    one price per market (ISO country, {@code KE}), category and first day it applies
 */
@Validated
@ConfigurationProperties("datacare.pricing")
public record RateCard(@DefaultValue("USD") @NotBlank String currency, @DefaultValue List<@Valid Rate> rates) {

    public record Rate(@NotBlank String market, @NotBlank String category, @NotNull LocalDate from,
                       @NotNull BigDecimal price) {
    }

    /** The price of a charged message of {@code category} to {@code market} delivered on {@code day}, if known. */
    Optional<BigDecimal> price(String market, String category, LocalDate day) {
        return prices().price(market, category, day);
    }

    /** The rates indexed by market and category, to price the many groups of one request. */
    Prices prices() {
        return new Prices(rates);
    }

    /**
     * Each market's and category's rates by their first day: a price is the rate of the last first day. The rates of
     * a market and category as written in the rows priced are looked up once per request, not once per row.
     */
    static final class Prices {
        private static final TreeMap<LocalDate, BigDecimal> NONE = new TreeMap<>();

        private final Map<String, TreeMap<LocalDate, BigDecimal>> dated = new HashMap<>();
        private final Map<String, Map<String, TreeMap<LocalDate, BigDecimal>>> byMarket = new HashMap<>();

        private Prices(List<Rate> rates) {
            rates.forEach(rate -> dated.computeIfAbsent(key(rate.market(), rate.category()), key -> new TreeMap<>())
                    .merge(rate.from(), rate.price(), (first, second) -> first.max(second)));
        }

        Optional<BigDecimal> price(String market, String category, LocalDate day) {
            if (market == null || category == null) {
                return Optional.empty();
            }
            Map.Entry<LocalDate, BigDecimal> rate = byMarket.computeIfAbsent(market, m -> new HashMap<>())
                    .computeIfAbsent(category, c -> dated.getOrDefault(key(market, category), NONE)).floorEntry(day);
            return rate == null ? Optional.empty() : Optional.of(rate.getValue());
        }

        private static String key(String market, String category) {
            return market.toUpperCase(Locale.ROOT) + "/" + category.toLowerCase(Locale.ROOT);
        }
    }
}
