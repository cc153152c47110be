package ke.co.datacare.whatsapp.query.paging;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a search box's text means to the indexes: the text folded as names are indexed (lower case, accents
 * removed), a LIKE pattern for phone numbers as stored ({@code 254...}, no {@code +}), and the words for the
 * full-text index, the last one as a prefix. A number typed with its country code, {@code +} or a leading 0 is the
 * start of a number ({@code +254 7567}, {@code 07567} and {@code 2547567} all find {@code 254756700001} and nothing
 * that merely contains those digits); bare digits are found anywhere in a number.
 */
public record SearchTerms(String folded, String numberPattern, String words) {

    private static final String COUNTRY_CODE = "254";

    public static SearchTerms of(String text) {
        String folded = fold(text.strip());
        return new SearchTerms(folded, numberPattern(text), words(folded));
    }

    /** Lower case without accents: what {@code datacare_fold} (PostgreSQL's unaccent) makes of a name. */
    public static String fold(String value) {
        return Normalizer.normalize(value, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    /**
     * The digits a number-like text gives as the start of a number ({@code 254...}): the range
     * [{@code numberPrefix}, {@link #prefixEnd}) of a {@code text_pattern_ops} B-tree holds the numbers it finds; null
     * when the text is not a number, or gives bare digits found anywhere ({@link #numberPattern} then has them).
     */
    public String numberPrefix() {
        return numberPattern == null || numberPattern.startsWith("%") ? null
                : numberPattern.substring(0, numberPattern.length() - 1);
    }

    /**
     * The condition on a number column ({@code text_pattern_ops} B-tree and trigram indexes) that finds this search's
     * numbers, its arguments added to {@code args}; null when the text is not a number. The start of a number is a
     * range, not {@code like '2547...%'}: the generic plan PostgreSQL keeps for a statement after five runs cannot read
     * a LIKE parameter's prefix from the B-tree, and took the trigram index instead (20 ms of the database's time at a
     * million contacts, where the range takes 0.02).
     */
    public String numberCondition(String column, List<Object> args) {
        String prefix = numberPrefix();
        if (prefix != null) {
            return startsWithCondition(column, prefix, args);
        }
        if (numberPattern != null) {
            args.add(numberPattern);
            return column + " like ? escape '!'";
        }
        return null;
    }

    /**
     * The condition that {@code column} starts with {@code prefix}, its arguments added to {@code args}: a range of a
     * {@code text_pattern_ops} B-tree ({@link #prefixEnd}), which PostgreSQL reads without checking each row again and
     * which a generic plan can use too; a LIKE only when the range has no end.
     */
    public static String startsWithCondition(String column, String prefix, List<Object> args) {
        String end = prefixEnd(prefix);
        if (end == null) {
            args.add(startsWith(prefix));
            return column + " like ? escape '!'";
        }
        args.add(prefix);
        args.add(end);
        return "(" + column + " ~>=~ ? and " + column + " ~<~ ?)";
    }

    /** A LIKE pattern containing the value, with {@code !} as the escape character. */
    public static String contains(String value) {
        return "%" + startsWith(value);
    }

    /** A LIKE pattern starting with the value, with {@code !} as the escape character. */
    public static String startsWith(String value) {
        return value.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    /**
     * The least text greater than every text starting with {@code value} in byte order (the order of a
     * {@code text_pattern_ops} index): {@code value} with its last character one code point higher; null when there is
     * none (an empty value, or one ending in the highest code point). With it "starts with" is a range of the index,
     * which PostgreSQL reads without checking each row again, where LIKE is checked again on every row it finds.
     */
    public static String prefixEnd(String value) {
        if (value.isEmpty()) {
            return null;
        }
        int last = value.codePointBefore(value.length());
        int next = last + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : last + 1;
        if (next > Character.MAX_CODE_POINT) {
            return null;
        }
        return value.substring(0, value.length() - Character.charCount(last)) + Character.toString(next);
    }

    /** The LIKE pattern of a number-like text (at least 3 digits), or null when the text is not a number. */
    static String numberPattern(String text) {
        String stripped = text.strip();
        if (!stripped.matches("[+\\d\\s().-]+")) {
            return null;
        }
        String digits = stripped.replaceAll("\\D", "");
        if (digits.startsWith(COUNTRY_CODE) && digits.length() > COUNTRY_CODE.length() + 2) {
            return digits + "%";
        }
        if (digits.startsWith("0") && digits.length() > 3) {
            return COUNTRY_CODE + digits.substring(1) + "%";
        }
        if (stripped.startsWith("+") && digits.length() >= 3) {
            return digits + "%";
        }
        return digits.length() >= 3 ? contains(digits) : null;
    }

    /** A tsquery of letters and digits only: every word, the last as a prefix; null when there is no word. */
    static String words(String folded) {
        String[] words = Arrays.stream(folded.split("[^\\p{L}\\p{N}]+")).filter(word -> !word.isEmpty())
                .toArray(String[]::new);
        if (words.length == 0) {
            return null;
        }
        words[words.length - 1] = words[words.length - 1] + ":*";
        return Arrays.stream(words).collect(Collectors.joining(" & "));
    }
}
