package ke.co.datacare.whatsapp.app.operations;

import ke.co.datacare.whatsapp.app.support.OwnDatabase;
import org.springframework.context.annotation.Import;
import ke.co.datacare.whatsapp.app.security.Role;
import ke.co.datacare.whatsapp.app.security.UserAccounts;
import ke.co.datacare.whatsapp.app.support.GraphStub;
import org.springframework.beans.factory.annotation.Autowired;
import ke.co.datacare.whatsapp.app.support.IntegrationTest;
import ke.co.datacare.whatsapp.app.support.ServiceClient;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A whole flow with known secrets and chatty logging: none of the secrets may appear in the output. */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
        "datacare.webhook.app-secret=s3cret-app-f00d",
        "datacare.security.jwt-secret=s3cret-jwt-beef-0123456789abcdef0123",
        "datacare.whatsapp.access-token=s3cret-token-cafe",
        "datacare.security.admin-password=s3cret-admin-feed",
        "datacare.security.admin-email=secrets@test.datacare.local",
        "logging.level.ke.co.datacare=DEBUG",
        "logging.level.org.springframework.web=DEBUG",
        "logging.level.org.springframework.security=DEBUG"})
// nested configuration classes are not picked up by themselves when @SpringBootTest names its classes
@Import(OwnDatabase.class)
class SecretsStayOutOfLogsTest extends IntegrationTest {

    private static final List<String> SECRETS = List.of("s3cret-app-f00d", "s3cret-jwt-beef", "s3cret-token-cafe",
            "s3cret-admin-feed");



    @LocalServerPort
    int port;
    @Autowired
    UserAccounts users;

    @Test
    void a_full_flow_logs_no_secret(CapturedOutput output) {
        if (users.byEmail("secrets@test.datacare.local").isEmpty()) {
            users.create("secrets@test.datacare.local", "s3cret-admin-feed", "Secrets", Role.ADMIN);
        }
        ServiceClient client = new ServiceClient(port, "s3cret-app-f00d");
        String token = client.login("secrets@test.datacare.local", "s3cret-admin-feed");
        String waId = "254744000001";
        client.postWebhook(Webhooks.text(waId, "Siri", "wamid.secret-1", Instant.now().getEpochSecond(), "Habari"));
        String conversation = await().atMost(Duration.ofSeconds(15)).until(() -> client.getJson("/api/conversations", token),
                inbox -> inbox.size() > 0 && inbox.toString().contains(waId)).findValuesAsText("id").stream()
                .filter(id -> id.length() == 36).findFirst().orElseThrow();
        client.post("/api/messages/send", token, "{\"conversationId\":\"" + conversation + "\",\"content\":\"Karibu\"}");
        await().atMost(Duration.ofSeconds(15)).until(() -> GraphStub.sends().stream()
                .anyMatch(request -> request.getBodyAsString().contains(waId)));
        client.postWebhook("not json");
        client.get("/api/conversations", "not-a-token");

        assertThat(GraphStub.sends()).anySatisfy(request ->
                assertThat(request.getHeader("Authorization")).isEqualTo("Bearer s3cret-token-cafe"));
        for (String secret : SECRETS) {
            assertThat(output.getAll()).as("log output").doesNotContain(secret);
        }
        assertThat(output.getAll()).doesNotContain(token);
    }
}
