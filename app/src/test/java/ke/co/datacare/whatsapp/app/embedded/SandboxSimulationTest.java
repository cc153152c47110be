package ke.co.datacare.whatsapp.app.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.WhatsAppPlatformApplication;
import ke.co.datacare.whatsapp.app.support.ServiceClient;
import ke.co.datacare.whatsapp.app.support.ZeroSetup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The zero-setup run plays Meta's other parts on request (`/sandbox/simulate/...`): a customer writing with a
 * username, staff answering on the WhatsApp Business app, Meta pausing a template, the number being flagged. Each
 * becomes a signed webhook that takes the real path, so what a newcomer sees is what a real account would show.
 */
@SpringBootTest(classes = WhatsAppPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"datacare.security.admin-password=sandbox-admin", "spring.main.banner-mode=off",
                "datacare.handoff.enabled=false", "datacare.rate-limit.max-requests=100000"})
class SandboxSimulationTest {

    @LocalServerPort
    int port;

    ServiceClient client;
    String token;

    @DynamicPropertySource
    static void embeddedDatabaseInATemporaryFolder(DynamicPropertyRegistry registry) throws Exception {
        ZeroSetup.onAFreePort(registry, "datacare-sandbox");
    }

    @BeforeEach
    void signIn() {
        client = new ServiceClient(port, "sandbox-app-secret");
        token = client.login("admin@datacare.local", "sandbox-admin");
    }

    @Test
    void a_customer_written_through_the_sandbox_reaches_the_inbox_with_name_username_and_text() {
        HttpResponse<String> posted = client.post("/sandbox/simulate/customer-messages", null,
                "{\"from\":\"+254 799 100 001\",\"name\":\"Akinyi\",\"username\":\"akinyi.o\",\"text\":\"Habari, router iko down\"}");

        assertThat(posted.statusCode()).isEqualTo(202);
        assertThat(client.read(posted.body()).path("wamid").asText()).startsWith("wamid.");
        JsonNode item = await().atMost(Duration.ofSeconds(20))
                .until(() -> client.getJson("/api/conversations?q=254799100001", token), found -> found.size() == 1)
                .get(0);
        assertThat(item.path("contact").path("name").asText()).isEqualTo("Akinyi");
        assertThat(item.path("contact").path("username").asText()).isEqualTo("akinyi.o");
        assertThat(item.path("lastMessage").path("content").asText()).isEqualTo("Habari, router iko down");
    }

    @Test
    void what_staff_type_on_the_business_app_shows_in_the_customers_timeline_as_ours() {
        String conversation = conversationOfACustomerWriting("254799100002", "Niko na shida");

        assertThat(client.post("/sandbox/simulate/business-app-messages", null,
                "{\"to\":\"254799100002\",\"text\":\"Tunakuja kesho saa nne\"}").statusCode()).isEqualTo(202);

        JsonNode echo = await().atMost(Duration.ofSeconds(20)).until(
                () -> lastOutbound(client.getJson("/api/conversations/" + conversation + "/messages", token)),
                message -> message != null);
        assertThat(echo.path("text").asText()).isEqualTo("Tunakuja kesho saa nne");
        assertThat(echo.path("sender").asText()).isEqualTo("business-app");
    }

    @Test
    void a_template_meta_paused_is_refused_until_meta_reinstates_it_and_a_flag_does_not_stop_it() {
        String conversation = conversationOfACustomerWriting("254799100003", "Sasa");
        String send = "{\"conversationId\":\"" + conversation + "\",\"type\":\"template\",\"template\":{\"name\":"
                + "\"order_update\",\"language\":\"en\",\"components\":[{\"type\":\"body\",\"parameters\":["
                + "{\"type\":\"text\",\"text\":\"Akinyi\"},{\"type\":\"text\",\"text\":\"DC-1042\"}]}]}}";

        assertThat(client.post("/sandbox/simulate/template-reviews", null,
                "{\"name\":\"order_update\",\"language\":\"en\",\"event\":\"PAUSED\",\"reason\":\"LOW_QUALITY\"}")
                .statusCode()).isEqualTo(202);
        HttpResponse<String> refused = await().atMost(Duration.ofSeconds(20))
                .until(() -> client.post("/api/messages/send", token, send), answer -> answer.statusCode() == 422);
        assertThat(client.read(refused.body()).path("code").asText()).isEqualTo("TEMPLATE_NOT_APPROVED");

        client.post("/sandbox/simulate/template-reviews", null, "{\"name\":\"order_update\",\"event\":\"REINSTATED\"}");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> client.post("/api/messages/send", token, send), answer -> answer.statusCode() == 202);

