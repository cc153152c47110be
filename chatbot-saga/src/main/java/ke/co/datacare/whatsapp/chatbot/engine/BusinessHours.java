package ke.co.datacare.whatsapp.chatbot.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.Holiday;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.OpeningHours;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.OpeningWindow;

/** When the team answers, judged in the configured zone whatever the JVM's default zone is. */
public final class BusinessHours {

    private static final int SEARCH_DAYS = 400;

    private final OpeningHours hours;
    private final ZoneId zone;
    private final Set<LocalDate> holidays;

    public BusinessHours(OpeningHours hours) {
        this.hours = hours;
        this.zone = ZoneId.of(hours.zone());
        this.holidays = hours.holidays().stream().map(Holiday::date).collect(Collectors.toUnmodifiableSet());
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalDate dateAt(Instant at) {
        return at.atZone(zone).toLocalDate();
    }

    public boolean isOpen(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        return !holidays.contains(local.toLocalDate())
                && hours.on(local.getDayOfWeek()).stream()
                        .anyMatch(window -> !time.isBefore(window.open()) && time.isBefore(window.close()));
    }

    /** The earliest instant at or after {@code at} when the business is open; empty if none within a year. */
    public Optional<Instant> nextOpening(Instant at) {
        if (isOpen(at)) {
            return Optional.of(at);
        }
        LocalDate first = dateAt(at);
        for (LocalDate date = first; date.isBefore(first.plusDays(SEARCH_DAYS)); date = date.plusDays(1)) {
            Optional<Instant> opening = firstOpeningOn(date, at);
            if (opening.isPresent()) {
                return opening;
            }
        }
        return Optional.empty();
    }

    private Optional<Instant> firstOpeningOn(LocalDate date, Instant notBefore) {
        if (holidays.contains(date)) {
            return Optional.empty();
        }
        return hours.on(date.getDayOfWeek()).stream()
                .map(OpeningWindow::open)
                .map(open -> date.atTime(open).atZone(zone).toInstant())
                .filter(opening -> !opening.isBefore(notBefore))
                .min(Instant::compareTo);
    }
}
