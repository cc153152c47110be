package ke.co.datacare.whatsapp.command.contact;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a contacts file: CSV (comma or semicolon separated, quotes allowed) whose header row has a {@code phone}
 * column and optionally {@code name} and {@code tags} (separated by {@code ;} or {@code |}); every other column is a
 * custom attribute of that name. Each data row is checked on its own and becomes either a {@link Row} or a
 * {@link RejectedRow} row; blank rows are skipped. Row numbers count the header as row 1, as a spreadsheet shows them.
 */
final class ContactCsv {

    static final String INVALID_PHONE = "INVALID_PHONE";
    static final String DUPLICATE_PHONE = "DUPLICATE_PHONE";
    static final String INVALID_NAME = "INVALID_NAME";
    static final String INVALID_TAG = "INVALID_TAG";
    static final String INVALID_ATTRIBUTE = "INVALID_ATTRIBUTE";
    static final int MAX_NAME_LENGTH = 256;
    private static final Set<String> KNOWN_COLUMNS = Set.of("phone", "name", "tags");

    /** A valid row: the phone number as wa_id, the name (or null), the tags as given and the attributes in column order. */
    record Row(int row, String waId, String name, List<String> tags, Map<String, String> attributes) {
    }

    record RejectedRow(int row, String phone, String code, String reason) {
    }

    record Result(int rows, List<Row> valid, List<RejectedRow> rejected) {
    }

    /** The file cannot be read as a contacts file at all (no header, no phone column, bad column names or quotes). */
    static final class NotAContactsFile extends RuntimeException {
        NotAContactsFile(String message) {
            super(message);
        }
    }

    /** Thrown when the file has more data rows than allowed; nothing of it is imported. */
    static final class TooManyRows extends RuntimeException {
        TooManyRows(int limit) {
            super("A contacts file may have at most " + limit + " rows");
        }
    }

    private ContactCsv() {
    }

