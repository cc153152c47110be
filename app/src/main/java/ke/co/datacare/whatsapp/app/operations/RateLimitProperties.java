package ke.co.datacare.whatsapp.app.operations;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code RATE_LIMIT_WINDOW_MS} and {@code RATE_LIMIT_MAX_REQUESTS}: requests per window, per user and per IP. */
@ConfigurationProperties("datacare.rate-limit")
public record RateLimitProperties(long windowMs, long maxRequests) {

    public RateLimitProperties {
        windowMs = windowMs <= 0 ? 60_000 : windowMs;
        maxRequests = maxRequests <= 0 ? 100 : maxRequests;
    }
}
