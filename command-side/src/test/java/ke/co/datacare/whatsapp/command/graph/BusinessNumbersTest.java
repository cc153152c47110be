package ke.co.datacare.whatsapp.command.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import ke.co.datacare.whatsapp.command.graph.BusinessNumbers.Throughput;
import ke.co.datacare.whatsapp.command.graph.BusinessNumbers.ThroughputSource;
import org.junit.jupiter.api.Test;

/** Where a number's throughput comes from: its own rate, Meta's listing, Meta's webhook, its configured level. */
class BusinessNumbersTest {

    private static final String DEFAULT = GraphApiTestSupport.PHONE_NUMBER_ID;
    private static final String SECOND = "110000000000002";
    private static final String THIRD = "110000000000003";

    private static BusinessNumbers numbers(Map<String, Integer> rates, Map<String, String> levels,
                                           Map<String, String> displays) {
        return new BusinessNumbers(GraphApiTestSupport.properties("http://127.0.0.1:9"),
                new BusinessNumberProperties(List.of(SECOND, THIRD), rates, levels, displays, false,
                        Duration.ofMinutes(10)));
    }

    private static BusinessNumbers.Listed listed(String id, String display, String level) {
        return new BusinessNumbers.Listed(id, display, "DataCare", "GREEN", "CONNECTED", level);
    }

    @Test
    void a_number_meta_announced_high_by_its_configured_display_number_sends_at_1000() {
        BusinessNumbers numbers = numbers(Map.of(), Map.of(), Map.of(SECOND, "+254 700 000 002"));
        numbers.announcedBy(() -> Map.of("254700000002", "HIGH"));

        assertThat(numbers.throughput(SECOND)).isEqualTo(new Throughput(1000, "HIGH", ThroughputSource.META_ANNOUNCED));
        assertThat(numbers.messagesPerSecond(THIRD)).as("no display number known: not applied").isEqualTo(80);
        assertThat(numbers.throughput(null).source()).isEqualTo(ThroughputSource.DEFAULT);
    }

    @Test
    void meta_listing_the_number_wins_over_its_webhook_and_the_configured_level_over_nothing() {
        BusinessNumbers numbers = numbers(Map.of(), Map.of(SECOND, "HIGH", THIRD, "HIGH"), Map.of());
        numbers.announcedBy(() -> Map.of("254700000003", "HIGH"));
        numbers.listedByMeta(List.of(listed(THIRD, "+254 700 000 003", "STANDARD")));

        assertThat(numbers.throughput(THIRD)).isEqualTo(new Throughput(80, "STANDARD", ThroughputSource.META_LISTED));
        assertThat(numbers.throughput(SECOND)).isEqualTo(new Throughput(1000, "HIGH", ThroughputSource.CONFIGURED_LEVEL));
        assertThat(numbers.displayPhoneNumber(THIRD)).isEqualTo("+254 700 000 003");
    }

    @Test
    void a_configured_rate_wins_over_any_level_meta_lists_or_announces() {
        BusinessNumbers numbers = numbers(Map.of(SECOND, 20), Map.of(SECOND, "HIGH"), Map.of(SECOND, "254700000002"));
        numbers.announcedBy(() -> Map.of("254700000002", "HIGH"));
        numbers.listedByMeta(List.of(listed(SECOND, "254700000002", "HIGH")));

        assertThat(numbers.throughput(SECOND)).isEqualTo(new Throughput(20, null, ThroughputSource.CONFIGURED_RATE));
        assertThat(numbers.all()).extracting(BusinessNumbers.Number::messagesPerSecond).containsExactly(80, 20, 80);
    }

    @Test
    void a_configured_display_number_wins_over_one_learnt_elsewhere() {
        BusinessNumbers numbers = numbers(Map.of(), Map.of(), Map.of(SECOND, "254700000002"));
        numbers.learnDisplayPhoneNumbers(Map.of(SECOND, "15550000001", THIRD, "15550000002"));

        assertThat(numbers.displayPhoneNumber(SECOND)).isEqualTo("254700000002");
        assertThat(numbers.displayPhoneNumber(THIRD)).isEqualTo("15550000002");
    }

    @Test
    void a_configured_level_meta_does_not_have_stops_the_start() {
        assertThatThrownBy(() -> numbers(Map.of(), Map.of(SECOND, "TURBO"), Map.of()))
                .hasMessageContaining("throughput-levels." + SECOND);
    }
}