    /**
     * Reads the file record by record, never holding more than the rows it keeps: every line counts, blank ones
     * too, so a file of blank lines stops at {@code 2 * maxRows} lines instead of being read to its end.
     */
    static Result read(String csv, int maxRows) {
        String text = csv == null ? "" : csv.replace("\uFEFF", "");
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter(text)).setIgnoreEmptyLines(false)
                .get();
        try (Reader reader = new StringReader(text); CSVParser parser = CSVParser.builder().setReader(reader)
                .setFormat(format).get()) {
            return read(parser.iterator(), maxRows);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new NotAContactsFile("The file is not valid CSV: " + e.getMessage());
        }
    }

    private static Result read(Iterator<CSVRecord> records, int maxRows) {
        int maxLines = 2 * maxRows + 1;
        CSVRecord header = null;
        int lines = 0;
        while (header == null && records.hasNext()) {
            CSVRecord record = records.next();
            if (++lines > maxLines) {
                throw new TooManyRows(maxRows);
            }
            header = blank(record) ? null : record;
        }
        if (header == null) {
            throw new NotAContactsFile("The file is empty: it needs a header row with a 'phone' column");
        }
        Columns columns = columns(header);
        List<Row> valid = new ArrayList<>();
        List<RejectedRow> rejected = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int rows = 0;
        while (records.hasNext()) {
            CSVRecord record = records.next();
            int number = ++lines;
            if (lines > maxLines) {
                throw new TooManyRows(maxRows);
            }
            if (blank(record)) {
                continue;
            }
            if (++rows > maxRows) {
                throw new TooManyRows(maxRows);
            }
            String phone = cell(record, columns.phone());
            String waId = PhoneNumbers.waIdOf(phone);
            if (waId == null) {
                rejected.add(new RejectedRow(number, shortened(phone), INVALID_PHONE, phone.isEmpty() ? "no phone number"
                        : "not a phone number in international format (6 to 15 digits, country code first)"));
            } else if (seen.containsKey(waId)) {
                rejected.add(new RejectedRow(number, shortened(phone), DUPLICATE_PHONE, "the same phone number as row "
                        + seen.get(waId)));
            } else {
                seen.put(waId, number);
                Row row = row(number, waId, record, columns);
                RejectedRow problem = problemWith(row, shortened(phone));
                if (problem != null) {
                    rejected.add(problem);
                } else {
                    valid.add(row);
                }
            }
        }
        return new Result(rows, valid, rejected);
    }

    private record Columns(int phone, int name, int tags, Map<String, Integer> attributes) {
    }

    private static Columns columns(CSVRecord header) {
        int phone = -1;
        int name = -1;
        int tags = -1;
        Map<String, Integer> attributes = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i).strip();
            String lower = column.toLowerCase(Locale.ROOT);
            if (column.isEmpty()) {
                continue;
            }
            boolean repeated = KNOWN_COLUMNS.contains(lower) ? (lower.equals("phone") && phone >= 0)
                    || (lower.equals("name") && name >= 0) || (lower.equals("tags") && tags >= 0)
                    : attributes.containsKey(column);
            if (repeated) {
                throw new NotAContactsFile("The header has the column '" + column + "' twice");
            }
            switch (lower) {
                case "phone" -> phone = i;
                case "name" -> name = i;
                case "tags" -> tags = i;
                default -> {
                    if (!ContactDetailsPolicy.validName(column)) {
                        throw new NotAContactsFile("The column '" + shortened(column) + "' is not a valid attribute name ("
                                + ContactDetailsPolicy.NAME_RULE + ")");
                    }
                    attributes.put(column, i);
                }
            }
        }
        if (phone < 0) {
            throw new NotAContactsFile("The header has no 'phone' column");
        }
        if (attributes.size() > ContactDetailsPolicy.MAX_ATTRIBUTES) {
            throw new NotAContactsFile("The file has more than " + ContactDetailsPolicy.MAX_ATTRIBUTES
                    + " attribute columns");
        }
        return new Columns(phone, name, tags, attributes);
    }

    private static Row row(int number, String waId, CSVRecord record, Columns columns) {
        String name = columns.name() < 0 ? "" : cell(record, columns.name());
        List<String> tags = new ArrayList<>();
        if (columns.tags() >= 0) {
            for (String tag : cell(record, columns.tags()).split("[;|]")) {
                if (!tag.isBlank()) {
                    tags.add(tag.strip());
                }
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        columns.attributes().forEach((attribute, index) -> {
            String value = cell(record, index);
            if (!value.isEmpty()) {
                attributes.put(attribute, value);
            }
        });
        return new Row(number, waId, name.isEmpty() ? null : name, List.copyOf(tags), attributes);
    }

    /** The first problem of a row, or null. */
    private static RejectedRow problemWith(Row row, String phone) {
        if (row.name() != null && row.name().length() > MAX_NAME_LENGTH) {
            return new RejectedRow(row.row(), phone, INVALID_NAME, "the name is longer than " + MAX_NAME_LENGTH
                    + " characters");
        }
        for (String tag : row.tags()) {
            if (ContactDetailsPolicy.normalTag(tag) == null) {
                return new RejectedRow(row.row(), phone, INVALID_TAG, "'" + shortened(tag) + "': "
                        + ContactDetailsPolicy.TAG_RULE);
            }
        }
        if (row.tags().stream().map(ContactDetailsPolicy::normalTag).distinct().count() > ContactDetailsPolicy.MAX_TAGS) {
            return new RejectedRow(row.row(), phone, INVALID_TAG, "at most " + ContactDetailsPolicy.MAX_TAGS
                    + " tags per contact");
        }
        for (Map.Entry<String, String> attribute : row.attributes().entrySet()) {
            if (!ContactDetailsPolicy.validValue(attribute.getValue())) {
                return new RejectedRow(row.row(), phone, INVALID_ATTRIBUTE, "'" + attribute.getKey() + "': "
                        + ContactDetailsPolicy.VALUE_RULE);
            }
        }
        return null;
    }

    /** Semicolons when the first non-blank line has them and no commas, else commas. */
    private static char delimiter(String text) {
        int start = 0;
        while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        int end = start;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        String line = text.substring(start, end);
        return line.indexOf(';') >= 0 && line.indexOf(',') < 0 ? ';' : ',';
    }

    private static String cell(CSVRecord record, int index) {
        return index < record.size() ? record.get(index).strip() : "";
    }

    private static boolean blank(CSVRecord record) {
        for (String value : record) {
            if (!value.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static String shortened(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64);
    }
}
