package ke.co.datacare.whatsapp.command.campaign;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the phone numbers of an uploaded audience: CSV with a header row that has a {@code phone} column (comma or
 * semicolon separated, quotes allowed). A value that is not a phone number in international format is reported with
 * its line and left out; empty values are skipped.
 */
final class AudienceCsv {

    static final int REPORTED_ROWS = 100;

    record Rejected(int line, String value, String reason) {
    }

    record Result(List<String> phoneNumbers, int rejectedCount, List<Rejected> rejected) {
    }

    private AudienceCsv() {
    }

    /** @throws IllegalArgumentException when there is no header with a phone column */
    static Result read(String csv) {
        try {
            return read(new BufferedReader(new StringReader(csv == null ? "" : csv)), Integer.MAX_VALUE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads line by line, keeping only the numbers: every line counts toward {@code maxLines}, blank ones too.
     *
     * @throws IllegalArgumentException when there is no header with a phone column
     * @throws TooManyLines             past {@code maxLines} lines
     */
    static Result read(BufferedReader csv, int maxLines) throws IOException {
        int lineNumber = 0;
        String header = null;
        for (String line = csv.readLine(); line != null; line = csv.readLine()) {
            if (++lineNumber > maxLines) {
                throw new TooManyLines(maxLines);
            }
            line = line.replace("\uFEFF", "");
            if (!line.isBlank()) {
                header = line;
                break;
            }
        }
        if (header == null) {
            throw new IllegalArgumentException("The CSV is empty: it needs a header row with a 'phone' column");
        }
        char separator = header.indexOf(';') >= 0 && header.indexOf(',') < 0 ? ';' : ',';
        List<String> columns = fields(header, separator);
        int phone = -1;
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).strip().toLowerCase(Locale.ROOT).equals("phone")) {
                phone = i;
            }
        }
        if (phone < 0) {
            throw new IllegalArgumentException("The CSV header has no 'phone' column");
        }
        List<String> numbers = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        int rejectedCount = 0;
        for (String line = csv.readLine(); line != null; line = csv.readLine()) {
            if (++lineNumber > maxLines) {
                throw new TooManyLines(maxLines);
            }
            if (line.isBlank()) {
                continue;
            }
            List<String> row = fields(line, separator);
            String value = phone < row.size() ? row.get(phone).strip() : "";
            if (value.isEmpty()) {
                continue;
            }
            String waId = AudienceResolver.waIdOf(value);
            if (waId == null) {
                rejectedCount++;
                if (rejected.size() < REPORTED_ROWS) {
                    rejected.add(new Rejected(lineNumber, value.length() > 64 ? value.substring(0, 64) : value,
                            "not a phone number in international format (6 to 15 digits, country code first)"));
                }
            } else {
                numbers.add(waId);
            }
        }
        return new Result(numbers, rejectedCount, rejected);
    }

    static final class TooManyLines extends RuntimeException {
        TooManyLines(int limit) {
            super("An audience file may have at most " + limit + " lines");
        }
    }

    private static List<String> fields(String line, char separator) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == separator && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
