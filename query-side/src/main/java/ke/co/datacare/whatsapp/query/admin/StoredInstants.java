package ke.co.datacare.whatsapp.query.admin;

import org.axonframework.common.DateTimeUtils;

import java.time.Instant;
import java.time.Month;
import java.time.Year;

/**
 * The {@code time_stamp} column of the event table as Axon writes it ({@code DateTimeUtils.formatInstant}:
 * {@code 2026-11-03T08:00:00.120Z}, four-digit year, milliseconds, UTC) read without a {@code DateTimeFormatter},
 * which costs a rebuild's deserializers about a fifth of their time. Anything of another form, or a date or time
 * that does not exist, goes to Axon's own parser ({@code DateTimeUtils.parseInstant}), so the answer (or the
 * refusal) is always Axon's.
 */
final class StoredInstants {

    private static final int LENGTH = "2026-11-03T08:00:00.120Z".length();

    private StoredInstants() {
    }

    static Instant parse(String text) {
        if (text.length() != LENGTH || !shaped(text)) {
            return DateTimeUtils.parseInstant(text);
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 7);
        int day = number(text, 8, 10);
        int hour = number(text, 11, 13);
        int minute = number(text, 14, 16);
        int second = number(text, 17, 19);
        if (month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year)) || hour > 23
                || minute > 59 || second > 59) {
            return DateTimeUtils.parseInstant(text);
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second,
                number(text, 20, 23) * 1_000_000L);
    }

    /** {@code dddd-dd-ddTdd:dd:dd.dddZ} */
    private static boolean shaped(String text) {
        for (int i = 0; i < LENGTH - 1; i++) {
            char c = text.charAt(i);
            boolean ok = switch (i) {
                case 4, 7 -> c == '-';
                case 10 -> c == 'T';
                case 13, 16 -> c == ':';
                case 19 -> c == '.';
                default -> c >= '0' && c <= '9';
            };
            if (!ok) {
                return false;
            }
        }
        return text.charAt(LENGTH - 1) == 'Z';
    }

    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }
}
