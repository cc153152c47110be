package ke.co.datacare.whatsapp.app.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.WhatsAppPlatformApplication;
import ke.co.datacare.whatsapp.app.support.ServiceClient;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The zero-setup run: no DATABASE_URL, no REDIS_URL, no access token. The same Flyway migrations
 * run on the embedded H2 database and a signed webhook reaches the inbox.
 */
@SpringBootTest(classes = WhatsAppPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"datacare.security.admin-password=embedded-admin", "spring.main.banner-mode=off",
                "datacare.handoff.enabled=false"})
class EmbeddedModeTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void embeddedDatabaseInATemporaryFolder(DynamicPropertyRegistry registry) throws Exception {
        Path folder = Files.createTempDirectory("datacare-embedded");
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + folder.resolve("datacare")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;NON_KEYWORDS=VALUE,KEY;USER=sa;PASSWORD=");
    }

    @Test
    void without_any_setup_a_signed_webhook_reaches_the_inbox_on_the_embedded_database() {
        ServiceClient client = new ServiceClient(port, "sandbox-app-secret");
        String token = client.login("admin@datacare.local", "embedded-admin");

        assertThat(client.postWebhook(Webhooks.text("254799000001", "Njeri", "wamid.EMB-1", 1_764_057_600L, "Sasa"))
                .statusCode()).isEqualTo(200);

        JsonNode inbox = await().atMost(Duration.ofSeconds(20))
                .until(() -> client.getJson("/api/conversations", token), found -> found.size() == 1);
        assertThat(inbox.get(0).path("lastMessage").path("content").asText()).isEqualTo("Sasa");
        JsonNode mode = client.getJson("/actuator/info", null).path("mode");
        assertThat(mode.path("database").asText()).isEqualTo("embedded-h2");
        assertThat(mode.path("redis").asText()).isEqualTo("in-process fallback");
        assertThat(mode.path("graphApi").asText()).isEqualTo("sandbox");
    }
}
