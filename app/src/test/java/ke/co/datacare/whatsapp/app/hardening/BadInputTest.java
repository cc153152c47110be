package ke.co.datacare.whatsapp.app.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Tried as a new user would: every 400 names the field and carries a code; Meta's own shapes are understood. */
class BadInputTest extends SignedInTest {

    private static final AtomicLong NUMBERS = new AtomicLong(254744200000L);

    @BeforeEach
    void templatesKnown() {
        await().atMost(Duration.ofSeconds(20)).until(() -> client.post("/api/templates/sync", token, "{}").statusCode() == 200);
    }

    @Test
    void a_user_without_display_name_is_refused_naming_display_name() {
        HttpResponse<String> refused = client.post("/api/users", token,
                "{\"email\":\"new.agent@test.datacare.local\",\"password\":\"long-enough-secret\",\"role\":\"AGENT\"}");

        assertProblem(refused, 400, "VALIDATION_FAILED");
        assertThat(fields(refused)).containsExactly("displayName");
    }

    @Test
    void a_value_of_the_wrong_json_type_is_named_with_what_was_expected() {
        HttpResponse<String> refused = client.post("/api/users", token,
                "{\"email\":\"x@test.datacare.local\",\"password\":\"long-enough-secret\",\"displayName\":\"X\","
                        + "\"role\":\"BOSS\"}");

        assertProblem(refused, 400, "VALIDATION_FAILED");
        JsonNode error = client.read(refused.body()).path("errors").get(0);
        assertThat(error.path("field").asText()).isEqualTo("role");
        assertThat(error.path("reason").asText()).contains("ADMIN", "AGENT", "ANALYST");
    }

    @Test
    void a_message_without_a_recipient_and_with_too_long_a_text_names_both_fields_in_one_problem() {
        HttpResponse<String> refused = client.post("/api/messages/send", token,
                "{\"to\":\"not a number\",\"content\":\"" + "x".repeat(4097) + "\"}");

        assertProblem(refused, 400, "VALIDATION_FAILED");
        assertThat(fields(refused)).contains("to").hasSize(2);
    }

    @Test
    void a_nested_value_of_the_wrong_type_is_named_by_its_path() {
        HttpResponse<String> refused = client.post("/api/messages/send", token, "{\"to\":\"+254700000000\","
                + "\"type\":\"template\",\"template\":{\"name\":\"order_update\",\"language\":\"en\",\"components\":"
                + "[{\"type\":\"body\",\"parameters\":{\"type\":\"text\"}}]}}");

        assertProblem(refused, 400, "VALIDATION_FAILED");
        assertThat(fields(refused)).containsExactly("template.components[0].parameters");
    }

    @Test
    void a_body_that_is_not_json_is_malformed_json() {
        HttpResponse<String> refused = client.post("/api/messages/send", token, "{\"to\": ");

        assertProblem(refused, 400, "MALFORMED_JSON");
    }

    @Test
    void metas_language_object_is_accepted_for_a_template() {
        String waId = String.valueOf(NUMBERS.incrementAndGet());

        HttpResponse<String> accepted = client.post("/api/messages/send", token, "{\"to\":\"+" + waId + "\","
                + "\"type\":\"template\",\"template\":{\"name\":\"order_update\",\"language\":{\"code\":\"en\"},"
                + "\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"Amina\"},"
                + "{\"type\":\"text\",\"text\":\"DC-7\"}]}]}}");

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    }

    @Test
    void a_plain_tag_list_adds_the_tags() {
        String waId = String.valueOf(NUMBERS.incrementAndGet());
        long now = Instant.now().getEpochSecond();
        client.postWebhook(Webhooks.text(waId, "Baraka", "wamid.in-" + waId, now, "Habari"));
        String id = await().atMost(Duration.ofSeconds(20)).until(() -> client.getJson("/api/contacts?search=" + waId, token),
                found -> found.size() == 1).get(0).path("id").asText();

        HttpResponse<String> patched = client.request("PATCH", "/api/contacts/" + id, token, "application/json",
                "{\"tags\":[\"vip\"]}");

        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> client.getJson("/api/contacts/" + id, token)
                .path("tags").toString().contains("vip"));
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(client.read(response.body()).path("code").asText()).isEqualTo(code);
    }

    private java.util.List<String> fields(HttpResponse<String> response) {
        return StreamSupport.stream(client.read(response.body()).path("errors").spliterator(), false)
                .map(error -> error.path("field").asText()).toList();
    }
}
