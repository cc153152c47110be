package ke.co.datacare.whatsapp.query.batch;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Rows of a plain insert written with PostgreSQL's {@code COPY ... FROM STDIN} (text format) through the driver's
 * copy API, on the connection of the caller's transaction: one stream the server parses row by row, with no
 * statement to plan. Only values whose text form PostgreSQL reads back as JDBC would have bound them are copied
 * (strings, numbers, booleans, dates, instants as ISO-8601 with their offset, for {@code timestamp with time zone}
 * columns); rows holding anything else, and connections to another database, are left to the caller
 * ({@link #copy} answers false).
 */
final class CopyRows {

    private CopyRows() {
    }

    /** Copies {@code rows} into {@code table (columns)}; false (nothing written) when they cannot be copied here. */
    static boolean copy(JdbcTemplate jdbc, String table, String columns, List<Object[]> rows) {
        if (!isPostgres(jdbc)) {
            return false;
        }
        List<byte[]> text = encode(rows);
        if (text == null) {
            return false;
        }
        copyText(jdbc, table, columns, text);
        return true;
    }

    static boolean isPostgres(JdbcTemplate jdbc) {
        return Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection ->
                connection.isWrapperFor(PGConnection.class)));
    }

    /** Copies rows already in COPY's text format ({@link #encode}) into {@code table (columns)}, piece by piece. */
    static void copyText(JdbcTemplate jdbc, String table, String columns, List<byte[]> text) {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy " + table + " (" + columns + ") from stdin");
            try {
                for (byte[] piece : text) {
                    copy.writeToCopy(piece, 0, piece.length);
                }
                copy.endCopy();
                return null;
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        });
    }

    /**
     * Characters of COPY text encoded at once: the rows of a table are encoded in pieces of about this size, not
     * into one string (and one array of its bytes) as large as the table, which the collector copies or allocates
     * outside the young generation.
     */
    private static final int PIECE = 64 * 1024;

    /**
     * The rows in COPY's text format, as UTF-8 in pieces that each end with a row, or null if a value has no text
     * form known to read back the same.
     */
    static List<byte[]> encode(List<Object[]> rows) {
        List<byte[]> pieces = new ArrayList<>();
        StringBuilder text = new StringBuilder(Math.min(PIECE + PIECE / 4, rows.size() * 128));
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                if (!append(text, row[i])) {
                    return null;
                }
            }
            text.append('\n');
            if (text.length() >= PIECE) {
                pieces.add(text.toString().getBytes(StandardCharsets.UTF_8));
                text.setLength(0);
            }
        }
        if (!text.isEmpty()) {
            pieces.add(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        return pieces;
    }

    private static boolean append(StringBuilder text, Object value) {
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof String string) {
            escape(text, string);
        } else if (value instanceof Boolean flag) {
            text.append(flag ? 't' : 'f');
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            text.append(value);
        } else if (value instanceof BigDecimal decimal) {
            text.append(decimal.toPlainString());
        } else if (value instanceof Timestamp timestamp) {
            return appendInstant(text, timestamp.toInstant());
        } else if (value instanceof Instant instant) {
            return appendInstant(text, instant);
        } else if (value instanceof OffsetDateTime time) {
            return appendInstant(text, time.toInstant());
        } else if (value instanceof LocalDate date) {
            if (!fourDigitYear(date.getYear())) {
                return false;
            }
            text.append(date);
        } else if (value instanceof UUID) {
            text.append(value);
        } else {
            return false;
        }
        return true;
    }

    /**
     * An instant in ISO-8601, which PostgreSQL reads back as it is only for the years 1 to 9999: a later year is
     * written with a sign ({@code +33658-09-27T01:46:39Z}), which COPY refuses and would fail the whole batch, where
     * a bound parameter is taken (a webhook may carry any timestamp). Such rows are left to the plain insert.
     */
    private static boolean appendInstant(StringBuilder text, Instant instant) {
        // by its epoch second, not atOffset(UTC).getYear(): ZoneOffset.getRules() builds new rules on every call
        if (instant.getEpochSecond() < FIRST_SECOND_OF_YEAR_1 || instant.getEpochSecond() >= FIRST_SECOND_OF_YEAR_10000) {
            return false;
        }
        long seconds = instant.getEpochSecond();
        long day = Math.floorDiv(seconds, 86_400L);
        int second = (int) Math.floorMod(seconds, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(day);
        digits(text, date.getYear(), 4).append('-');
        digits(text, date.getMonthValue(), 2).append('-');
        digits(text, date.getDayOfMonth(), 2).append('T');
        digits(text, second / 3600, 2).append(':');
        digits(text, second / 60 % 60, 2).append(':');
        digits(text, second % 60, 2);
        if (instant.getNano() > 0) {
            digits(text.append('.'), instant.getNano(), 9);
        }
        text.append('Z');
        return true;
    }

    /**
     * {@code value} with leading zeros to {@code width} digits: the instants' text written without
     * {@code Instant.toString()}, whose formatter was a tenth of the rebuild thread's time.
     */
    private static StringBuilder digits(StringBuilder text, int value, int width) {
        int length = 1;
        for (int rest = value / 10; rest > 0; rest /= 10) {
            length++;
        }
        for (int i = length; i < width; i++) {
            text.append('0');
        }
        return text.append(value);
    }

    /** 0001-01-01T00:00:00Z and 10000-01-01T00:00:00Z. */
    private static final long FIRST_SECOND_OF_YEAR_1 = -62_135_596_800L;
    private static final long FIRST_SECOND_OF_YEAR_10000 = 253_402_300_800L;

    private static boolean fourDigitYear(int year) {
        return year >= 1 && year <= 9999;
    }

    /** COPY's text format: backslash, tab, newline and carriage return escaped. */
    private static void escape(StringBuilder text, String value) {
        int plain = 0;
        while (plain < value.length() && !special(value.charAt(plain))) {
            plain++;
        }
        text.append(value, 0, plain);
        for (int i = plain; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }

    private static boolean special(char c) {
        return c == '\\' || c == '\t' || c == '\n' || c == '\r';
    }
}
