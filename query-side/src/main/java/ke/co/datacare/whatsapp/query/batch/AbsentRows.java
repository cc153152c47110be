package ke.co.datacare.whatsapp.query.batch;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rows of an insert of absent rows ({@code insert into t (a, b, c) select ?, ?, 'x' where not exists (select 1
 * from t where a = ?)}) written as a set instead of one statement a row: the batch's rows are copied into a
 * temporary table ({@link CopyRows}), those whose key the table holds already are removed from it, and the rest go in
 * with one {@code insert ... select}. Within the batch the first row of a key wins, as with the statements one by one,
 * and what each row changed (1 inserted, 0 not) is answered the same. Statements of another shape, or whose key
 * arguments are not the values of the key columns, are left to the caller (null).
 */
final class AbsentRows {

    private AbsentRows() {
    }

    /** An insert of absent rows taken apart: which select item goes to which column, and the key columns. */
    record Shape(String table, List<String> columns, List<String> items, List<Integer> parameterColumns,
                 List<Integer> keyColumns) {

        /** The select items with the parameters replaced by the staged columns. */
        String selectFrom() {
            List<String> select = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                select.add(items.get(i).equals("?") ? "s." + columns.get(i) : items.get(i));
            }
            return String.join(", ", select);
        }

        String stagedColumns() {
            return String.join(", ", parameterColumns.stream().map(columns::get).toList());
        }

        String keyMatch() {
            return String.join(" and ", keyColumns.stream().map(columns::get).map(c -> "t." + c + " = s." + c).toList());
        }
    }

    private static final Pattern ABSENT_INSERT = Pattern.compile("(?is)^\\s*insert\\s+into\\s+(\\w+)\\s*\\(([^()]*)\\)"
            + "\\s*select\\s+([^()]*?)\\s+where\\s+not\\s+exists\\s*\\(\\s*select\\s+1\\s+from\\s+(\\w+)\\s+where\\s+"
            + "([^()]*?)\\s*\\)\\s*$");
    private static final Pattern LITERAL = Pattern.compile("(?i)'[^',\\\\]*'|-?\\d+|true|false");
    private static final Pattern KEY = Pattern.compile("(?i)^(\\w+)\\s*=\\s*\\?$");
    private static final Map<String, java.util.Optional<Shape>> SHAPES = new ConcurrentHashMap<>();

    /** The shape of {@code sql}, or null if it is not an insert of absent rows this class can write. */
    static Shape shape(String sql) {
        return SHAPES.computeIfAbsent(sql, text -> java.util.Optional.ofNullable(parse(text))).orElse(null);
    }

    private static Shape parse(String sql) {
        Matcher insert = ABSENT_INSERT.matcher(sql);
        if (!insert.matches() || !insert.group(1).equalsIgnoreCase(insert.group(4))) {
            return null;
        }
        List<String> columns = Arrays.stream(insert.group(2).split(",")).map(String::trim).toList();
        List<String> items = Arrays.stream(insert.group(3).split(",")).map(String::trim).toList();
        if (columns.size() != items.size()) {
            return null;
        }
        List<Integer> parameters = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).equals("?")) {
                parameters.add(i);
            } else if (!LITERAL.matcher(items.get(i)).matches()) {
                return null;
            }
        }
        List<Integer> keys = new ArrayList<>();
        for (String condition : insert.group(5).split("(?i)\\s+and\\s+")) {
            Matcher key = KEY.matcher(condition.trim());
            int column = key.matches() ? columns.indexOf(key.group(1)) : -1;
            if (column < 0 || !parameters.contains(column)) {
                return null;
            }
            keys.add(column);
        }
        return new Shape(insert.group(1), columns, items, parameters, keys);
    }

    /**
     * Inserts the rows of {@code sql} whose key is absent; what each row changed, or null (nothing written) when
     * the statement or its values do not fit.
     */
    static int[] insert(JdbcTemplate jdbc, String sql, List<Object[]> rows) {
        Shape shape = shape(sql);
        if (shape == null) {
            return null;
        }
        int parameters = shape.parameterColumns().size();
        int[] changed = new int[rows.size()];
        Set<List<Object>> seen = new HashSet<>();
        List<Object[]> staged = new ArrayList<>();
        Map<Integer, Integer> stagedRow = new HashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            Object[] row = rows.get(r);
            if (row.length != parameters + shape.keyColumns().size()) {
                return null;
            }
            List<Object> key = new ArrayList<>();
            for (int k = 0; k < shape.keyColumns().size(); k++) {
                Object value = row[shape.parameterColumns().indexOf(shape.keyColumns().get(k))];
                if (value == null || !Objects.equals(value, row[parameters + k])) {
                    return null;
                }
                key.add(value);
            }
            if (seen.add(key)) {
                Object[] stagedValues = new Object[parameters + 1];
                stagedValues[0] = staged.size();
                System.arraycopy(row, 0, stagedValues, 1, parameters);
                stagedRow.put(staged.size(), r);
                staged.add(stagedValues);
            }
        }
        List<byte[]> text = CopyRows.encode(staged);
        if (text == null) {
            return null;
        }
        String stage = "absent_" + shape.table();
        // dropped here, or with the transaction if a statement fails (which fails the transaction anyway)
        jdbc.execute("create temporary table " + stage + " on commit drop as select 0 as staged_row, "
                + shape.stagedColumns() + " from " + shape.table() + " with no data");
        CopyRows.copyText(jdbc, stage, "staged_row, " + shape.stagedColumns(), text);
        Set<Integer> present = new HashSet<>(jdbc.queryForList("delete from " + stage + " s using " + shape.table()
                + " t where " + shape.keyMatch() + " returning s.staged_row", Integer.class));
        jdbc.update("insert into " + shape.table() + " (" + String.join(", ", shape.columns()) + ") select "
                + shape.selectFrom() + " from " + stage + " s order by s.staged_row");
        jdbc.execute("drop table " + stage);
        stagedRow.forEach((stagedAt, row) -> changed[row] = present.contains(stagedAt) ? 0 : 1);
        return changed;
    }
}
