package ke.co.datacare.whatsapp.app.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Costs over HTTP: our messages go to the Graph API stub, Meta's status webhooks price them (in its current format,
 * with {@code type}), and {@code /api/analytics/costs} charges the delivered, regular ones by the rate card of
 * application.yml (Kenya: marketing 0.0225, utility 0.0040 USD). The statuses are dated on a day of this test's own,
 * so other tests' messages do not count.
 */
class MessageCostsTest extends SignedInTest {

    private static final LocalDate DAY = LocalDate.of(2025, 10, 17);
    private static final long STATUS_TIME = DAY.atTime(12, 0).atZone(ZoneId.of("Africa/Nairobi")).toEpochSecond();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String WA_ID = "254733200" + String.format("%03d", (int) (Math.random() * 1000));

    @BeforeEach
    void templatesKnown() {
        await().atMost(WAIT).until(() -> client.post("/api/templates/sync", token, "{}").statusCode() == 200);
    }

    @Test
    void delivered_template_messages_cost_the_rate_of_their_market_category_and_day_and_service_is_free() {
        long now = Instant.now().getEpochSecond();
        client.postWebhook(Webhooks.text(WA_ID, "Chebet", "wamid.cost-in-" + WA_ID, now, "Habari"));
        String utility = send("{\"to\":\"+" + WA_ID + "\",\"type\":\"template\",\"template\":{\"name\":\"order_update\","
                + "\"language\":\"en\",\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":"
                + "\"Chebet\"},{\"type\":\"text\",\"text\":\"DC-7\"}]}]}}");
        String offer = offer();
        String undelivered = offer();
        String conversation = await().atMost(WAIT).until(this::conversation, id -> id != null);
        String service = send("{\"conversationId\":\"" + conversation + "\",\"content\":\"Karibu\"}");

        priced(utility, "delivered", "regular", "utility");
        priced(offer, "delivered", "regular", "marketing");
        priced(undelivered, "sent", "regular", "marketing");
        priced(service, "delivered", "free_customer_service", "service");

        JsonNode costs = await().atMost(WAIT).until(() -> client.getJson("/api/analytics/costs?from=" + DAY + "&to="
                + DAY, token), answer -> answer.path("total").path("messages").asLong() == 4);
        assertThat(costs.path("currency").asText()).isEqualTo("USD");
        assertThat(costs.path("total").path("delivered").asLong()).isEqualTo(3);
        assertThat(costs.path("total").path("charged").asLong()).isEqualTo(2);
        assertThat(costs.path("total").path("cost").decimalValue()).isEqualByComparingTo(new BigDecimal("0.0265"));
        assertThat(group(costs.path("categories"), "marketing").path("charged").asLong()).isEqualTo(1);
        assertThat(group(costs.path("categories"), "marketing").path("cost").decimalValue())
                .isEqualByComparingTo(new BigDecimal("0.0225"));
        assertThat(group(costs.path("categories"), "service").path("cost").decimalValue())
                .isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(group(costs.path("senders"), "agent").path("charged").asLong()).isEqualTo(2);
        assertThat(costs.path("unpricedMarkets")).isEmpty();
    }

    private String offer() {
        return send("{\"to\":\"+" + WA_ID + "\",\"type\":\"template\",\"template\":{\"name\":\"december_offer\","
                + "\"language\":\"en\",\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":"
                + "\"Chebet\"}]}]}}");
    }

    /** Meta's status of our message {@code messageId}, with pricing, dated on this test's day. */
    private void priced(String messageId, String status, String type, String category) {
        String wamid = await().atMost(WAIT).until(() -> wamidOf(messageId), id -> id != null);
        client.postWebhook(Webhooks.statuses(List.of("{\"id\":\"" + wamid + "\",\"status\":\"" + status
                + "\",\"timestamp\":\"" + STATUS_TIME + "\",\"recipient_id\":\"" + WA_ID + "\",\"pricing\":{"
                + "\"billable\":" + type.equals("regular") + ",\"pricing_model\":\"PMP\",\"type\":\"" + type
                + "\",\"category\":\"" + category + "\"}}")));
    }

    private String send(String json) {
        return await().atMost(WAIT).until(() -> trySend(json), sent -> sent != null);
    }

    private String conversation() {
        JsonNode inbox = client.getJson("/api/conversations?size=50&q=" + WA_ID, token);
        return StreamSupport.stream(inbox.spliterator(), false)
                .filter(item -> ("+" + WA_ID).equals(item.path("contact").path("phoneNumber").asText()))
                .map(item -> item.path("id").asText()).findFirst().orElse(null);
    }

    private String trySend(String json) {
        var response = client.post("/api/messages/send", token, json);
        return response.statusCode() == 202 ? client.read(response.body()).path("id").asText() : null;
    }

    private String wamidOf(String messageId) {
        List<String> wamids = jdbc.queryForList("select wamid from timeline_message where message_key = ? "
                + "and wamid is not null", String.class, messageId);
        return wamids.isEmpty() ? null : wamids.get(0);
    }

    private static JsonNode group(JsonNode groups, String name) {
        return StreamSupport.stream(groups.spliterator(), false).filter(group -> name.equals(group.path("name").asText()))
                .map(group -> group.path("cost")).findFirst().orElseThrow();
    }
}
