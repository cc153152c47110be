package ke.co.datacare.whatsapp.query.analytics;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RateCardTest {

    private final RateCard card = new RateCard("USD", List.of(
            new RateCard.Rate("KE", "marketing", LocalDate.of(2025, 7, 1), new BigDecimal("0.0225")),
            new RateCard.Rate("KE", "marketing", LocalDate.of(2026, 1, 1), new BigDecimal("0.0250")),
            new RateCard.Rate("KE", "utility", LocalDate.of(2025, 7, 1), new BigDecimal("0.0040"))));

    @Test
    void a_message_costs_the_rate_of_its_own_day() {
        assertThat(card.price("KE", "marketing", LocalDate.of(2025, 12, 31))).contains(new BigDecimal("0.0225"));
        assertThat(card.price("KE", "marketing", LocalDate.of(2026, 1, 1))).contains(new BigDecimal("0.0250"));
    }

    @Test
    void markets_and_categories_match_whatever_their_case() {
        assertThat(card.price("ke", "UTILITY", LocalDate.of(2025, 8, 1))).contains(new BigDecimal("0.0040"));
    }

    @Test
    void a_day_before_any_rate_or_an_unknown_market_has_no_price() {
        assertThat(card.price("KE", "utility", LocalDate.of(2025, 6, 30))).isEmpty();
        assertThat(card.price("UG", "utility", LocalDate.of(2025, 8, 1))).isEmpty();
        assertThat(card.price(null, "utility", LocalDate.of(2025, 8, 1))).isEmpty();
    }
}
