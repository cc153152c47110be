package ke.co.datacare.whatsapp.app.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses to start, naming every problem at once, when a secret is a placeholder or too weak: {@code JWT_SECRET}
 * under 32 bytes or copied from {@code .env.example}; {@code ADMIN_PASSWORD} under 10 characters or a placeholder;
 * and, once a real {@code WHATSAPP_ACCESS_TOKEN} is set, a placeholder or development webhook secret or verify token.
 */
@Component
class SecretChecks implements InitializingBean {

    static final int JWT_SECRET_MIN_BYTES = 32;
    private static final Logger log = LoggerFactory.getLogger(SecretChecks.class);

    /** Values from {@code .env.example}, the built-in development defaults and the usual suspects. */
    static final Set<String> PLACEHOLDERS = Set.of("your_jwt_secret_key_here", "your_app_secret",
            "your_random_secure_token", "your_access_token", "sandbox-app-secret", "sandbox-verify-token", "change-me",
            "changeme", "change_me", "secret", "password", "admin", "test", "replace-me", "replace_me", "xxx");

    private final SecurityProperties security;
    private final Environment environment;

    SecretChecks(SecurityProperties security, Environment environment) {
        this.security = security;
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start with weak or placeholder secrets: "
                    + String.join("; ", problems));
        }
        if (security.jwtSecret() == null || security.jwtSecret().isBlank()) {
            log.warn("JWT_SECRET is not set: tokens are signed with a random key and die with this process");
        }
        if (!security.accessTokenLifetime().equals(TokenLifetime.parse(security.jwtExpiresIn()))) {
            log.warn("JWT_EXPIRES_IN={} is longer than 12 hours: access tokens live 12 hours, refresh tokens renew them",
                    security.jwtExpiresIn());
        }
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        String jwt = security.jwtSecret();
        if (jwt != null && !jwt.isBlank()) {
            if (placeholder(jwt)) {
                problems.add("JWT_SECRET is a placeholder: set a random value, e.g. `openssl rand -base64 48`");
            } else if (jwt.getBytes(StandardCharsets.UTF_8).length < JWT_SECRET_MIN_BYTES) {
                problems.add("JWT_SECRET has fewer than " + JWT_SECRET_MIN_BYTES + " bytes");
            }
        }
        String admin = security.adminPassword();
        if (admin != null && !admin.isBlank() && (placeholder(admin) || !Passwords.acceptable(admin))) {
            problems.add("ADMIN_PASSWORD must have at least " + Passwords.MIN_LENGTH
                    + " characters (at most 72 bytes) and not be a placeholder");
        }
        String accessToken = environment.getProperty("datacare.whatsapp.access-token", "");
        if (!accessToken.isBlank()) {
            if (placeholder(accessToken)) {
                problems.add("WHATSAPP_ACCESS_TOKEN is a placeholder: set Meta's token, or unset it for the sandbox");
            }
            if (placeholder(environment.getProperty("datacare.webhook.app-secret", ""))) {
                problems.add("WHATSAPP_WEBHOOK_SECRET must be Meta's App Secret, not a placeholder");
            }
            if (placeholder(environment.getProperty("datacare.webhook.verify-token", ""))) {
                problems.add("WHATSAPP_WEBHOOK_VERIFY_TOKEN must be a random value of yours, not a placeholder");
            }
        }
        return problems;
    }

    static boolean placeholder(String value) {
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        return normalized.isEmpty() || PLACEHOLDERS.contains(normalized) || normalized.startsWith("your_")
                || normalized.startsWith("<") || normalized.contains("change_me") || normalized.contains("changeme");
    }
}
