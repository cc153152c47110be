package ke.co.datacare.whatsapp.app.canned;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.security.Role;
import ke.co.datacare.whatsapp.app.security.UserAccounts;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CannedResponsesTest extends SignedInTest {

    @Autowired
    UserAccounts users;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String path, String as, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + as).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void an_agent_adds_changes_and_removes_a_canned_response() throws Exception {
        String shortcut = unique("greet");
        HttpResponse<String> created = send("POST", "/api/canned-responses", token,
                "{\"shortcut\":\"" + shortcut + "\",\"text\":\"Habari! How can we help?\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = client.read(created.body()).path("id").asText();

        assertThat(client.getJson("/api/canned-responses", token).findValuesAsText("shortcut")).contains(shortcut);

        HttpResponse<String> changed = send("PUT", "/api/canned-responses/" + id, token,
                "{\"shortcut\":\"" + shortcut + "\",\"text\":\"Karibu! How can we help?\"}");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(client.read(changed.body()).path("text").asText()).isEqualTo("Karibu! How can we help?");

        assertThat(send("DELETE", "/api/canned-responses/" + id, token, null).statusCode()).isEqualTo(204);
        assertThat(client.getJson("/api/canned-responses", token).findValuesAsText("id")).doesNotContain(id);
        assertThat(send("DELETE", "/api/canned-responses/" + id, token, null).statusCode()).isEqualTo(404);
    }

    @Test
    void a_blank_text_and_a_bad_shortcut_are_refused_naming_each_field_and_nothing_is_stored() throws Exception {
        int before = client.getJson("/api/canned-responses", token).size();

        HttpResponse<String> refused = send("POST", "/api/canned-responses", token, "{\"shortcut\":\"no spaces!\",\"text\":\" \"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
        JsonNode problem = client.read(refused.body());
        assertThat(problem.path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(problem.path("errors").findValuesAsText("field")).contains("shortcut", "text");
        assertThat(client.getJson("/api/canned-responses", token).size()).isEqualTo(before);
    }

    @Test
    void a_shortcut_already_taken_is_a_conflict() throws Exception {
        String shortcut = unique("price");
        assertThat(send("POST", "/api/canned-responses", token, "{\"shortcut\":\"" + shortcut + "\",\"text\":\"KES 2,500\"}")
                .statusCode()).isEqualTo(201);

        HttpResponse<String> again = send("POST", "/api/canned-responses", token,
                "{\"shortcut\":\"" + shortcut.toUpperCase() + "\",\"text\":\"KES 3,000\"}");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(client.read(again.body()).path("code").asText()).isEqualTo("CONFLICT");
    }

    @Test
    void an_analyst_may_not_read_canned_responses() throws Exception {
        String email = unique("analyst") + "@test.datacare.local";
        users.create(email, "analyst-password", "Analyst", Role.ANALYST);
        String analyst = client.login(email, "analyst-password");

        assertThat(send("GET", "/api/canned-responses", analyst, null).statusCode()).isEqualTo(403);
    }
}
