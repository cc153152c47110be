package ke.co.datacare.whatsapp.command.campaign;

import ke.co.datacare.whatsapp.api.campaign.SendWindow;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When a campaign may send: always without a window, else between {@code from} (inclusive) and {@code to}
 * (exclusive) local time in the window's zone, over midnight when {@code to} is before {@code from}.
 */
final class SendWindowPolicy {

    static final ZoneId DEFAULT_ZONE = ZoneId.of("Africa/Nairobi");

    private final SendWindow window;
    private final ZoneId zone;

    SendWindowPolicy(SendWindow window) {
        this.window = window;
        this.zone = zoneOf(window);
    }

    static ZoneId zoneOf(SendWindow window) {
        return window == null || window.zone() == null || window.zone().isBlank() ? DEFAULT_ZONE
                : ZoneId.of(window.zone());
    }

    /** Why a window is not usable, or null when it is (no window at all is fine). */
    static String problemWith(SendWindow window) {
        if (window == null) {
            return null;
        }
        if (window.from() == null || window.to() == null) {
            return "a send window needs both from and to (HH:mm)";
        }
        if (window.from().equals(window.to())) {
            return "from and to of a send window must differ";
        }
        try {
            zoneOf(window);
            return null;
        } catch (DateTimeException e) {
            return "unknown time zone " + window.zone();
        }
    }

    boolean isOpen(Instant now) {
        if (window == null) {
            return true;
        }
        LocalTime local = now.atZone(zone).toLocalTime();
        LocalTime from = window.from();
        LocalTime to = window.to();
        return from.isBefore(to)
                ? !local.isBefore(from) && local.isBefore(to)
                : !local.isBefore(from) || local.isBefore(to);
    }

    /** The next time the window opens after {@code now} (now itself when it is open). */
    Instant nextOpening(Instant now) {
        if (isOpen(now)) {
            return now;
        }
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime today = local.toLocalDate().atTime(window.from()).atZone(zone);
        return (today.isAfter(local) ? today : today.plusDays(1)).toInstant();
    }
}
