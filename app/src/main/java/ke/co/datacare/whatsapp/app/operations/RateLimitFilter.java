package ke.co.datacare.whatsapp.app.operations;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.app.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * API rate limiting per user and per IP ({@code RATE_LIMIT_MAX_REQUESTS} per {@code RATE_LIMIT_WINDOW_MS}),
 * with Bucket4j buckets kept in Redis when it is configured (shared by every instance) and in process
 * otherwise, or while Redis is unreachable. Over the limit: 429 problem+json with Retry-After. Only
 * /api is limited: Meta's webhook comes from many addresses and is guarded by its signature and size.
 */
class RateLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final BucketConfiguration configuration;
    private final RedisBuckets shared;
    /** Buckets while Redis is away: at most 100,000 keys, each forgotten 10 minutes after its last use. */
    private final com.github.benmanes.caffeine.cache.Cache<String, Bucket> local = com.github.benmanes.caffeine.cache
            .Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();
    private static final Duration REDIS_RETRY = Duration.ofSeconds(30);
    private final ObjectMapper json;
    private final String keyPrefix;
    private volatile long sharedFailingUntilNanos;
    private volatile boolean sharedFailing;

    RateLimitFilter(RateLimitProperties properties, RedisBuckets shared, ObjectMapper json) {
        this.keyPrefix = "ratelimit:" + properties.maxRequests() + "/" + properties.windowMs() + ":";
        this.configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(properties.maxRequests())
                        .refillIntervally(properties.maxRequests(), Duration.ofMillis(properties.windowMs())))
                .build();
        this.shared = shared;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ConsumptionProbe byIp = consume("ip:" + request.getRemoteAddr());
        ConsumptionProbe byUser = null;
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (byIp.isConsumed() && caller != null && caller.isAuthenticated() && !"anonymousUser".equals(caller.getName())) {
            byUser = consume("user:" + caller.getName());
        }
        ConsumptionProbe refused = !byIp.isConsumed() ? byIp : byUser != null && !byUser.isConsumed() ? byUser : null;
        if (refused == null) {
            response.setHeader("X-RateLimit-Remaining", String.valueOf(byUser != null
                    ? Math.min(byIp.getRemainingTokens(), byUser.getRemainingTokens()) : byIp.getRemainingTokens()));
            chain.doFilter(request, response);
            return;
        }
        long retryAfter = Math.max(1, Duration.ofNanos(refused.getNanosToWaitForRefill()).toSeconds());
        response.setStatus(ErrorCode.RATE_LIMITED.status());
        response.setHeader("Retry-After", String.valueOf(retryAfter));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Problems.of(ErrorCode.RATE_LIMITED,
                "Too many requests; retry after " + retryAfter + " s", request.getRequestURI()));
    }

    private ConsumptionProbe consume(String key) {
        if (shared != null && (!sharedFailing || System.nanoTime() - sharedFailingUntilNanos > 0)) {
            try {
                ConsumptionProbe probe = shared.bucket(keyPrefix + key, () -> configuration).tryConsumeAndReturnRemaining(1);
                if (sharedFailing) {
                    sharedFailing = false;
                    log.info("Redis rate limiting works again");
                }
                return probe;
            } catch (RuntimeException e) {
                sharedFailingUntilNanos = System.nanoTime() + REDIS_RETRY.toNanos();
                if (!sharedFailing) {
                    log.warn("Redis rate limiting failed ({}); limiting in process, trying Redis again every {} s",
                            e.toString(), REDIS_RETRY.toSeconds());
                }
                sharedFailing = true;
            }
        }
        return local.get(key, k -> Bucket.builder().addLimit(limit -> limit.capacity(configuration
                .getBandwidths()[0].getCapacity()).refillIntervally(configuration.getBandwidths()[0].getRefillTokens(),
                Duration.ofNanos(configuration.getBandwidths()[0].getRefillPeriodNanos()))).build())
                .tryConsumeAndReturnRemaining(1);
    }
}
