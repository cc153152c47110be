package ke.co.datacare.whatsapp.app.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.security.Role;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each role sees what its work needs, no more (what analysts see of the event history: AnalystPseudonymsTest). */
class RoleExposureTest extends SignedInTest {

    private String analystToken() {
        return tokenOf(Role.ANALYST);
    }

    @Test
    void private_notes_are_hidden_from_analysts_who_see_no_timelines_at_all() {
        String waId = "2547551" + (System.nanoTime() % 100_000);
        long now = Instant.now().getEpochSecond();
        client.postWebhook(Webhooks.text(waId, "Mwikali Role", "wamid.in-" + waId, now, "Habari"));
        String conversation = await().atMost(Duration.ofSeconds(20)).until(() -> StreamSupport.stream(
                        client.getJson("/api/conversations?size=50&q=" + waId, token).spliterator(), false)
                .map(item -> item.path("id").asText()).findFirst().orElse(null), id -> id != null);
        assertThat(client.post("/api/conversations/" + conversation + "/notes", token,
                "{\"text\":\"customer is upset, handle with care\"}").statusCode()).isLessThan(300);
        await().atMost(Duration.ofSeconds(20)).until(() -> directions(conversation, token).contains("note"));

        HttpResponse<String> analystSees = client.get("/api/conversations/" + conversation + "/messages", analystToken());

        assertThat(analystSees.statusCode()).isEqualTo(403);
        assertThat(analystSees.body()).doesNotContain("upset");
    }

    @Test
    void health_details_are_for_administrators_only() {
        JsonNode anonymous = client.read(client.get("/actuator/health", null).body());
        JsonNode admin = client.getJson("/actuator/health", token);

        assertThat(anonymous.path("status").asText()).isNotBlank();
        assertThat(anonymous.has("components")).isFalse();
        assertThat(admin.has("components")).isTrue();
    }

    private String directions(String conversation, String bearer) {
        return StreamSupport.stream(client.getJson("/api/conversations/" + conversation + "/messages", bearer)
                .spliterator(), false).map(message -> message.path("direction").asText()).toList().toString();
    }
}
