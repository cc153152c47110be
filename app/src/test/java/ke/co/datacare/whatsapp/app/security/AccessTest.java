package ke.co.datacare.whatsapp.app.security;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Tokens speak for their user only as long as the user stays as they were when it was issued. */
class AccessTest extends SignedInTest {

    private static final String PASSWORD = "agent-password-1";

    @Autowired
    UserAccounts users;

    private UserAccounts.UserAccount agent() {
        return users.create("access-" + UUID.randomUUID() + "@test.datacare.local", PASSWORD, "Agent", Role.AGENT);
    }

    private JsonNode login(String email, String password) {
        HttpResponse<String> response = client.post("/api/auth/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return client.read(response.body());
    }

    @Test
    void a_disabled_users_token_is_refused_at_once() {
        UserAccounts.UserAccount agent = agent();
        String agentToken = login(agent.email(), PASSWORD).path("accessToken").asText();
        assertThat(client.get("/api/conversations", agentToken).statusCode()).isEqualTo(200);

        assertThat(client.post("/api/users/" + agent.id() + "/disable", token, "{}").statusCode()).isEqualTo(200);

        assertThat(client.get("/api/conversations", agentToken).statusCode()).isEqualTo(401);
    }

    @Test
    void changing_the_password_revokes_the_tokens_issued_before() {
        UserAccounts.UserAccount agent = agent();
        String before = login(agent.email(), PASSWORD).path("accessToken").asText();

        HttpResponse<String> changed = client.post("/api/users/me/password", before,
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"another-password-2\"}");

        assertThat(changed.statusCode()).isEqualTo(204);
        assertThat(client.get("/api/conversations", before).statusCode()).isEqualTo(401);
        String after = login(agent.email(), "another-password-2").path("accessToken").asText();
        assertThat(client.get("/api/conversations", after).statusCode()).isEqualTo(200);
    }

    @Test
    void login_answers_a_short_lived_token_and_a_refresh_token_that_renews_it() {
        JsonNode login = login(ADMIN_EMAIL, ADMIN_PASSWORD);
        assertThat(login.path("expiresIn").asLong()).isPositive().isLessThanOrEqualTo(12 * 3600);
        assertThat(login.path("passwordChangeRequired").isBoolean()).isTrue();
        String refreshToken = login.path("refreshToken").asText();

        HttpResponse<String> refreshed = client.post("/api/auth/refresh", null, "{\"refreshToken\":\"" + refreshToken + "\"}");

        assertThat(refreshed.statusCode()).isEqualTo(200);
        JsonNode renewed = client.read(refreshed.body());
        assertThat(renewed.path("tokenType").asText()).isEqualTo("Bearer");
        assertThat(renewed.path("role").asText()).isEqualTo("ADMIN");
        assertThat(renewed.path("refreshToken").asText()).isNotBlank();
        assertThat(renewed.has("passwordChangeRequired")).isTrue();
        assertThat(client.get("/api/conversations", renewed.path("accessToken").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void a_refresh_token_is_no_access_token_and_an_access_token_no_refresh_token() {
        JsonNode login = login(ADMIN_EMAIL, ADMIN_PASSWORD);

        assertThat(client.get("/api/conversations", login.path("refreshToken").asText()).statusCode()).isEqualTo(401);
        HttpResponse<String> refused = client.post("/api/auth/refresh", null,
                "{\"refreshToken\":\"" + login.path("accessToken").asText() + "\"}");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(client.read(refused.body()).path("code").asText()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void a_disabled_users_refresh_token_is_refused() {
        UserAccounts.UserAccount agent = agent();
        String refreshToken = login(agent.email(), PASSWORD).path("refreshToken").asText();
        client.post("/api/users/" + agent.id() + "/disable", token, "{}");

        assertThat(client.post("/api/auth/refresh", null, "{\"refreshToken\":\"" + refreshToken + "\"}").statusCode())
                .isEqualTo(401);
    }

    @Test
    void a_generated_password_must_be_changed_before_anything_else() {
        String email = "first-" + UUID.randomUUID() + "@test.datacare.local";
        users.create(email, "generated-pass-1", "First admin", Role.ADMIN, true);
        JsonNode login = login(email, "generated-pass-1");
        String first = login.path("accessToken").asText();

        assertThat(login.path("passwordChangeRequired").asBoolean()).isTrue();
        HttpResponse<String> refused = client.get("/api/conversations", first);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(client.read(refused.body()).path("code").asText()).isEqualTo("PASSWORD_CHANGE_REQUIRED");
        assertThat(client.post("/api/users/me/password", first,
                "{\"currentPassword\":\"generated-pass-1\",\"newPassword\":\"chosen-password-1\"}").statusCode()).isEqualTo(204);

        JsonNode again = login(email, "chosen-password-1");
        assertThat(again.path("passwordChangeRequired").asBoolean()).isFalse();
        assertThat(client.get("/api/conversations", again.path("accessToken").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void passwords_beyond_what_bcrypt_reads_are_a_400_naming_the_field_and_a_401_at_login() {
        String longPassword = "é".repeat(40);
        HttpResponse<String> created = client.post("/api/users", token, "{\"email\":\"long-" + UUID.randomUUID()
                + "@test.datacare.local\",\"password\":\"" + longPassword + "\",\"displayName\":\"L\",\"role\":\"AGENT\"}");
        HttpResponse<String> login = client.post("/api/auth/login", null,
                "{\"email\":\"" + ADMIN_EMAIL + "\",\"password\":\"" + longPassword + "\"}");

        assertThat(created.statusCode()).isEqualTo(400);
        assertThat(client.read(created.body()).path("errors").get(0).path("field").asText()).isEqualTo("password");
        assertThat(login.statusCode()).isEqualTo(401);
    }

    @Test
    void repeated_wrong_passwords_slow_down_that_account_whatever_the_address() {
        UserAccounts.UserAccount agent = agent();
        for (int i = 0; i < LoginBackoff.FREE_FAILURES; i++) {
            assertThat(client.post("/api/auth/login", null, "{\"email\":\"" + agent.email()
                    + "\",\"password\":\"wrong-guess-" + i + "\"}").statusCode()).isEqualTo(401);
        }

        HttpResponse<String> slowed = client.post("/api/auth/login", null,
                "{\"email\":\"" + agent.email() + "\",\"password\":\"" + PASSWORD + "\"}");

        assertThat(slowed.statusCode()).isEqualTo(429);
        assertThat(client.read(slowed.body()).path("code").asText()).isEqualTo("RATE_LIMITED");
    }

    @Test
    void a_disabled_users_live_stream_is_closed_within_a_minute() {
        UserAccounts.UserAccount agent = agent();
        String agentToken = login(agent.email(), PASSWORD).path("accessToken").asText();
        CompletableFuture<HttpResponse<Stream<String>>> stream = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/stream"))
                        .header("Authorization", "Bearer " + agentToken).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> open = stream.join();
        assertThat(open.statusCode()).isEqualTo(200);
        CompletableFuture<Long> ended = CompletableFuture.supplyAsync(() -> open.body().count());

        client.post("/api/users/" + agent.id() + "/disable", token, "{}");

        await().atMost(Duration.ofSeconds(60)).until(ended::isDone);
    }
}
