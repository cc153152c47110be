package ke.co.datacare.whatsapp.command.number;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import ke.co.datacare.whatsapp.command.graph.GraphApiProperties;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/numbers")
@Tag(name = "Numbers", description = "Our WhatsApp numbers and the messaging limit as Meta reports them")
class NumberController {

    /**
     * The messaging limit campaigns obey ({@code inForce}: unique customers per 24 hours, or {@code unlimited}): Meta's
     * last announcement when there is one, otherwise the configured tier ({@code datacare.campaigns.messaging-limit}).
     */
    record LimitInForce(String inForce, String source, String configured, NumberHealth.AnnouncedLimit announced) {
    }

    record BusinessNumber(String phoneNumberId, String businessAccountId, LimitInForce messagingLimit,
                  List<NumberHealth.NumberReport> reports) {
    }

    private final NumberHealth health;
    private final MessagingLimits limits;
    private final GraphApiProperties graph;

    NumberController(NumberHealth health, MessagingLimits limits, GraphApiProperties graph) {
        this.health = health;
        this.limits = limits;
        this.graph = graph;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('ADMIN','AGENT','ANALYST')")
    @Operation(summary = "The configured number with the messaging limit in force and what Meta last reported about it")
    List<BusinessNumber> numbers() {
        MessagingLimits.InForce inForce = limits.inForce();
        LimitInForce limit = new LimitInForce(inForce.limit().describe(), inForce.source().name(),
                limits.configured().describe(), inForce.announced());
        return List.of(new BusinessNumber(graph.phoneNumberId(), graph.businessAccountId(), limit, health.numbers()));
    }
}
