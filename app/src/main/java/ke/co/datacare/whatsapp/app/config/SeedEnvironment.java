package ke.co.datacare.whatsapp.app.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Accepts the environment names of the original design unchanged ({@code DATABASE_URL} in its
 * {@code postgresql://user:password@host:port/db} form or as a JDBC URL, {@code REDIS_URL},
 * {@code WHATSAPP_*}, {@code JWT_*}, ...) and maps them to our typed properties. Without
 * {@code DATABASE_URL} the service runs on its embedded default: a file-backed H2 database in
 * PostgreSQL mode under {@code ./data/}; without {@code WHATSAPP_ACCESS_TOKEN} outbound calls go to the
 * built-in sandbox. The mapped values rank just below the real environment variables: above the
 * application's YAML, below system properties, command-line arguments and test properties.
 */
public class SeedEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String SANDBOX_PHONE_NUMBER_ID = "110000000000001";
    static final String SANDBOX_BUSINESS_ACCOUNT_ID = "220000000000002";
    static final String EMBEDDED_URL = "jdbc:h2:file:./data/datacare;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
            + "DEFAULT_NULL_ORDERING=HIGH;NON_KEYWORDS=VALUE,KEY;USER=sa;PASSWORD=";

    private static final Map<String, String> DIRECT = Map.ofEntries(
            Map.entry("PORT", "server.port"),
            Map.entry("WHATSAPP_API_URL", "datacare.whatsapp.api-url"),
            Map.entry("WHATSAPP_PHONE_NUMBER_ID", "datacare.whatsapp.phone-number-id"),
            Map.entry("WHATSAPP_PHONE_NUMBER_IDS", "datacare.whatsapp.numbers.ids"),
            Map.entry("WHATSAPP_BUSINESS_ACCOUNT_ID", "datacare.whatsapp.business-account-id"),
            Map.entry("WHATSAPP_ACCESS_TOKEN", "datacare.whatsapp.access-token"),
            Map.entry("WHATSAPP_WEBHOOK_VERIFY_TOKEN", "datacare.webhook.verify-token"),
            Map.entry("WHATSAPP_WEBHOOK_SECRET", "datacare.webhook.app-secret"),
            Map.entry("JWT_SECRET", "datacare.security.jwt-secret"),
            Map.entry("JWT_EXPIRES_IN", "datacare.security.jwt-expires-in"),
            Map.entry("JWT_REFRESH_EXPIRES_IN", "datacare.security.jwt-refresh-expires-in"),
            Map.entry("ADMIN_EMAIL", "datacare.security.admin-email"),
            Map.entry("ADMIN_PASSWORD", "datacare.security.admin-password"),
            Map.entry("FRONTEND_URL", "datacare.security.frontend-url"),
            Map.entry("MAX_FILE_SIZE", "datacare.media.max-file-size"),
            Map.entry("RATE_LIMIT_WINDOW_MS", "datacare.rate-limit.window-ms"),
            Map.entry("RATE_LIMIT_MAX_REQUESTS", "datacare.rate-limit.max-requests"),
            Map.entry("SMTP_HOST", "spring.mail.host"),
            Map.entry("SMTP_PORT", "spring.mail.port"),
            Map.entry("SMTP_USER", "spring.mail.username"),
            Map.entry("SMTP_PASSWORD", "spring.mail.password"),
            Map.entry("SMTP_FROM", "datacare.notifications.from"),
            Map.entry("CONSOLE_URL", "datacare.notifications.console-url"));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> mapped = new HashMap<>();
        DIRECT.forEach((env, property) -> {
            String value = environment.getProperty(env);
            if (value != null && !value.isBlank()) {
                mapped.put(property, value);
            }
        });
        String databaseUrl = environment.getProperty("DATABASE_URL");
        if (databaseUrl != null && !databaseUrl.isBlank()) {
            mapped.putAll(datasource(databaseUrl));
        }
        String token = environment.getProperty("WHATSAPP_ACCESS_TOKEN",
                environment.getProperty("datacare.whatsapp.access-token", ""));
        if (token.isBlank() && environment.getProperty("datacare.whatsapp.sandbox.enabled") == null) {
            mapped.put("datacare.whatsapp.sandbox.enabled", "true");
            if (environment.getProperty("WHATSAPP_API_URL") == null) {
                mapped.put("datacare.whatsapp.api-url", "http://localhost:${server.port:3000}/sandbox/graph/v21.0");
            }
            // the sandbox's own business number and account, as in the README's example webhook
            mapped.putIfAbsent("datacare.whatsapp.phone-number-id",
                    environment.getProperty("datacare.whatsapp.phone-number-id", SANDBOX_PHONE_NUMBER_ID));
            mapped.putIfAbsent("datacare.whatsapp.business-account-id",
                    environment.getProperty("datacare.whatsapp.business-account-id", SANDBOX_BUSINESS_ACCOUNT_ID));
        }
        String logFormat = environment.getProperty("LOG_FORMAT", "");
        if (logFormat.equalsIgnoreCase("json") || logFormat.equalsIgnoreCase("logstash")) {
            mapped.put("logging.structured.format.console", "logstash");
        } else if (logFormat.equalsIgnoreCase("ecs")) {
            mapped.put("logging.structured.format.console", "ecs");
        }
        String redisUrl = environment.getProperty("REDIS_URL");
        if (redisUrl != null && !redisUrl.isBlank()) {
            mapped.put("spring.data.redis.url", redisUrl);
            mapped.put("datacare.redis.enabled", "true");
            mapped.put("datacare.chatbot.context.store", "redis");
        }
        MapPropertySource seed = new MapPropertySource("datacareSeedEnvironment", mapped);
        if (environment.getPropertySources().contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            environment.getPropertySources().addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, seed);
        } else {
            environment.getPropertySources().addFirst(seed);
        }
        environment.getPropertySources().addLast(new MapPropertySource("datacareEmbeddedDefaults",
                Map.of("spring.datasource.url", EMBEDDED_URL)));
    }

    static Map<String, Object> datasource(String databaseUrl) {
        Map<String, Object> result = new HashMap<>();
        if (databaseUrl.startsWith("jdbc:")) {
            result.put("spring.datasource.url", databaseUrl);
            return result;
        }
        URI uri = URI.create(databaseUrl.replaceFirst("^postgres(ql)?://", "http://"));
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        result.put("spring.datasource.url", "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query);
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            String[] parts = userInfo.split(":", 2);
            result.put("spring.datasource.username", URLDecoder.decode(parts[0], StandardCharsets.UTF_8));
            if (parts.length > 1) {
                result.put("spring.datasource.password", URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
            }
        }
        return result;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
