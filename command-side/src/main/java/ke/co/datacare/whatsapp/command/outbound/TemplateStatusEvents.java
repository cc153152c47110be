package ke.co.datacare.whatsapp.command.outbound;

import java.util.Locale;
import java.util.Optional;

/**
 * What a template's status is after one of Meta's {@code message_template_status_update} events (their values as
 * Meta documents them, 2025-2026). Most name the new status; some do not: a template that is REINSTATED or UNARCHIVED
 * is APPROVED again, and FLAGGED (negative feedback, at risk of being disabled), LOCKED, UNLOCKED and LIMIT_EXCEEDED
 * (the account's template count) leave its status as it was, so a flagged template can still be sent.
 */
public final class TemplateStatusEvents {

    private TemplateStatusEvents() {
    }

    /** The status after the event; empty when the event leaves the status as it was. */
    public static Optional<String> statusAfter(String event) {
        if (event == null || event.isBlank()) {
            return Optional.empty();
        }
        String upper = event.strip().toUpperCase(Locale.ROOT);
        return switch (upper) {
            case "REINSTATED", "UNARCHIVED" -> Optional.of("APPROVED");
            case "FLAGGED", "LOCKED", "UNLOCKED", "LIMIT_EXCEEDED" -> Optional.empty();
            default -> Optional.of(upper);
        };
    }
}
