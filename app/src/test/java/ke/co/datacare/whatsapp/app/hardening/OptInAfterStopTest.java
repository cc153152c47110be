package ke.co.datacare.whatsapp.app.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.security.Role;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** After a customer's STOP only their START, or an admin who says why, opts them back in. */
class OptInAfterStopTest extends SignedInTest {

    private static final AtomicLong NUMBERS = new AtomicLong(254769100000L + System.nanoTime() % 50_000 * 10);
    private static final Duration PROJECTION = Duration.ofSeconds(20);

    /** A customer who wrote STOP; answers their contact id once the read model shows them opted out. */
    private String customerWhoWroteStop() {
        String waId = String.valueOf(NUMBERS.incrementAndGet());
        long now = Instant.now().getEpochSecond();
        client.postWebhook(Webhooks.messages(waId, "Baraka Stop", List.of(
                Webhooks.message(waId, "wamid.stop-" + waId, now, "text", "{\"body\":\"STOP\"}"))));
        return await().atMost(PROJECTION).until(() -> client.getJson("/api/contacts?search=" + waId, token),
                found -> found.size() == 1 && found.get(0).path("optedOut").asBoolean()).get(0).path("id").asText();
    }

    private HttpResponse<String> optIn(String contactId, String bearer, String body) {
        return client.request("PATCH", "/api/contacts/" + contactId, bearer, "application/json", body);
    }

    @Test
    void an_agent_may_not_opt_a_customer_back_in_after_stop() {
        String contact = customerWhoWroteStop();

        HttpResponse<String> refused = optIn(contact, tokenOf(Role.AGENT), "{\"optedOut\":false,\"reason\":\"they asked\"}");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(client.read(refused.body()).path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(client.getJson("/api/contacts/" + contact, token).path("optedOut").asBoolean()).isTrue();
    }

    @Test
    void an_admin_without_a_reason_gets_a_400_naming_the_reason_and_nothing_changes() {
        String contact = customerWhoWroteStop();

        HttpResponse<String> refused = optIn(contact, token, "{\"optedOut\":false}");

        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode problem = client.read(refused.body());
        assertThat(problem.path("code").asText()).isEqualTo("INVALID_CONTACT_UPDATE");
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("reason");
        assertThat(optInEvents(contact)).isEmpty();
    }

    @Test
    void an_admins_reason_is_recorded_in_the_opt_in_event() {
        String contact = customerWhoWroteStop();

        HttpResponse<String> accepted = optIn(contact, token,
                "{\"optedOut\":false,\"reason\":\"signed the consent form at the Westlands shop\"}");

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        await().atMost(PROJECTION).until(() -> !client.getJson("/api/contacts/" + contact, token)
                .path("optedOut").asBoolean());
        assertThat(optInEvents(contact)).singleElement().satisfies(event -> {
            assertThat(event.get("payload_revision")).isEqualTo("2");
            assertThat(client.read((String) event.get("payload")).path("reason").asText())
                    .isEqualTo("signed the consent form at the Westlands shop");
        });
    }

    private List<Map<String, Object>> optInEvents(String contact) {
        return jdbc.queryForList("select payload_revision, convert_from(payload, 'UTF8') as payload "
                + "from domain_event_entry where aggregate_identifier = ? and payload_type = ?", contact,
                "ke.co.datacare.whatsapp.api.contact.ContactOptedIn");
    }
}
