package ke.co.datacare.whatsapp.command.graph.sandbox;

import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.conversation.outbound.FieldViolation;
import ke.co.datacare.whatsapp.command.number.MessagingLimit;
import ke.co.datacare.whatsapp.command.outbound.TemplateStatusEvents;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Meta's other parts, played on request so that the zero-setup run shows what a real account sends: a customer
 * writes, staff answer on the WhatsApp Business app, Meta reviews a template again, the number's quality or limit
 * changes. Each becomes a signed webhook in Meta's shape, posted to this service's own webhook like Meta's, so it
 * takes the real path; the sandbox's own answers follow (a paused template is refused, the number shows its quality).
 * Bad input is refused naming each field, and posts nothing.
 */
final class SandboxSimulations {

    /**
     * A customer's text; {@code from} (a phone number) or {@code userId} (a business-scoped user id) or both; to the
     * business number {@code phoneNumberId} (the first of the sandbox's numbers when absent).
     */
    record CustomerMessage(String from, String userId, String name, String username, String text, String phoneNumberId) {
    }

    record BusinessAppMessage(String to, String text, String phoneNumberId) {
    }

    /** Meta's review event for a template ({@code language} left out: the first of that name). */
    record TemplateReview(String name, String language, String event, String reason) {
    }

    /** The quality of {@code phoneNumberId} (the first number when absent) or the portfolio's limit changed. */
    record NumberQuality(String event, String currentLimit, String phoneNumberId) {
    }

    /** What was posted: the message's wamid (null for account changes) and whether the webhook was acknowledged. */
    record Posted(String wamid, boolean acknowledged) {
    }

    static final Set<String> TEMPLATE_EVENTS = Set.of("APPROVED", "FLAGGED", "PAUSED", "DISABLED", "REJECTED", "REINSTATED");
    static final Set<String> NUMBER_EVENTS = Set.of("FLAGGED", "UNFLAGGED", "UPGRADE", "DOWNGRADE",
            "THROUGHPUT_UPGRADE");
    private static final Pattern PHONE = Pattern.compile("\\d{7,15}");
    private static final Pattern USER_ID = Pattern.compile("[A-Z]{2}\\.[A-Za-z0-9.]{1,64}");
    private static final int MAX_TEXT = 4096;

    private final SimulatedWebhookBodies bodies;
    private final WebhookSink sink;
    private final SandboxTemplates templates;
    private final SandboxNumbers numbers;
    private final Clock clock;

    SandboxSimulations(SimulatedWebhookBodies bodies, WebhookSink sink, SandboxTemplates templates,
                       SandboxNumbers numbers, Clock clock) {
        this.bodies = bodies;
        this.sink = sink;
        this.templates = templates;
        this.numbers = numbers;
        this.clock = clock;
    }

    Posted customerWrites(CustomerMessage request) {
        List<FieldViolation> violations = new ArrayList<>();
        String from = request.from() == null ? null : request.from().replaceAll("[\\s+()-]", "");
        if ((from == null || from.isEmpty()) && blank(request.userId())) {
            violations.add(new FieldViolation("from", "a phone number or a userId is required"));
        } else if (from != null && !from.isEmpty() && !PHONE.matcher(from).matches()) {
            violations.add(new FieldViolation("from", "must be a phone number of 7 to 15 digits"));
        }
        if (!blank(request.userId()) && !USER_ID.matcher(request.userId()).matches()) {
            violations.add(new FieldViolation("userId", "must be a business-scoped user id such as KE.1349120865530274"));
        }
        text(violations, request.text());
        String phoneNumberId = number(violations, request.phoneNumberId());
        refuseIf(violations);
        CustomerMessage customer = new CustomerMessage(from == null || from.isEmpty() ? null : from,
                blank(request.userId()) ? null : request.userId(),
                blank(request.name()) ? "Sandbox customer" : request.name().strip(),
                blank(request.username()) ? null : request.username().strip(), request.text(), phoneNumberId);
        String wamid = AcceptedMessage.newWamid();
        return new Posted(wamid, sink.deliver(bodies.customerText(phoneNumberId, customer, wamid, clock.instant())));
    }

