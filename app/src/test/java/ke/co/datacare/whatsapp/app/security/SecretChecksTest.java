package ke.co.datacare.whatsapp.app.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretChecksTest {

    private static final String STRONG_JWT = "k9V2m1qZ8xT4rL7pB3nW6yH0cJ5fD2sA";

    private static SecretChecks checks(String jwtSecret, String adminPassword, MockEnvironment environment) {
        return new SecretChecks(new SecurityProperties(jwtSecret, null, null, null, adminPassword, null), environment);
    }

    @Test
    void the_env_example_jwt_secret_is_refused_with_a_clear_message() {
        assertThatThrownBy(() -> checks("your_jwt_secret_key_here", null, new MockEnvironment()).afterPropertiesSet())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("JWT_SECRET is a placeholder");
    }

    @Test
    void a_jwt_secret_under_32_bytes_is_refused() {
        assertThat(checks("short-but-not-a-placeholder", null, new MockEnvironment()).problems())
                .anySatisfy(problem -> assertThat(problem).contains("fewer than 32 bytes"));
    }

    @Test
    void an_admin_password_under_10_characters_or_a_placeholder_is_refused() {
        assertThat(checks(STRONG_JWT, "short", new MockEnvironment()).problems()).hasSize(1);
        assertThat(checks(STRONG_JWT, "change-me", new MockEnvironment()).problems()).hasSize(1);
    }

    @Test
    void with_a_real_access_token_the_development_webhook_secret_and_verify_token_are_refused() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("datacare.whatsapp.access-token", "EAAG-real-looking-token")
                .withProperty("datacare.webhook.app-secret", "sandbox-app-secret")
                .withProperty("datacare.webhook.verify-token", "your_random_secure_token");

        assertThat(checks(STRONG_JWT, null, environment).problems())
                .anySatisfy(problem -> assertThat(problem).contains("WHATSAPP_WEBHOOK_SECRET"))
                .anySatisfy(problem -> assertThat(problem).contains("WHATSAPP_WEBHOOK_VERIFY_TOKEN"));
    }

    @Test
    void strong_secrets_and_the_sandbox_defaults_without_an_access_token_start() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("datacare.webhook.app-secret", "sandbox-app-secret");

        assertThat(checks(STRONG_JWT, "a-long-admin-password", environment).problems()).isEmpty();
        assertThat(checks(null, null, environment).problems()).isEmpty();
    }
}
