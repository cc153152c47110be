package ke.co.datacare.whatsapp.chatbot.engine;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Lower case, accents removed, anything but letters and digits turned into single spaces. */
final class TextNormalizer {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private TextNormalizer() {
    }

    static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String withoutAccents = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        return SEPARATORS.matcher(withoutAccents.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    }
}