    Posted businessAppSends(BusinessAppMessage request) {
        List<FieldViolation> violations = new ArrayList<>();
        String to = request.to() == null ? "" : request.to().replaceAll("[\\s+()-]", "");
        if (!PHONE.matcher(to).matches()) {
            violations.add(new FieldViolation("to", "must be a phone number of 7 to 15 digits"));
        }
        text(violations, request.text());
        String phoneNumberId = number(violations, request.phoneNumberId());
        refuseIf(violations);
        String wamid = AcceptedMessage.newWamid();
        return new Posted(wamid, sink.deliver(bodies.businessAppText(phoneNumberId, to, request.text(), wamid,
                clock.instant())));
    }

    Posted templateReviewed(TemplateReview request) {
        List<FieldViolation> violations = new ArrayList<>();
        String event = upper(request.event());
        if (!TEMPLATE_EVENTS.contains(event)) {
            violations.add(new FieldViolation("event", "must be one of " + String.join(", ", sorted(TEMPLATE_EVENTS))));
        }
        if (blank(request.name())) {
            violations.add(new FieldViolation("name", "is required"));
        }
        refuseIf(violations);
        String language = blank(request.language()) ? null : request.language();
        var template = templates.changeStatus(request.name(), language, TemplateStatusEvents.statusAfter(event))
                .orElseThrow(() -> refusal(
                List.of(new FieldViolation(language == null ? "name" : "language",
                        "no template " + request.name() + (language == null ? "" : " in " + language)
                                + " in the sandbox")), ErrorCode.NOT_FOUND));
        return new Posted(null, sink.deliver(bodies.templateStatus(template, event, request.reason(),
                clock.instant())));
    }

    Posted numberQualityChanged(NumberQuality request) {
        List<FieldViolation> violations = new ArrayList<>();
        String event = upper(request.event());
        if (!NUMBER_EVENTS.contains(event)) {
            violations.add(new FieldViolation("event", "must be one of " + String.join(", ", sorted(NUMBER_EVENTS))));
        }
        boolean limitChanges = event.equals("UPGRADE") || event.equals("DOWNGRADE");
        String limit = blank(request.currentLimit()) ? null : upper(request.currentLimit());
        if (limitChanges && (limit == null || MessagingLimit.read(limit).isEmpty())) {
            violations.add(new FieldViolation("currentLimit", "must be a tier such as TIER_2K, TIER_10K or TIER_UNLIMITED"));
        }
        String phoneNumberId = number(violations, request.phoneNumberId());
        refuseIf(violations);
        // Meta upgrades the throughput of numbers whose portfolio is unlimited only, and says so in the webhook
        String announced = event.equals("THROUGHPUT_UPGRADE") ? "TIER_UNLIMITED" : limitChanges ? limit : null;
        SandboxNumber.Health before = numbers.health(phoneNumberId).apply(event, announced);
        return new Posted(null, sink.deliver(bodies.numberQuality(phoneNumberId, event,
                limitChanges ? before.messagingLimitTier() : null,
                announced == null ? before.messagingLimitTier() : announced, clock.instant())));
    }

    /** The sandbox number named (the first when none is), or a violation. */
    private String number(List<FieldViolation> violations, String phoneNumberId) {
        if (blank(phoneNumberId)) {
            return numbers.first();
        }
        if (!numbers.knows(phoneNumberId.strip())) {
            violations.add(new FieldViolation("phoneNumberId", "must be one of the sandbox's numbers: "
                    + String.join(", ", numbers.ids())));
        }
        return phoneNumberId.strip();
    }

    private static void text(List<FieldViolation> violations, String text) {
        if (blank(text)) {
            violations.add(new FieldViolation("text", "is required"));
        } else if (text.codePointCount(0, text.length()) > MAX_TEXT) {
            violations.add(new FieldViolation("text", "must have at most " + MAX_TEXT + " characters"));
        }
    }

    private static void refuseIf(List<FieldViolation> violations) {
        if (!violations.isEmpty()) {
            throw refusal(violations, ErrorCode.VALIDATION_FAILED);
        }
    }

    private static DomainException refusal(List<FieldViolation> violations, ErrorCode code) {
        return new DomainException(code, "The simulated webhook was not posted", Map.of("errors", violations));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String upper(String value) {
        return value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
