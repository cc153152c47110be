package ke.co.datacare.whatsapp.app.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;
import ke.co.datacare.whatsapp.app.support.GraphStub;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Template and number health as Meta reports it in webhooks (bodies in Meta's documented formats): a template Meta
 * moves to marketing obeys marketing opt-outs, its quality shows in the catalogue, the messaging limit Meta announces
 * replaces the configured tier, and a send Meta refuses with 131050 opts the customer out of marketing.
 */
class TemplateAndNumberHealthTest extends SignedInTest {

    private static final AtomicLong NUMBERS = new AtomicLong(254725000000L);
    private static final String HELLO = "{\"name\":\"hello_world\",\"language\":\"en_US\"}";

    @BeforeEach
    void setUp() {
        await().atMost(Duration.ofSeconds(20)).until(() -> client.post("/api/templates/sync", token, "{}").statusCode() == 200);
    }

    @AfterEach
    void restore() {
        GraphStub.reset();
        client.post("/api/templates/sync", token, "{}");
    }

    private static String account(String field, String value, long time) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + GraphStub.WABA_ID + "\",\"time\":"
                + time + ",\"changes\":[{\"field\":\"" + field + "\",\"value\":" + value + "}]}]}";
    }

    private static String helloCategory(String from, String to) {
        return "{\"message_template_id\":5010000000000001,\"message_template_name\":\"hello_world\","
                + "\"message_template_language\":\"en_US\",\"previous_category\":\"" + from + "\",\"new_category\":\"" + to + "\"}";
    }

    private JsonNode template(String name) {
        return StreamSupport.stream(client.getJson("/api/templates", token).spliterator(), false)
                .filter(t -> name.equals(t.path("name").asText())).findFirst().orElseThrow();
    }

    /** A customer who wrote and then stopped marketing messages with STOP. */
    private String customerWhoStopped() {
        String waId = String.valueOf(NUMBERS.incrementAndGet());
        long now = Instant.now().getEpochSecond();
        client.postWebhook(Webhooks.text(waId, "Achieng", "wamid.in-" + waId, now, "Habari"));
        client.postWebhook(Webhooks.text(waId, "Achieng", "wamid.stop-" + waId, now + 1, "STOP"));
        return waId;
    }

    private HttpResponse<String> sendTemplate(String waId, String template) {
        return client.post("/api/messages/send", token, "{\"to\":\"+" + waId + "\",\"type\":\"template\",\"template\":"
                + template + "}");
    }

    @Test
    void a_utility_template_meta_moves_to_marketing_is_no_longer_sent_to_customers_who_stopped_marketing() {
        String waId = customerWhoStopped();
        String offer = "{\"name\":\"december_offer\",\"language\":\"en\",\"components\":[{\"type\":\"body\","
                + "\"parameters\":[{\"type\":\"text\",\"text\":\"Achieng\"}]}]}";
        await().atMost(Duration.ofSeconds(15)).until(() -> sendTemplate(waId, offer).statusCode() == 422);
        assertThat(sendTemplate(waId, HELLO).statusCode()).as("utility goes to everyone").isEqualTo(202);

        long now = Instant.now().getEpochSecond();
        client.postWebhook(account("template_category_update", helloCategory("UTILITY", "MARKETING"), now));

        await().atMost(Duration.ofSeconds(15)).until(() -> template("hello_world").path("category").asText().equals("MARKETING"));
        HttpResponse<String> refused = sendTemplate(waId, HELLO);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(client.read(refused.body()).path("code").asText()).isEqualTo("CONTACT_OPTED_OUT");
    }

    @Test
    void the_catalogue_shows_the_quality_meta_rated_and_the_category_change_it_announced() {
        long now = Instant.now().getEpochSecond();
        client.postWebhook(account("message_template_quality_update", "{\"previous_quality_score\":\"GREEN\","
                + "\"new_quality_score\":\"RED\",\"message_template_id\":5010000000000002,"
                + "\"message_template_name\":\"order_update\",\"message_template_language\":\"en\"}", now));
        client.postWebhook(account("template_category_update", "{\"message_template_id\":5010000000000002,"
                + "\"message_template_name\":\"order_update\",\"message_template_language\":\"en\","
                + "\"correct_category\":\"MARKETING\",\"new_category\":\"UTILITY\",\"category_update_timestamp\":"
                + (now + 86_400) + "}", now));

        JsonNode order = await().atMost(Duration.ofSeconds(15)).until(() -> template("order_update"),
                t -> t.path("quality").asText().equals("RED") && t.path("announcedCategory").asText().equals("MARKETING"));
        assertThat(order.path("category").asText()).as("unchanged until Meta changes it").isEqualTo("UTILITY");
        assertThat(Instant.parse(order.path("announcedCategoryAt").asText())).isEqualTo(Instant.ofEpochSecond(now + 86_400));
    }

    @Test
    void the_messaging_limit_meta_announces_replaces_the_configured_tier_and_a_late_older_report_changes_nothing() {
        long now = Instant.now().getEpochSecond();
        try {
            client.postWebhook(account("phone_number_quality_update", "{\"display_phone_number\":\"254700000001\","
                    + "\"event\":\"DOWNGRADE\",\"old_limit\":\"TIER_10K\",\"current_limit\":\"TIER_2K\","
                    + "\"max_daily_conversations_per_business\":\"TIER_2K\"}", now));
            client.postWebhook(account("business_capability_update", "{\"max_daily_conversation_per_phone\":100000,"
                    + "\"max_daily_conversations_per_business\":100000,\"max_phone_numbers_per_business\":25}", now - 3_600));

            JsonNode number = await().atMost(Duration.ofSeconds(15)).until(() -> client.getJson("/api/numbers", token).get(0),
                    n -> n.path("messagingLimit").path("inForce").asText().equals("2000"));
            assertThat(number.path("phoneNumberId").asText()).isEqualTo(GraphStub.PHONE_NUMBER_ID);
            assertThat(number.path("messagingLimit").path("source").asText()).isEqualTo("META");
            assertThat(number.path("reports")).anySatisfy(report -> {
                assertThat(report.path("displayPhoneNumber").asText()).isEqualTo("254700000001");
                assertThat(report.path("lastEvent").asText()).isEqualTo("DOWNGRADE");
            });
        } finally {
            client.postWebhook(account("business_capability_update", "{\"max_daily_conversations_per_business\":10000}",
                    now + 1));
            await().atMost(Duration.ofSeconds(15)).until(() -> client.getJson("/api/numbers", token).get(0)
                    .path("messagingLimit").path("inForce").asText().equals("10000"));
        }
    }

    @Test
    void a_customer_meta_reports_as_having_stopped_marketing_131050_is_opted_out_of_marketing() {
        String waId = String.valueOf(NUMBERS.incrementAndGet());
        client.postWebhook(Webhooks.text(waId, "Otieno", "wamid.in-" + waId, Instant.now().getEpochSecond(), "Habari"));
        GraphStub.server().stubFor(post(urlPathEqualTo(GraphStub.messagesPath()))
                .withRequestBody(matchingJsonPath("$.to", equalTo(waId))).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(GraphStub.metaError(131050, "Unable to deliver the message"))));
        String offer = "{\"name\":\"december_offer\",\"language\":\"en\",\"components\":[{\"type\":\"body\","
                + "\"parameters\":[{\"type\":\"text\",\"text\":\"Otieno\"}]}]}";
        assertThat(await().atMost(Duration.ofSeconds(15)).until(() -> sendTemplate(waId, offer),
                response -> response.statusCode() != 404).statusCode()).isEqualTo(202);

        HttpResponse<String> refused = await().atMost(Duration.ofSeconds(20)).until(() -> sendTemplate(waId, offer),
                response -> response.statusCode() == 422);
        assertThat(client.read(refused.body()).path("code").asText()).isEqualTo("CONTACT_OPTED_OUT");
    }
}
