package ke.co.datacare.whatsapp.app.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.WhatsAppPlatformApplication;
import ke.co.datacare.whatsapp.app.support.ServiceClient;
import ke.co.datacare.whatsapp.app.support.ZeroSetup;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The zero-setup run: no DATABASE_URL, no REDIS_URL, no access token. The same Flyway migrations
 * run on the embedded H2 database, a signed webhook reaches the inbox, and an agent's reply goes through the
 * built-in sandbox, whose simulated statuses come back through the webhook.
 */
@SpringBootTest(classes = WhatsAppPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"datacare.security.admin-password=embedded-admin", "spring.main.banner-mode=off",
                "datacare.handoff.enabled=false", "datacare.rate-limit.max-requests=100000"})
class EmbeddedModeTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void embeddedDatabaseInATemporaryFolder(DynamicPropertyRegistry registry) throws Exception {
        ZeroSetup.onAFreePort(registry, "datacare-embedded");
    }

    @Test
    void without_any_setup_a_signed_webhook_reaches_the_inbox_on_the_embedded_database() {
        ServiceClient client = new ServiceClient(port, "sandbox-app-secret");
        String token = client.login("admin@datacare.local", "embedded-admin");

        assertThat(client.postWebhook(Webhooks.text("254799000001", "Njeri", "wamid.EMB-1", 1_764_057_600L, "Sasa"))
                .statusCode()).isEqualTo(200);

        JsonNode inbox = await().atMost(Duration.ofSeconds(20))
                .until(() -> client.getJson("/api/conversations?q=254799000001", token), found -> found.size() == 1);
        assertThat(inbox.get(0).path("lastMessage").path("content").asText()).isEqualTo("Sasa");
        JsonNode mode = client.getJson("/actuator/info", null).path("mode");
        assertThat(mode.path("database").asText()).isEqualTo("embedded-h2");
        assertThat(mode.path("redis").asText()).isEqualTo("in-process fallback");
        assertThat(mode.path("graphApi").asText()).isEqualTo("sandbox");
    }

    @Test
    void without_any_setup_an_agents_reply_is_accepted_by_the_sandbox_and_its_statuses_come_back() {
        ServiceClient client = new ServiceClient(port, "sandbox-app-secret");
        String token = client.login("admin@datacare.local", "embedded-admin");
        long now = java.time.Instant.now().getEpochSecond();
        client.postWebhook(Webhooks.text("254799000002", "Otieno", "wamid.EMB-2", now, "Router iko down"));
        String conversation = await().atMost(Duration.ofSeconds(20))
                .until(() -> client.getJson("/api/conversations?q=254799000002", token), found -> found.size() == 1)
                .get(0).path("id").asText();

        assertThat(client.post("/api/messages/send", token, "{\"conversationId\":\"" + conversation
                + "\",\"content\":\"Pole, tunaangalia\"}").statusCode()).isEqualTo(202);

        JsonNode reply = await().atMost(Duration.ofSeconds(30)).until(
                () -> outbound(client.getJson("/api/conversations/" + conversation + "/messages", token)),
                message -> message != null && "read".equals(message.path("delivery").path("status").asText()));
        assertThat(reply.path("wamid").asText()).startsWith("wamid.");
        assertThat(reply.path("send").path("state").asText()).isEqualTo("accepted");
    }

    private static JsonNode outbound(JsonNode timeline) {
        for (JsonNode message : timeline) {
            if ("outbound".equals(message.path("direction").asText())) {
                return message;
            }
        }
        return null;
    }

    @Test
    void the_setup_check_of_the_sandbox_answers_as_for_a_healthy_setup() {
        ServiceClient client = new ServiceClient(port, "sandbox-app-secret");
        String token = client.login("admin@datacare.local", "embedded-admin");

        JsonNode report = client.getJson("/api/admin/setup-check", token);

        assertThat(report.path("sandbox").asBoolean()).isTrue();
        for (JsonNode check : report.path("checks")) {
            assertThat(check.path("status").asText()).as(check.toString()).isIn("OK", "WARNING");
        }
        assertThat(report.path("checks")).extracting(check -> check.path("name").asText())
                .contains("access-token", "phone-number", "webhook-subscription", "webhook-verification", "webhook-intake");
    }
}
