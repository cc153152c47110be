package ke.co.datacare.whatsapp.query.analytics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.query.AgentAnalytics;
import ke.co.datacare.whatsapp.api.query.AnalyticsOverview;
import ke.co.datacare.whatsapp.api.query.CostAnalytics;
import ke.co.datacare.whatsapp.api.query.FindAgentAnalytics;
import ke.co.datacare.whatsapp.api.query.FindCostAnalytics;
import ke.co.datacare.whatsapp.api.query.FindAnalyticsOverview;
import ke.co.datacare.whatsapp.api.query.FindSatisfactionAnalytics;
import ke.co.datacare.whatsapp.api.query.FindTemplateAnalytics;
import ke.co.datacare.whatsapp.api.query.SatisfactionAnalytics;
import ke.co.datacare.whatsapp.api.query.TemplateAnalytics;
import ke.co.datacare.whatsapp.api.query.FindAnalyticsOverview.Granularity;
import ke.co.datacare.whatsapp.query.admin.ReadsProjection;
import ke.co.datacare.whatsapp.query.readmodel.ReadModels;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

@RestController
@RequestMapping("/api/analytics")
@PreAuthorize("hasAnyRole('ADMIN','ANALYST')")
@ReadsProjection(ReadModels.GROUP)
@Tag(name = "Analytics", description = "Message, delivery, response and resolution figures per Nairobi day or week, "
        + "per agent and per template; customer satisfaction; what messages cost")
class AnalyticsController {

    static final long MAX_DAYS = 400;
    static final long DEFAULT_DAYS = 7;

    private final QueryGateway queries;
    private final Clock clock;

    AnalyticsController(QueryGateway queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @GetMapping("/overview")
    @Operation(summary = "Inbound messages by type, new and returning contacts, outbound statuses with delivery, read and "
            + "failure rates and the top error codes, per day or per ISO week, from and to inclusive "
            + "(by default the last 7 Nairobi days up to today)")
    AnalyticsOverview overview(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                               @RequestParam(defaultValue = "day") String granularity) {
        Range range = range(from, to);
        return queries.query(new FindAnalyticsOverview(range.first(), range.last(), granularity(granularity)),
                AnalyticsOverview.class).join();
    }

    @GetMapping("/agents")
    @Operation(summary = "Per agent: conversations assigned and resolved, replies to waiting customers with the wait "
            + "(median and 90th percentile, seconds), and conversations held now; from and to inclusive "
            + "(by default the last 7 Nairobi days up to today)")
    AgentAnalytics agents(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        Range range = range(from, to);
        return queries.query(new FindAgentAnalytics(range.first(), range.last()), AgentAnalytics.class).join();
    }

    @GetMapping("/templates")
    @Operation(summary = "Per template and language: messages queued, accepted by Meta, delivered, read and failed, "
            + "with rates, for template messages queued from and to inclusive (by default the last 7 Nairobi days up to "
            + "today)")
    TemplateAnalytics templates(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        Range range = range(from, to);
        return queries.query(new FindTemplateAnalytics(range.first(), range.last()), TemplateAnalytics.class).join();
    }

    @GetMapping("/satisfaction")
    @Operation(summary = "Customer satisfaction (CSAT) of the surveys sent when agents resolved conversations: surveys, "
            + "ratings, response rate, average, share of 4 and 5 and the distribution, overall, per day, per agent and "
            + "per handoff reason; from and to inclusive (by default the last 7 Nairobi days up to today)")
    SatisfactionAnalytics satisfaction(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        Range range = range(from, to);
        return queries.query(new FindSatisfactionAnalytics(range.first(), range.last()), SatisfactionAnalytics.class)
                .join();
    }

    @GetMapping("/costs")
    @Operation(summary = "What Meta charges for our messages, by the dated rate card in configuration "
            + "(datacare.pricing.rates): messages priced, delivered and charged with their cost, in total, per day or "
            + "ISO week, per category, per sender (bot, agent, campaign, survey) and per campaign; from and to inclusive "
            + "(by default the last 7 Nairobi days up to today)")
    CostAnalytics costs(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                        @RequestParam(defaultValue = "day") String granularity) {
        Range range = range(from, to);
        return queries.query(new FindCostAnalytics(range.first(), range.last(), granularity(granularity)),
                CostAnalytics.class).join();
    }

    /** The days asked for: {@code to} by default today in Nairobi, {@code from} by default the 7 days up to it. */
    private record Range(LocalDate first, LocalDate last) {
    }

    private Range range(LocalDate from, LocalDate to) {
        LocalDate last = lastDay(to);
        LocalDate first = firstDay(from, last);
        checkRange(first, last);
        return new Range(first, last);
    }

    /** {@code to}, by default today in Nairobi. */
    private LocalDate lastDay(LocalDate to) {
        return to != null ? to : LocalDate.now(clock.withZone(AnalyticsCalendar.ZONE));
    }

    /** {@code from}, by default the first of the last {@value #DEFAULT_DAYS} days up to {@code to}. */
    private static LocalDate firstDay(LocalDate from, LocalDate to) {
        return from != null ? from : to.minusDays(DEFAULT_DAYS - 1);
    }

    private static void checkRange(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "from must not be after to");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "At most " + MAX_DAYS + " days at a time");
        }
    }

    private static Granularity granularity(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "day" -> Granularity.DAY;
            case "week" -> Granularity.WEEK;
            default -> throw new DomainException(ErrorCode.VALIDATION_FAILED, "granularity must be day or week");
        };
    }
}
