package ke.co.datacare.whatsapp.app.query;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ContactAndStatusQueryTest extends SignedInTest {

    private static final long T0 = 1_764_057_600L;


    private QueryScenario scenario;

    @BeforeEach
    void setUp() {
        scenario = new QueryScenario(client, token, jdbc);
    }

    private String contactWriting(String name) {
        String waId = QueryScenario.newNumber();
        client.postWebhook(Webhooks.text(waId, name, "wamid.c-" + waId, T0, "Habari"));
        scenario.conversationOf(waId);
        return waId;
    }

    @Test
    void contacts_are_found_by_part_of_their_name_or_phone_number_and_paged_like_the_inbox() {
        String waId = contactWriting("Nyambura Wairimu");
        contactWriting("Nyambura Otieno");

        HttpResponse<String> byName = client.get("/api/contacts?search=NYAMBURA&size=1", token);
        JsonNode byPhone = client.getJson("/api/contacts?search=%2B" + waId, token);

        assertThat(byName.statusCode()).isEqualTo(200);
        assertThat(byName.headers().firstValue("X-Total-Count")).hasValue("2");
        assertThat(byName.headers().firstValue("X-Page-Size")).hasValue("1");
        assertThat(client.read(byName.body())).hasSize(1);
        assertThat(byPhone).hasSize(1);
        assertThat(byPhone.get(0).path("name").asText()).isEqualTo("Nyambura Wairimu");
        assertThat(byPhone.get(0).path("phoneNumber").asText()).isEqualTo("+" + waId);
        assertThat(byPhone.get(0).path("optedOut").asBoolean()).isFalse();
        assertThat(byName.headers().firstValue("X-Projection-Rebuilding")).isEmpty();
    }

    @Test
    void one_contact_is_read_by_its_id_and_an_unknown_one_is_a_404_problem() {
        String waId = contactWriting("Mwangi");
        String id = client.getJson("/api/contacts?search=" + waId, token).get(0).path("id").asText();

        JsonNode contact = client.getJson("/api/contacts/" + id, token);
        HttpResponse<String> unknown = client.get("/api/contacts/no-such-contact", token);

        assertThat(contact.path("name").asText()).isEqualTo("Mwangi");
        assertThat(contact.path("createdAt").asText()).isEqualTo("2025-11-25T08:00:00Z");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void the_status_of_a_message_is_the_furthest_meta_reported_with_its_error() {
        String waId = contactWriting("Atieno");
        String delivered = "wamid.sd-" + waId;
        String failed = "wamid.sf-" + waId;
        client.postWebhook(Webhooks.statuses(List.of(Webhooks.status(delivered, waId, "sent", T0 + 10),
                Webhooks.status(delivered, waId, "delivered", T0 + 20), Webhooks.status(failed, waId, "failed", T0 + 30))));

        JsonNode status = await().atMost(Duration.ofSeconds(20)).until(() -> client.get("/api/messages/" + delivered
                + "/status", token), response -> response.statusCode() == 200).body().transform(client::read);
        JsonNode failure = await().atMost(Duration.ofSeconds(20)).until(() -> client.get("/api/messages/" + failed
                + "/status", token), response -> response.statusCode() == 200).body().transform(client::read);

        assertThat(status.path("status").asText()).isEqualTo("delivered");
        assertThat(status.path("at").asText()).isEqualTo("2025-11-25T08:00:20Z");
        assertThat(failure.path("status").asText()).isEqualTo("failed");
        assertThat(failure.path("errorCode").asInt()).isEqualTo(131026);
        assertThat(failure.path("errorTitle").asText()).isEqualTo("Message undeliverable");
    }

    @Test
    void an_unknown_message_has_no_status() {
        HttpResponse<String> response = client.get("/api/messages/wamid.never-sent/status", token);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(client.read(response.body()).path("code").asText()).isEqualTo("NOT_FOUND");
    }
}
