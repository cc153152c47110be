package ke.co.datacare.whatsapp.app.integrations;

import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.conversation.outbound.FieldViolation;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The rules of registering an endpoint: its address, its event types and its secret, each refusal naming its field. */
@Component
class IntegrationRegistrations {

    private static final int MIN_SECRET = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IntegrationEndpoints endpoints;
    private final IntegrationDeliveries deliveries;
    private final EndpointAddressPolicy addresses;
    private final Clock clock;

    IntegrationRegistrations(IntegrationEndpoints endpoints, IntegrationDeliveries deliveries,
                             EndpointAddressPolicy addresses, Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.addresses = addresses;
        this.clock = clock;
    }

    IntegrationEndpoints.Endpoint register(IntegrationWebhooksController.EndpointRequest request, String by) {
        List<FieldViolation> violations = new ArrayList<>();
        if (request.url() == null || request.url().isBlank()) {
            violations.add(new FieldViolation("url", "is required"));
        } else if (request.url().length() > 2000) {
            violations.add(new FieldViolation("url", "must be at most 2000 characters"));
        } else {
            addresses.refusal(request.url()).ifPresent(reason -> violations.add(new FieldViolation("url", reason)));
        }
        Set<IntegrationEventType> types = new LinkedHashSet<>();
        if (request.eventTypes() == null || request.eventTypes().isEmpty()) {
            violations.add(new FieldViolation("eventTypes", "must name at least one event type"));
        } else {
            for (int i = 0; i < request.eventTypes().size(); i++) {
                String name = request.eventTypes().get(i);
                int index = i;
                IntegrationEventType.of(name == null ? "" : name.trim().toLowerCase(Locale.ROOT)).ifPresentOrElse(types::add,
                        () -> violations.add(new FieldViolation("eventTypes[" + index + "]", "is not an event type")));
            }
        }
        if (request.secret() != null && (request.secret().length() < MIN_SECRET || request.secret().length() > 200)) {
            violations.add(new FieldViolation("secret", "must be 32 to 200 characters"));
        }
        if (!violations.isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "The endpoint cannot be registered",
                    Map.of("errors", violations));
        }
        String secret = request.secret() != null ? request.secret() : generatedSecret();
        IntegrationEndpoints.Endpoint endpoint = new IntegrationEndpoints.Endpoint(UUID.randomUUID().toString(),
                request.url().trim(), types, secret, true, clock.instant(), null, null, null);
        endpoints.add(endpoint, by);
        return endpoint;
    }

    IntegrationDeliveries.Status status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return IntegrationDeliveries.Status.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "Unknown delivery status",
                    Map.of("errors", List.of(new FieldViolation("status", "must be pending, delivered or dead"))));
        }
    }

    boolean redeliver(String endpointId, long deliveryId) {
        return deliveries.redeliver(endpointId, deliveryId, clock.instant());
    }

    private static String generatedSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + HexFormat.of().formatHex(bytes);
    }
}