        // a flag is a warning, not a pause: the template can still be sent
        client.post("/sandbox/simulate/template-reviews", null, "{\"name\":\"order_update\",\"event\":\"FLAGGED\"}");
        assertThat(client.post("/api/messages/send", token, send).statusCode()).isEqualTo(202);
    }

    @Test
    void a_flagged_number_with_a_lower_limit_shows_in_the_numbers_and_in_metas_account_answer() {
        assertThat(client.post("/sandbox/simulate/number-quality", null,
                "{\"event\":\"DOWNGRADE\",\"currentLimit\":\"TIER_250\"}").statusCode()).isEqualTo(202);
        client.post("/sandbox/simulate/number-quality", null, "{\"event\":\"FLAGGED\"}");

        JsonNode number = await().atMost(Duration.ofSeconds(20)).until(
                () -> client.getJson("/api/numbers", token).get(0),
                found -> found.path("reports").size() == 1
                        && found.path("reports").get(0).path("lastEvent").asText().equals("FLAGGED"));
        assertThat(number.path("messagingLimit").path("inForce").asText()).isEqualTo("250");
        JsonNode account = client.getJson("/sandbox/graph/v21.0/110000000000001?fields=quality_rating", null);
        assertThat(account.path("quality_rating").asText()).isEqualTo("RED");
        assertThat(account.path("messaging_limit_tier").asText()).isEqualTo("TIER_250");
    }

    @Test
    void a_throughput_upgrade_lists_the_number_at_metas_high_level_and_the_service_sends_from_it_at_1000() {
        JsonNode before = client.getJson("/sandbox/graph/v21.0/110000000000001?fields=throughput,health_status", null);

        assertThat(client.post("/sandbox/simulate/number-quality", null, "{\"event\":\"THROUGHPUT_UPGRADE\"}")
                .statusCode()).isEqualTo(202);

        JsonNode after = client.getJson("/sandbox/graph/v21.0/110000000000001?fields=throughput,health_status", null);
        assertThat(before.path("throughput").path("level").asText()).isEqualTo("STANDARD");
        assertThat(after.path("throughput").path("level").asText()).isEqualTo("HIGH");
        assertThat(after.path("platform_type").asText()).isEqualTo("CLOUD_API");
        assertThat(after.path("health_status").path("can_send_message").asText()).isEqualTo("AVAILABLE");
        assertThat(after.path("health_status").path("entities").findValuesAsText("entity_type"))
                .containsExactly("PHONE_NUMBER", "WABA", "BUSINESS", "APP");
        assertThat(after.path("health_status").path("entities").findValuesAsText("can_send_message"))
                .containsOnly("AVAILABLE");
        JsonNode number = await().atMost(Duration.ofSeconds(20)).until(
                () -> client.getJson("/api/numbers", token).get(0),
                found -> found.path("messagesPerSecond").asInt() == 1000);
        assertThat(number.path("throughputLevel").asText()).isEqualTo("HIGH");
        assertThat(number.path("throughputSource").asText()).isEqualTo("META_ANNOUNCED");
        assertThat(number.path("displayPhoneNumber").asText()).isEqualTo("15550000000");
    }

    @Test
    void a_simulation_with_bad_input_names_each_field_and_posts_nothing() {
        HttpResponse<String> refused = client.post("/sandbox/simulate/customer-messages", null,
                "{\"from\":\"07-12\",\"userId\":\"not a user id\",\"text\":\" \"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = client.read(refused.body());
        assertThat(problem.path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(problem.path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("from", "userId", "text");
        assertThat(client.post("/sandbox/simulate/template-reviews", null,
                "{\"name\":\"no_such_template\",\"event\":\"PAUSED\"}").statusCode()).isEqualTo(404);
        assertThat(client.post("/sandbox/simulate/number-quality", null, "{\"event\":\"UPGRADE\"}").statusCode())
                .isEqualTo(400);
        assertThat(client.getJson("/api/conversations?q=0712", token).size()).isZero();
    }

    private String conversationOfACustomerWriting(String from, String text) {
        client.post("/sandbox/simulate/customer-messages", null,
                "{\"from\":\"" + from + "\",\"text\":\"" + text + "\"}");
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> client.getJson("/api/conversations?q=" + from, token), found -> found.size() == 1)
                .get(0).path("id").asText();
    }

    private static JsonNode lastOutbound(JsonNode timeline) {
        JsonNode found = null;
        for (JsonNode message : timeline) {
            if ("outbound".equals(message.path("direction").asText())) {
                found = message;
            }
        }
        return found;
    }
}
