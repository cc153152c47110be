package ke.co.datacare.whatsapp.app.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;

/** The original design's liveness probe; {@code /actuator/health} has the details. */
@RestController
@Tag(name = "Operations")
class HealthController {

    record Health(String status, Instant timestamp) {
    }

    private final Clock clock;

    HealthController(Clock clock) {
        this.clock = clock;
    }

    @GetMapping("/health")
    @Operation(summary = "Liveness: {\"status\":\"ok\",\"timestamp\":...}")
    Health health() {
        return new Health("ok", clock.instant());
    }
}
