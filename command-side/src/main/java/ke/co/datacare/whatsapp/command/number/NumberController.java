package ke.co.datacare.whatsapp.command.number;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import ke.co.datacare.whatsapp.command.graph.BusinessNumbers;
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
     * Since October 2025 it is the business portfolio's, shared by all its numbers.
     */
    record LimitInForce(String inForce, String source, String configured, NumberHealth.AnnouncedLimit announced) {
    }

    /**
     * One of our numbers: whether it is the default one (API sends to a phone number, campaigns without a number),
     * whether it is configured or only listed by Meta on the business account, its display number (listed by Meta or
     * configured), what Meta listed about it (quality rating GREEN / YELLOW / RED, status such as CONNECTED or
     * FLAGGED, {@code throughput} level; null without discovery), the rate sends from it keep
     * ({@code messagesPerSecond}), Meta's level behind that rate ({@code throughputLevel} STANDARD or HIGH; null for a
     * rate configured directly) and where the rate comes from ({@code throughputSource}: CONFIGURED_RATE,
     * META_LISTED, META_ANNOUNCED by a webhook, CONFIGURED_LEVEL or DEFAULT), and the quality webhooks' reports on it
     * ({@code reports}: those on its display number, or, while that is unknown, those on no other number of ours).
     */
    record BusinessNumber(String phoneNumberId, boolean isDefault, String source, String businessAccountId,
                          String displayPhoneNumber, String verifiedName, String qualityRating, String status,
                          String throughput, int messagesPerSecond, String throughputLevel, String throughputSource,
                          LimitInForce messagingLimit, List<NumberHealth.NumberReport> reports) {
    }

    private final NumberHealth health;
    private final MessagingLimits limits;
    private final GraphApiProperties graph;
    private final BusinessNumbers numbers;

    NumberController(NumberHealth health, MessagingLimits limits, GraphApiProperties graph, BusinessNumbers numbers) {
        this.health = health;
        this.limits = limits;
        this.graph = graph;
        this.numbers = numbers;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('ADMIN','AGENT','ANALYST')")
    @Operation(summary = "Every number we send from (the default first) with its throughput, quality, status, the "
            + "messaging limit in force and what Meta last reported about it")
    List<BusinessNumber> numbers() {
        MessagingLimits.InForce inForce = limits.inForce();
        LimitInForce limit = new LimitInForce(inForce.limit().describe(), inForce.source().name(),
                limits.configured().describe(), inForce.announced());
        List<BusinessNumbers.Number> all = numbers.all();
        Set<String> displayed = all.stream().filter(number -> number.displayPhoneNumber() != null)
                .map(number -> digits(number.displayPhoneNumber())).collect(Collectors.toSet());
        List<NumberHealth.NumberReport> reports = health.numbers();
        List<BusinessNumber> answer = new ArrayList<>(all.size());
        for (BusinessNumbers.Number number : all) {
            BusinessNumbers.Listed listed = number.listed();
            String display = number.displayPhoneNumber() == null ? null : digits(number.displayPhoneNumber());
            List<NumberHealth.NumberReport> own = reports.stream()
                    .filter(report -> display != null ? display.equals(digits(report.displayPhoneNumber()))
                            : !displayed.contains(digits(report.displayPhoneNumber())))
                    .toList();
            answer.add(new BusinessNumber(number.id(), number.isDefault(), number.configured() ? "CONFIGURED" : "META",
                    graph.businessAccountId(), number.displayPhoneNumber(),
                    listed == null ? null : listed.verifiedName(), listed == null ? null : listed.qualityRating(),
                    listed == null ? null : listed.status(), listed == null ? null : listed.throughput(),
                    number.messagesPerSecond(), number.throughput().level(), number.throughput().source().name(),
                    limit, own));
        }
        return answer;
    }

    private static String digits(String phoneNumber) {
        return BusinessNumbers.digits(phoneNumber);
    }
}
