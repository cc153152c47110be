package ke.co.datacare.whatsapp.app.integrations;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.conversation.outbound.FieldViolation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Outbound webhooks to the business's own systems (CRM, ticketing), for ADMIN only. */
@RestController
@RequestMapping("/api/integrations/webhooks")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Integrations", description = "Signed outbound webhooks: endpoints, delivery log, dead letters")
class IntegrationWebhooksController {

    /** What to register: where, which event types, and optionally the signing secret (generated when absent). */
    record EndpointRequest(String url, List<String> eventTypes, String secret) {
    }

    /** An endpoint as shown; the secret only in the answer to its registration. */
    record EndpointView(String id, String url, List<String> eventTypes, boolean enabled, Instant createdAt,
                        Instant failingSince, Instant disabledAt, String disabledReason, String secret) {
    }

    record DeliveryView(long id, String eventId, String eventType, String status, int attempts, Instant createdAt,
                        Instant nextAttemptAt, Instant deliveredAt, Integer lastStatus, String lastError) {
    }

    private final IntegrationRegistrations registrations;
    private final IntegrationEndpoints endpoints;
    private final IntegrationDeliveries deliveries;

    IntegrationWebhooksController(IntegrationRegistrations registrations, IntegrationEndpoints endpoints,
                                  IntegrationDeliveries deliveries) {
        this.registrations = registrations;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
    }

    @PostMapping
    @Operation(summary = "Register an endpoint: https URL (http only to allowed hosts; never private or local addresses "
            + "unless allowed), event types (message.received, message.sent, message.status, conversation.assigned, "
            + "conversation.resolved, contact.opted_out, campaign.progress) and a secret of 32 or more characters "
            + "(generated when absent; shown only in this answer)")
    ResponseEntity<EndpointView> register(@RequestBody EndpointRequest request, Authentication caller) {
        IntegrationEndpoints.Endpoint endpoint = registrations.register(request, caller.getName());
        return ResponseEntity.created(URI.create("/api/integrations/webhooks/" + endpoint.id()))
                .body(view(endpoint, endpoint.secret()));
    }

    @GetMapping
    @Operation(summary = "Every endpoint, without secrets")
    List<EndpointView> all() {
        return endpoints.all().stream().map(endpoint -> view(endpoint, null)).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One endpoint, without its secret")
    EndpointView one(@PathVariable String id) {
        return view(found(id), null);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Remove an endpoint and its delivery log")
    ResponseEntity<Void> remove(@PathVariable String id) {
        found(id);
        endpoints.remove(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/enable")
    @Operation(summary = "Enable an endpoint again (after it was disabled for failing): its waiting deliveries go out")
    EndpointView enable(@PathVariable String id) {
        found(id);
        endpoints.enable(id);
        return view(found(id), null);
    }

    @GetMapping("/{id}/deliveries")
    @Operation(summary = "The endpoint's delivery log, newest first; status=dead lists the dead letters")
    List<DeliveryView> deliveries(@PathVariable String id, @RequestParam(required = false) String status,
                                  @RequestParam(defaultValue = "100") int limit) {
        found(id);
        IntegrationDeliveries.Status wanted = registrations.status(status);
        return deliveries.of(id, wanted, Math.max(1, Math.min(limit, 1000))).stream().map(delivery -> new DeliveryView(
                delivery.id(), delivery.eventId(), delivery.eventType(), delivery.status().name().toLowerCase(),
                delivery.attempts(), delivery.createdAt(), delivery.nextAttemptAt(), delivery.deliveredAt(),
                delivery.lastStatus(), delivery.lastError())).toList();
    }

    @PostMapping("/{id}/deliveries/{deliveryId}/redeliver")
    @Operation(summary = "Send a delivery again (a dead letter, or one already delivered), now")
    ResponseEntity<Void> redeliver(@PathVariable String id, @PathVariable long deliveryId) {
        found(id);
        if (!registrations.redeliver(id, deliveryId)) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No delivery " + deliveryId + " of this endpoint waits for a redelivery");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).build();
    }

    private IntegrationEndpoints.Endpoint found(String id) {
        return endpoints.byId(id).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No endpoint " + id,
                Map.of("errors", List.of(new FieldViolation("id", "no such endpoint")))));
    }

    private static EndpointView view(IntegrationEndpoints.Endpoint endpoint, String secret) {
        return new EndpointView(endpoint.id(), endpoint.url(), endpoint.eventTypes().stream()
                .map(IntegrationEventType::wireName).sorted().toList(), endpoint.enabled(), endpoint.createdAt(),
                endpoint.failingSince(), endpoint.disabledAt(), endpoint.disabledReason(), secret);
    }
}
