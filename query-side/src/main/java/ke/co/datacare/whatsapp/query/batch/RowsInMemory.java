package ke.co.datacare.whatsapp.query.batch;

import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements of a projection's end write into empty fresh tables applied to rows in memory, and the rows written
 * once, in their final state, at the end ({@link #write()}): a rebuild's fold inserts most rows and then changes them
 * with the updates of later events; with this every row costs one copied line instead of an insert and an update per
 * event. A table is held here only if it is empty when the write first names it; the statements it understands are
 * inserts ({@code values} of parameters and literals, and inserts of absent rows as {@link AbsentRows} reads them),
 * updates and deletes whose conditions are {@code and}ed comparisons of a column with a parameter or a literal
 * ({@code =}, {@code <}, {@code <=}, {@code >}, {@code >=}, {@code is [not] null}), at least one of them an equality,
 * and whose assignments are a parameter, a literal, {@code coalesce} of the column and a parameter,
 * {@code case when c is null then null else <literal> end} or {@code case when c < ? then ? else c end}. Anything
 * else (another statement, a value it cannot compare as PostgreSQL would, a column whose default it does not know)
 * first writes the table's rows, and from then on that table's statements go to the database as they are: the rows
 * end up as the statements one by one would have left them either way.
 */
final class RowsInMemory {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RowsInMemory.class);

    private final Map<String, Table> tables = new HashMap<>();
    /** The tables in the order they were first held, so that they are written in that order. */
    private final List<Table> held = new ArrayList<>();
    private JdbcTemplate jdbc;

    /**
     * Applies {@code sql} with each row of arguments; what each row changed, or null when the statement is for the
     * database (the rows in memory of its table are written first). With {@code release}, each row of arguments
     * applied is taken out of {@code rows} (set to null), so that the statements and the rows they made are not
     * both held until the end.
     */
    int[] execute(JdbcTemplate jdbc, String sql, List<Object[]> rows, boolean release) {
        this.jdbc = jdbc;
        Statement statement = Statement.of(sql);
        String tableName = statement == null ? tableOf(sql) : statement.table;
        if (tableName == null) {
            return null;
        }
        Table table = table(tableName, statement != null);
        if (table == null) {
            return null;
        }
        if (statement == null || !statement.fits(table)) {
            log.info("{} written from memory before a statement applied in the database: {}", table.name, sql);
            spill(table);
            return null;
        }
        int[] changed = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            try {
                changed[i] = statement.apply(table, rows.get(i));
                if (release) {
                    rows.set(i, null);
                }
            } catch (Unevaluable e) {
                log.info("{} written from memory before a row not evaluated in memory of: {}", table.name, sql);
                spill(table);
                int[] rest = BatchWrites.executeAll(jdbc, sql, rows.subList(i, rows.size()));
                System.arraycopy(rest, 0, changed, i, rest.length);
                return changed;
            }
        }
        return changed;
    }

    /** Writes the rows of every table held, in the order the tables were first named. */
    void write() {
        for (Table table : List.copyOf(held)) {
            spill(table);
        }
    }

    /** The table held in memory, or null if its statements go to the database. */
    private Table table(String name, boolean understood) {
        String key = name.toLowerCase(Locale.ROOT);
        if (tables.containsKey(key)) {
            return tables.get(key);
        }
        Table table = null;
        if (understood && Boolean.FALSE.equals(jdbc.queryForObject("select exists (select 1 from " + key + ")",
                Boolean.class))) {
            table = Table.read(jdbc, key);
        }
        tables.put(key, table);
        if (table != null) {
            held.add(table);
        }
        return table;
    }

    /** Writes the table's rows and leaves its further statements to the database. */
    private void spill(Table table) {
        tables.put(table.name, null);
        held.remove(table);
        table.write(jdbc);
    }

    private static final Pattern ANY_TABLE = Pattern.compile(
            "(?is)^\\s*(?:insert\\s+into|update|delete\\s+from)\\s+(\\w+)\\b.*");

    private static String tableOf(String sql) {
        Matcher matcher = ANY_TABLE.matcher(sql);
        return matcher.matches() ? matcher.group(1) : null;
    }

    /** A value PostgreSQL would compare differently, or a column whose value is not known here. */
    private static final class Unevaluable extends RuntimeException {
        Unevaluable() {
            super(null, null, false, false);
        }
    }

    /** A row in memory: its values by the table's column order, which of them were written, whether deleted. */
    private static final class Row {
        final Object[] values;
        final boolean[] written;
        boolean deleted;

        Row(int columns) {
            values = new Object[columns];
            written = new boolean[columns];
        }
    }

    /** A fresh table's columns and defaults, its rows in memory and their indexes by column. */
    private static final class Table {
        final String name;
        final List<String> columns;
        final Map<String, Integer> position = new HashMap<>();
        /** Whether the default is known (null or a literal), its value, and whether a column may be written. */
        final boolean[] defaultKnown;
        final Object[] defaults;
        final boolean[] writable;
        final List<Row> rows = new ArrayList<>();
        /** Rows by the comparable value of one column (null values not indexed), built when first asked. */
        final Map<Integer, Map<Object, List<Row>>> indexes = new HashMap<>();

        Table(String name, List<String> columns, boolean[] defaultKnown, Object[] defaults, boolean[] writable) {
            this.name = name;
            this.columns = columns;
            for (int i = 0; i < columns.size(); i++) {
                position.put(columns.get(i), i);
            }
            this.defaultKnown = defaultKnown;
            this.defaults = defaults;
            this.writable = writable;
        }

        static Table read(JdbcTemplate jdbc, String name) {
            List<String> columns = new ArrayList<>();
            List<String> defaultTexts = new ArrayList<>();
            List<Boolean> writable = new ArrayList<>();
            jdbc.query("select column_name, column_default, is_identity, is_generated from information_schema.columns "
                    + "where table_schema = current_schema() and table_name = ? order by ordinal_position", rs -> {
                columns.add(rs.getString(1).toLowerCase(Locale.ROOT));
                defaultTexts.add(rs.getString(2));
                writable.add(!"YES".equals(rs.getString(3)) && "NEVER".equals(rs.getString(4)));
            }, name);
            if (columns.isEmpty()) {
                return null;
            }
            boolean[] known = new boolean[columns.size()];
            Object[] values = new Object[columns.size()];
            boolean[] canWrite = new boolean[columns.size()];
            for (int i = 0; i < columns.size(); i++) {
                Optional<Object> value = defaultValue(defaultTexts.get(i));
                known[i] = value != null;
                values[i] = value == null ? null : value.orElse(null);
                canWrite[i] = writable.get(i);
            }
            return new Table(name, List.copyOf(columns), known, values, canWrite);
        }

        /** A default as a value (empty: null), or null when it is an expression. */
        private static Optional<Object> defaultValue(String text) {
            if (text == null) {
                return Optional.empty();
            }
            Matcher typed = TYPED_LITERAL.matcher(text.trim());
            if (typed.matches()) {
                String type = typed.group(2).toLowerCase(Locale.ROOT);
                return type.startsWith("char") || type.equals("text") ? Optional.of(typed.group(1)) : null;
            }
            Literal literal = Literal.of(text.trim());
            return literal == null ? null : Optional.ofNullable(literal.value);
        }

        private static final Pattern TYPED_LITERAL = Pattern.compile("(?s)^'([^']*)'::([\\w ]+)$");

        Integer column(String name) {
            return position.get(name.toLowerCase(Locale.ROOT));
        }

        /** The value a row holds in a column: what was written, else the column's default. */
        Object value(Row row, int column) {
            if (row.written[column]) {
                return row.values[column];
            }
            if (!defaultKnown[column]) {
                throw new Unevaluable();
            }
            return defaults[column];
        }

        void add(Row row) {
            rows.add(row);
            indexes.forEach((column, index) -> index(index, row, column));
        }

        List<Row> withValue(int column, Object value) {
            Object key = comparable(value);
            if (key == null) {
                return List.of();
            }
            Map<Object, List<Row>> index = indexes.computeIfAbsent(column, ignored -> {
                Map<Object, List<Row>> built = new HashMap<>();
                rows.forEach(row -> index(built, row, column));
                return built;
            });
            return index.getOrDefault(key, List.of());
        }

        private void index(Map<Object, List<Row>> index, Row row, int column) {
            if (row.deleted) {
                return;
            }
            Object key = comparable(valueOrNull(row, column));
            if (key != null) {
                index.computeIfAbsent(key, ignored -> new ArrayList<>(1)).add(row);
            }
        }

        private Object valueOrNull(Row row, int column) {
            return row.written[column] ? row.values[column] : defaultKnown[column] ? defaults[column] : null;
        }

        /** Sets a column of a row, keeping the index of that column (if any) in step. */
        void set(Row row, int column, Object value) {
            Map<Object, List<Row>> index = indexes.get(column);
            if (index != null) {
                Object before = comparable(valueOrNull(row, column));
                if (before != null) {
                    List<Row> bucket = index.get(before);
                    if (bucket != null) {
                        bucket.remove(row);
                    }
                }
            }
            row.values[column] = value;
            row.written[column] = true;
            if (index != null) {
                index(index, row, column);
            }
        }

        void delete(Row row) {
            indexes.forEach((column, index) -> {
                Object key = comparable(valueOrNull(row, column));
                List<Row> bucket = key == null ? null : index.get(key);
                if (bucket != null) {
                    bucket.remove(row);
                }
            });
            row.deleted = true;
        }

        /**
         * Writes the rows in the order they were inserted, runs of rows that write the same columns as one insert:
         * the written columns and those whose default is null (written as null), the others left to their defaults.
         */
        void write(JdbcTemplate jdbc) {
            List<Object[]> run = new ArrayList<>();
            boolean[] runColumns = null;
            for (Row row : rows) {
                if (row.deleted) {
                    continue;
                }
                boolean[] included = new boolean[columns.size()];
                for (int i = 0; i < included.length; i++) {
                    included[i] = row.written[i] || defaultKnown[i] && defaults[i] == null && writable[i];
                }
                if (runColumns != null && !Arrays.equals(runColumns, included)) {
                    insert(jdbc, runColumns, run);
                    run = new ArrayList<>();
                }
                runColumns = included;
                Object[] values = new Object[count(included)];
                int at = 0;
                for (int i = 0; i < included.length; i++) {
                    if (included[i]) {
                        values[at++] = row.written[i] ? row.values[i] : null;
                    }
                }
                run.add(values);
            }
            if (runColumns != null) {
                insert(jdbc, runColumns, run);
            }
            rows.clear();
            indexes.clear();
        }

        private void insert(JdbcTemplate jdbc, boolean[] included, List<Object[]> run) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < included.length; i++) {
                if (included[i]) {
                    names.add(columns.get(i));
                }
            }
            BatchWrites.executeAll(jdbc, "insert into " + name + " (" + String.join(", ", names) + ") values ("
                    + String.join(", ", java.util.Collections.nCopies(names.size(), "?")) + ")", run);
        }

        private static int count(boolean[] flags) {
            int n = 0;
            for (boolean flag : flags) {
                n += flag ? 1 : 0;
            }
            return n;
        }
    }

    /**
     * A value as PostgreSQL compares it: integers as longs, instants (to the microsecond, as stored) as instants,
     * strings, booleans, dates and decimals as they are; null for null.
     */
    static Object comparable(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof Timestamp timestamp) {
            return micros(timestamp.toInstant());
        }
        if (value instanceof Instant instant) {
            return micros(instant);
        }
        if (value instanceof OffsetDateTime time) {
            return micros(time.toInstant());
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros();
        }
        if (value instanceof java.time.LocalDate || value instanceof java.util.UUID) {
            return value;
        }
        throw new Unevaluable();
    }

    private static Instant micros(Instant instant) {
        long micros = Math.round(instant.getNano() / 1000.0);
        return Instant.ofEpochSecond(instant.getEpochSecond(), micros * 1000);
    }

    /** A literal of a statement: null, true, false, an integer or a string without quotes inside. */
    private record Literal(Object value) {
        private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
        private static final Pattern STRING = Pattern.compile("(?s)'([^']*)'");

        static Literal of(String text) {
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.equals("null")) {
                return new Literal(null);
            }
            if (lower.equals("true") || lower.equals("false")) {
                return new Literal(Boolean.valueOf(lower));
            }
            if (INTEGER.matcher(text).matches()) {
                return new Literal(Long.parseLong(text));
            }
            Matcher string = STRING.matcher(text);
            return string.matches() ? new Literal(string.group(1)) : null;
        }
    }

    /** Where a value comes from: the next parameter or a literal. */
    private record Source(boolean parameter, Object literal) {
        static Source of(String item) {
            if (item.equals("?")) {
                return new Source(true, null);
            }
            Literal literal = Literal.of(item);
            return literal == null ? null : new Source(false, literal.value);
        }
    }

    /** A condition of a {@code where}: a column compared with a source, or tested for null. */
    private record Condition(String column, String operator, Source source) {
        private static final Pattern COMPARISON = Pattern.compile("(?is)^(\\w+)\\s*(=|<=|>=|<|>)\\s*(\\?|\\S+)$");
        private static final Pattern NULL_TEST = Pattern.compile("(?is)^(\\w+)\\s+is\\s+(not\\s+)?null$");

        static Condition of(String text) {
            Matcher test = NULL_TEST.matcher(text);
            if (test.matches()) {
                return new Condition(test.group(1), test.group(2) == null ? "is null" : "is not null", null);
            }
            Matcher comparison = COMPARISON.matcher(text);
            if (!comparison.matches()) {
                return null;
            }
            Source source = Source.of(comparison.group(3));
            return source == null || !source.parameter() && source.literal() == null ? null
                    : new Condition(comparison.group(1), comparison.group(2), source);
        }

        boolean equality() {
            return operator.equals("=");
        }

        /** Whether the row's value meets the condition, as PostgreSQL would answer (null never does). */
        boolean holds(Object value, Object operand) {
            if (operator.equals("is null")) {
                return value == null;
            }
            if (operator.equals("is not null")) {
                return value != null;
            }
            Object left = comparable(value);
            Object right = comparable(operand);
            if (left == null || right == null) {
                return false;
            }
            if (left.getClass() != right.getClass()) {
                throw new Unevaluable();
            }
            if (operator.equals("=")) {
                return left.equals(right);
            }
            if (left instanceof String || left instanceof Boolean || !(left instanceof Comparable<?>)) {
                // strings sort by the database's collation, not by their characters
                throw new Unevaluable();
            }
            @SuppressWarnings({"unchecked", "rawtypes"})
            int order = ((Comparable) left).compareTo(right);
            return switch (operator) {
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                case ">" -> order > 0;
                default -> order >= 0;
            };
        }
    }

    /** The value an assignment gives a column, from the row's values before the statement and its parameters. */
    private record Assignment(String column, String kind, String read, Source source) {
        private static final Pattern PLAIN = Pattern.compile("(?is)^(\\w+)\\s*=\\s*(.+)$");
        private static final Pattern NULL_OR = Pattern.compile(
                "(?is)^case\\s+when\\s+(\\w+)\\s+is\\s+null\\s+then\\s+null\\s+else\\s+('[^']*')\\s+end$");
        private static final Pattern COALESCE = Pattern.compile("(?is)^coalesce\\(\\s*(\\w+)\\s*,\\s*\\?\\s*\\)$");
        private static final Pattern COALESCE_FIRST = Pattern.compile("(?is)^coalesce\\(\\s*\\?\\s*,\\s*(\\w+)\\s*\\)$");
        private static final Pattern RAISE = Pattern.compile(
                "(?is)^case\\s+when\\s+(\\w+)\\s*<\\s*\\?\\s+then\\s+\\?\\s+else\\s+(\\w+)\\s+end$");

        static Assignment of(String text) {
            Matcher plain = PLAIN.matcher(text.trim());
            if (!plain.matches()) {
                return null;
            }
            String column = plain.group(1);
            String expression = plain.group(2).trim();
            Source source = Source.of(expression);
            if (source != null) {
                return new Assignment(column, "value", null, source);
            }
            Matcher matcher = NULL_OR.matcher(expression);
            if (matcher.matches()) {
                return new Assignment(column, "null-or", matcher.group(1), new Source(false,
                        Literal.of(matcher.group(2)).value()));
            }
            matcher = COALESCE.matcher(expression);
            if (matcher.matches()) {
                return new Assignment(column, "coalesce", matcher.group(1), null);
            }
            matcher = COALESCE_FIRST.matcher(expression);
            if (matcher.matches()) {
                return new Assignment(column, "coalesce-first", matcher.group(1), null);
            }
            matcher = RAISE.matcher(expression);
            if (matcher.matches() && matcher.group(1).equalsIgnoreCase(matcher.group(2))) {
                return new Assignment(column, "raise", matcher.group(1), null);
            }
            return null;
        }

        int parameters() {
            return switch (kind) {
                case "value" -> source.parameter() ? 1 : 0;
                case "null-or" -> 0;
                case "raise" -> 2;
                default -> 1;
            };
        }

        /** The new value; {@code arguments} from {@code at}. */
        Object evaluate(Table table, Row row, Object[] arguments, int at) {
            return switch (kind) {
                case "value" -> source.parameter() ? arguments[at] : source.literal();
                case "null-or" -> table.value(row, table.column(read)) == null ? null : source.literal();
                case "coalesce" -> {
                    Object current = table.value(row, table.column(read));
                    yield current != null ? current : arguments[at];
                }
                case "coalesce-first" -> arguments[at] != null ? arguments[at] : table.value(row, table.column(read));
                default -> {
                    Object current = table.value(row, table.column(read));
                    Condition below = new Condition(read, "<", null);
                    yield below.holds(current, arguments[at]) ? arguments[at + 1] : current;
                }
            };
        }
    }

    /** A statement this class applies in memory. */
    private abstract static class Statement {
        final String table;

        Statement(String table) {
            this.table = table.toLowerCase(Locale.ROOT);
        }

        private static final Map<String, Optional<Statement>> PARSED = new ConcurrentHashMap<>();
        private static final Pattern PLAIN_INSERT = Pattern.compile(
                "(?is)^\\s*insert\\s+into\\s+(\\w+)\\s*\\(([^()]*)\\)\\s*values\\s*\\(([^()]*)\\)\\s*$");
        private static final Pattern UPDATE = Pattern.compile("(?is)^\\s*update\\s+(\\w+)\\s+set\\s+(.+?)\\s+where\\s+(.+?)\\s*$");
        private static final Pattern DELETE = Pattern.compile("(?is)^\\s*delete\\s+from\\s+(\\w+)\\s+where\\s+(.+?)\\s*$");

        static Statement of(String sql) {
            return PARSED.computeIfAbsent(sql, text -> Optional.ofNullable(parse(text))).orElse(null);
        }

        private static Statement parse(String sql) {
            AbsentRows.Shape absent = AbsentRows.shape(sql);
            if (absent != null) {
                return Insert.of(absent.table(), absent.columns(), absent.items(), absent.keyColumns().stream()
                        .map(absent.columns()::get).toList());
            }
            Matcher insert = PLAIN_INSERT.matcher(sql);
            if (insert.matches()) {
                return Insert.of(insert.group(1), split(insert.group(2)), split(insert.group(3)), List.of());
            }
            Matcher update = UPDATE.matcher(sql);
            if (update.matches()) {
                List<Condition> where = conditions(update.group(3));
                List<Assignment> set = new ArrayList<>();
                for (String part : split(update.group(2))) {
                    Assignment assignment = Assignment.of(part);
                    if (assignment == null) {
                        return null;
                    }
                    set.add(assignment);
                }
                return where == null ? null : new Update(update.group(1), set, where);
            }
            Matcher delete = DELETE.matcher(sql);
            if (delete.matches()) {
                List<Condition> where = conditions(delete.group(2));
                return where == null ? null : new Delete(delete.group(1), where);
            }
            return null;
        }

        /** The conditions of a {@code where} of {@code and}ed comparisons, one an equality; null for any other. */
        private static List<Condition> conditions(String where) {
            if (where.contains("(") || Pattern.compile("(?i)\\bor\\b").matcher(where).find()) {
                return null;
            }
            List<Condition> conditions = new ArrayList<>();
            for (String part : where.trim().split("(?i)\\s+and\\s+")) {
                Condition condition = Condition.of(part.trim());
                if (condition == null) {
                    return null;
                }
                conditions.add(condition);
            }
            return conditions.stream().anyMatch(Condition::equality) ? conditions : null;
        }

        /** Splits at the commas outside parentheses and quotes. */
        static List<String> split(String list) {
            List<String> parts = new ArrayList<>();
            int depth = 0;
            boolean quoted = false;
            int from = 0;
            for (int i = 0; i < list.length(); i++) {
                char c = list.charAt(i);
                if (c == '\'') {
                    quoted = !quoted;
                } else if (!quoted && c == '(') {
                    depth++;
                } else if (!quoted && c == ')') {
                    depth--;
                } else if (!quoted && depth == 0 && c == ',') {
                    parts.add(list.substring(from, i).trim());
                    from = i + 1;
                }
            }
            parts.add(list.substring(from).trim());
            return parts;
        }

        /** Whether every column named is one of the table's. */
        abstract boolean fits(Table table);

        /** Applies one row of arguments; what it changed. */
        abstract int apply(Table table, Object[] arguments);

        /** The rows meeting {@code where}, found through the first equality's index. */
        static List<Row> matching(Table table, List<Condition> where, Object[] arguments, int at) {
            int firstEquality = -1;
            int argument = at;
            Object[] operands = new Object[where.size()];
            for (int i = 0; i < where.size(); i++) {
                Condition condition = where.get(i);
                if (condition.source() != null) {
                    operands[i] = condition.source().parameter() ? arguments[argument++] : condition.source().literal();
                }
                if (firstEquality < 0 && condition.equality()) {
                    firstEquality = i;
                }
            }
            if (argument != arguments.length) {
                throw new Unevaluable();
            }
            List<Row> found = new ArrayList<>();
            for (Row row : table.withValue(table.column(where.get(firstEquality).column()), operands[firstEquality])) {
                boolean all = true;
                for (int i = 0; i < where.size() && all; i++) {
                    Condition condition = where.get(i);
                    all = condition.holds(table.value(row, table.column(condition.column())), operands[i]);
                }
                if (all) {
                    found.add(row);
                }
            }
            return found;
        }

        static boolean known(Table table, List<String> columns) {
            return columns.stream().allMatch(column -> table.column(column) != null);
        }
    }

    /** An insert of values, or of a row absent by its key columns. */
    private static final class Insert extends Statement {
        final List<String> columns;
        final List<Source> sources;
        final List<String> keys;
        final List<Condition> keyConditions;
        final int parameters;

        private Insert(String table, List<String> columns, List<Source> sources, List<String> keys) {
            super(table);
            this.columns = columns;
            this.sources = sources;
            this.keys = keys;
            this.keyConditions = keys.stream().map(key -> new Condition(key, "=", new Source(true, null))).toList();
            this.parameters = (int) sources.stream().filter(Source::parameter).count();
        }

        static Insert of(String table, List<String> columns, List<String> items, List<String> keys) {
            if (columns.size() != items.size()) {
                return null;
            }
            List<Source> sources = new ArrayList<>();
            for (String item : items) {
                Source source = Source.of(item.trim());
                if (source == null) {
                    return null;
                }
                sources.add(source);
            }
            return new Insert(table, columns.stream().map(String::trim).toList(), sources, keys);
        }

        @Override
        boolean fits(Table table) {
            return known(table, columns) && columns.stream().allMatch(column -> table.writable[table.column(column)]);
        }

        @Override
        int apply(Table table, Object[] arguments) {
            if (arguments.length != parameters + keys.size()) {
                throw new Unevaluable();
            }
            Row row = new Row(table.columns.size());
            Object[] values = new Object[columns.size()];
            int at = 0;
            for (int i = 0; i < columns.size(); i++) {
                values[i] = sources.get(i).parameter() ? arguments[at++] : sources.get(i).literal();
                // a value of a type not compared here fails before anything changes
                comparable(values[i]);
            }
            if (!keys.isEmpty()) {
                Object[] keyArguments = Arrays.copyOfRange(arguments, at, arguments.length);
                for (Object key : keyArguments) {
                    if (key == null) {
                        throw new Unevaluable();
                    }
                }
                if (!matching(table, keyConditions, keyArguments, 0).isEmpty()) {
                    return 0;
                }
            }
            for (int i = 0; i < columns.size(); i++) {
                int column = table.column(columns.get(i));
                row.values[column] = values[i];
                row.written[column] = true;
            }
            table.add(row);
            return 1;
        }
    }

    private static final class Update extends Statement {
        final List<Assignment> set;
        final List<Condition> where;
        final int setParameters;

        Update(String table, List<Assignment> set, List<Condition> where) {
            super(table);
            this.set = set;
            this.where = where;
            this.setParameters = set.stream().mapToInt(Assignment::parameters).sum();
        }

        @Override
        boolean fits(Table table) {
            return known(table, set.stream().map(Assignment::column).toList())
                    && known(table, set.stream().map(Assignment::read).filter(java.util.Objects::nonNull).toList())
                    && known(table, where.stream().map(Condition::column).toList())
                    && set.stream().allMatch(assignment -> table.writable[table.column(assignment.column())]);
        }

        @Override
        int apply(Table table, Object[] arguments) {
            List<Row> rows = matching(table, where, arguments, setParameters);
            List<Object[]> changes = new ArrayList<>(rows.size());
            for (Row row : rows) {
                Object[] values = new Object[set.size()];
                int at = 0;
                for (int i = 0; i < set.size(); i++) {
                    values[i] = set.get(i).evaluate(table, row, arguments, at);
                    comparable(values[i]);
                    at += set.get(i).parameters();
                }
                changes.add(values);
            }
            for (int r = 0; r < rows.size(); r++) {
                for (int i = 0; i < set.size(); i++) {
                    table.set(rows.get(r), table.column(set.get(i).column()), changes.get(r)[i]);
                }
            }
            return rows.size();
        }
    }

    private static final class Delete extends Statement {
        final List<Condition> where;

        Delete(String table, List<Condition> where) {
            super(table);
            this.where = where;
        }

        @Override
        boolean fits(Table table) {
            return known(table, where.stream().map(Condition::column).toList());
        }

        @Override
        int apply(Table table, Object[] arguments) {
            List<Row> rows = matching(table, where, arguments, 0);
            rows.forEach(table::delete);
            return rows.size();
        }
    }
}
