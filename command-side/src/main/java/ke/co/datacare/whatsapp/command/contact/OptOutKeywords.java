package ke.co.datacare.whatsapp.command.contact;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The opt-out policy for free text: a message that is exactly one of the stop words opts the
 * contact out of marketing; one of the start words opts them back in. English and Swahili.
 */
public final class OptOutKeywords {

    public enum Intent { OPT_OUT, OPT_IN }

    private static final Set<String> STOP = Set.of("stop", "unsubscribe", "stop all", "acha", "sitisha");
    private static final Set<String> START = Set.of("start", "subscribe", "anza");

    private OptOutKeywords() {
    }

    public static Optional<Intent> of(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String normalized = text.trim().toLowerCase(Locale.ROOT).replaceAll("[.!\\s]+$", "");
        if (STOP.contains(normalized)) {
            return Optional.of(Intent.OPT_OUT);
        }
        if (START.contains(normalized)) {
            return Optional.of(Intent.OPT_IN);
        }
        return Optional.empty();
    }
}
