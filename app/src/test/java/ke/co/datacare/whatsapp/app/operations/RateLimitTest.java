package ke.co.datacare.whatsapp.app.operations;

import ke.co.datacare.whatsapp.app.support.OwnDatabase;
import org.springframework.context.annotation.Import;
import ke.co.datacare.whatsapp.app.support.IntegrationTest;
import ke.co.datacare.whatsapp.app.support.ServiceClient;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@TestPropertySource(properties = {"datacare.rate-limit.max-requests=6", "datacare.rate-limit.window-ms=60000"})
// nested configuration classes are not picked up by themselves when @SpringBootTest names its classes
@Import(OwnDatabase.class)
class RateLimitTest extends IntegrationTest {



    @LocalServerPort
    int port;

    @Test
    void an_api_client_over_its_limit_gets_429_with_retry_after_while_metas_webhooks_are_never_limited() {
        ServiceClient client = new ServiceClient(port, APP_SECRET);
        String token = client.login("admin@test.datacare.local", "admin-password");
        for (int i = 0; i < 5; i++) {
            assertThat(client.get("/api/conversations", token).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> refused = client.get("/api/conversations", token);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
        assertThat(client.read(refused.body()).path("code").asText()).isEqualTo("RATE_LIMITED");
        for (int i = 0; i < 10; i++) {
            assertThat(client.postWebhook(Webhooks.text("254733000" + (100 + i), "Rate", "wamid.rate-" + i,
                    1_764_057_600L, "hi")).statusCode()).isEqualTo(200);
        }
    }
}
