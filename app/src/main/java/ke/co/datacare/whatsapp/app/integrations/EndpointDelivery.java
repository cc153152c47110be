package ke.co.datacare.whatsapp.app.integrations;

import ke.co.datacare.whatsapp.app.integrations.IntegrationDeliveries.Delivery;
import ke.co.datacare.whatsapp.app.integrations.IntegrationEndpoints.Endpoint;
import ke.co.datacare.whatsapp.app.notifications.AdminNotices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Sends the due deliveries, a batch at a time and all of a batch at once (one slow endpoint costs its timeout, not the
 * batch's sum). A 2xx answer delivers; anything else, or no answer, is retried with doubling waits, and after the last
 * attempt the delivery waits on the dead-letter list. An endpoint that has not succeeded for {@code disableAfter} is
 * disabled and the admins are told. At least once: a receiver deduplicates by the delivery's {@code id}.
 */
class EndpointDelivery {

    private static final Logger log = LoggerFactory.getLogger(EndpointDelivery.class);
    private static final int BATCH = 100;
    private static final Duration LONGEST_WAIT = Duration.ofHours(1);

    private final IntegrationEndpoints endpoints;
    private final IntegrationDeliveries deliveries;
    private final EndpointAddressPolicy addresses;
    private final IntegrationProperties properties;
    private final AdminNotices notices;
    private final Clock clock;
    private final HttpClient http;

    EndpointDelivery(IntegrationEndpoints endpoints, IntegrationDeliveries deliveries, EndpointAddressPolicy addresses,
                     IntegrationProperties properties, AdminNotices notices, Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.addresses = addresses;
        this.properties = properties;
        this.notices = notices;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Attempts every due delivery once; answers how many were delivered. */
    int deliverDue() {
        List<Delivery> due = deliveries.due(clock.instant(), BATCH);
        Map<String, Optional<Endpoint>> byId = new HashMap<>();
        Map<Delivery, CompletableFuture<Outcome>> attempts = new HashMap<>();
        for (Delivery delivery : due) {
            byId.computeIfAbsent(delivery.endpointId(), endpoints::byId)
                    .ifPresent(endpoint -> attempts.put(delivery, attempt(endpoint, delivery)));
        }
        int delivered = 0;
        for (Map.Entry<Delivery, CompletableFuture<Outcome>> attempt : attempts.entrySet()) {
            Outcome outcome = attempt.getValue().join();
            Endpoint endpoint = byId.get(attempt.getKey().endpointId()).orElseThrow();
            if (outcome.delivered()) {
                deliveries.delivered(attempt.getKey().id(), outcome.status(), clock.instant());
                endpoints.succeeded(endpoint.id());
                delivered++;
            } else {
                failed(endpoint, attempt.getKey(), outcome);
            }
        }
        return delivered;
    }

    private record Outcome(Integer status, String error) {
        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private CompletableFuture<Outcome> attempt(Endpoint endpoint, Delivery delivery) {
        Optional<String> refusal = addresses.refusal(endpoint.url());
        if (refusal.isPresent()) {
            return CompletableFuture.completedFuture(new Outcome(null, "address refused: " + refusal.get()));
        }
        long now = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.url().trim()))
                .timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "DataCare-WhatsApp-Webhooks/1")
                .header("X-DataCare-Delivery", String.valueOf(delivery.id()))
                .header("X-DataCare-Event", delivery.eventType())
                .header(WebhookSigner.HEADER, WebhookSigner.signature(endpoint.secret(), now, delivery.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> new Outcome(response.statusCode(), response.statusCode() / 100 == 2 ? null
                        : "answered " + response.statusCode()))
                .exceptionally(failure -> new Outcome(null, "no answer: " + rootCause(failure).getClass().getSimpleName()));
    }

    private void failed(Endpoint endpoint, Delivery delivery, Outcome outcome) {
        Instant now = clock.instant();
        int attempts = delivery.attempts() + 1;
        boolean dead = attempts >= properties.maxAttempts();
        Duration wait = properties.firstRetry().multipliedBy(1L << Math.min(attempts - 1, 20));
        deliveries.failed(delivery.id(), outcome.status(), outcome.error(),
                now.plus(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait), dead);
        if (dead) {
            log.warn("Delivery {} to endpoint {} gave up after {} attempts: {}", delivery.id(), endpoint.id(), attempts,
                    outcome.error());
        }
        Instant failingSince = endpoints.failing(endpoint.id(), now);
        if (!failingSince.plus(properties.disableAfter()).isAfter(now)) {
            String reason = "no successful delivery since " + failingSince + " (last: " + outcome.error() + ")";
            endpoints.disable(endpoint.id(), reason, now);
            log.error("Disabled outbound webhook endpoint {}: {}", endpoint.id(), reason);
            notices.tellAdmins("integration-disabled:" + endpoint.id() + ":" + now, "Outbound webhook endpoint disabled",
                    "The endpoint " + endpoint.id() + " was disabled: " + reason + ".\nIts deliveries wait; enable it "
                            + "again with POST /api/integrations/webhooks/" + endpoint.id() + "/enable.");
        }
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
