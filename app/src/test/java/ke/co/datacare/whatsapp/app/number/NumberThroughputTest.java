package ke.co.datacare.whatsapp.app.number;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.StreamSupport;
import ke.co.datacare.whatsapp.app.support.IntegrationTest;
import ke.co.datacare.whatsapp.app.support.OwnDatabase;
import ke.co.datacare.whatsapp.app.support.ServiceClient;
import ke.co.datacare.whatsapp.command.graph.BusinessNumbers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Meta's throughput level sets a number's rate without number discovery: the level Meta announces in a
 * {@code phone_number_quality_update} webhook ({@code THROUGHPUT_UPGRADE}, body as in Meta's reference) for a number
 * whose display number is configured, or a configured level; {@code GET /api/numbers} shows the rate and its source.
 * Its own database and context, so the upgrade does not change the rate other tests send at.
 */
@TestPropertySource(properties = {
        "datacare.whatsapp.numbers.ids=110000000000005,110000000000006,110000000000007",
        "datacare.whatsapp.numbers.display-phone-numbers.110000000000001=254700000001",
        "datacare.whatsapp.numbers.display-phone-numbers.110000000000005=+254 700 000 005",
        "datacare.whatsapp.numbers.throughput-levels.110000000000006=HIGH",
        "datacare.whatsapp.numbers.throughput-levels.110000000000007=HIGH",
        "datacare.whatsapp.numbers.messages-per-second.110000000000007=20"})
@Import(OwnDatabase.class)
class NumberThroughputTest extends IntegrationTest {

    private static final String DEFAULT = "110000000000001";
    private static final String FIFTH = "110000000000005";

    @LocalServerPort
    int port;
    @Autowired
    BusinessNumbers numbers;

    ServiceClient client;
    String token;

    @BeforeEach
    void signIn() {
        client = new ServiceClient(port, APP_SECRET);
        token = client.login("admin@test.datacare.local", "admin-password");
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = NumberThroughputTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String numberReport(String displayNumber, String event, long time) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"220000000000002\",\"time\":" + time
                + ",\"changes\":[{\"value\":{\"display_phone_number\":\"" + displayNumber + "\",\"event\":\"" + event
                + "\",\"max_daily_conversations_per_business\":\"TIER_10K\"},\"field\":\"phone_number_quality_update\"}]}]}";
    }

    private JsonNode number(String id) {
        return StreamSupport.stream(client.getJson("/api/numbers", token).spliterator(), false)
                .filter(number -> id.equals(number.path("phoneNumberId").asText())).findFirst().orElseThrow();
    }

    @Test
    void a_throughput_upgrade_meta_announces_raises_the_numbers_rate_to_1000_without_discovery() throws IOException {
        JsonNode before = number(DEFAULT);
        assertThat(before.path("messagesPerSecond").asInt()).isEqualTo(80);
        assertThat(before.path("throughputSource").asText()).isEqualTo("DEFAULT");
        assertThat(before.path("displayPhoneNumber").asText()).isEqualTo("254700000001");

        assertThat(client.postWebhook(fixture("number-throughput-upgrade.json")).statusCode()).isEqualTo(200);

        JsonNode after = await().atMost(Duration.ofSeconds(20)).until(() -> number(DEFAULT),
                number -> number.path("messagesPerSecond").asInt() == 1000);
        assertThat(after.path("throughputLevel").asText()).isEqualTo("HIGH");
        assertThat(after.path("throughputSource").asText()).isEqualTo("META_ANNOUNCED");
        assertThat(after.has("throughput")).as("nothing listed: discovery is off").isFalse();
        assertThat(numbers.messagesPerSecond(DEFAULT)).as("the rate sends keep").isEqualTo(1000);
        assertThat(number(FIFTH).path("messagesPerSecond").asInt()).as("another number keeps its own").isEqualTo(80);
    }

    @Test
    void a_configured_level_sets_the_rate_until_meta_says_otherwise_and_a_configured_rate_wins_over_any_level() {
        JsonNode high = number("110000000000006");
        JsonNode sharedWithTheApp = number("110000000000007");

        assertThat(high.path("messagesPerSecond").asInt()).isEqualTo(1000);
        assertThat(high.path("throughputLevel").asText()).isEqualTo("HIGH");
        assertThat(high.path("throughputSource").asText()).isEqualTo("CONFIGURED_LEVEL");
        assertThat(sharedWithTheApp.path("messagesPerSecond").asInt()).isEqualTo(20);
        assertThat(sharedWithTheApp.has("throughputLevel")).isFalse();
        assertThat(sharedWithTheApp.path("throughputSource").asText()).isEqualTo("CONFIGURED_RATE");
    }

    @Test
    void an_upgrade_outlives_a_later_flag_and_a_late_older_report_on_a_number_configured_with_spaces_and_plus() {
        long at = 1_764_300_000L;
        client.postWebhook(numberReport("254700000005", "THROUGHPUT_UPGRADE", at));
        client.postWebhook(numberReport("254700000005", "FLAGGED", at + 60));
        client.postWebhook(numberReport("254700000005", "DOWNGRADE", at - 60));

        JsonNode fifth = await().atMost(Duration.ofSeconds(20)).until(() -> number(FIFTH),
                number -> number.path("reports").size() == 1
                        && number.path("reports").get(0).path("lastEvent").asText().equals("FLAGGED"));
        await().atMost(Duration.ofSeconds(5)).until(() -> number(FIFTH).path("messagesPerSecond").asInt() == 1000);
        assertThat(number(FIFTH).path("throughputSource").asText()).isEqualTo("META_ANNOUNCED");
        assertThat(fifth.path("displayPhoneNumber").asText()).isEqualTo("+254 700 000 005");
    }
}
