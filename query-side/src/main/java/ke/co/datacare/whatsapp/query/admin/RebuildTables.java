package ke.co.datacare.whatsapp.query.admin;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/**
 * The fresh tables of a rebuild: a schema of their own holding tables shaped like the live ones (columns, defaults,
 * constraints, indexes), swapped into the live schema in one transaction. Table names come from the projections'
 * {@code TABLES} constants, schema names from this class: nothing from a request reaches the SQL.
 */
final class RebuildTables {

    static final String LIVE = "public";

    private final JdbcTemplate jdbc;

    RebuildTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A new, empty copy of every table in {@code schema} (dropped first if a rebuild left it), without its search
     * indexes (GIN: trigrams, words), which no projection reads while writing and which cost far less built once
     * over the loaded rows ({@link #createSearchIndexes}) than kept up row by row.
     */
    void create(String schema, List<String> tables) {
        jdbc.execute("drop schema if exists " + schema + " cascade");
        jdbc.execute("create schema " + schema);
        for (String table : tables) {
            jdbc.execute("create table " + schema + "." + table + " (like " + LIVE + "." + table + " including all)");
        }
        for (String index : searchIndexes(schema, tables, "indexrelid::regclass::text")) {
            jdbc.execute("drop index " + index);
        }
    }

    /** The live tables' search indexes, created on the fresh tables of {@code schema} under their live names. */
    void createSearchIndexes(String schema, List<String> tables) {
        for (String definition : searchIndexes(LIVE, tables, "pg_get_indexdef(indexrelid)")) {
            jdbc.execute(definition.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ")
                    .replace(" ON " + LIVE + ".", " ON " + schema + "."));
        }
    }

    private List<String> searchIndexes(String schema, List<String> tables, String column) {
        return jdbc.queryForList("select " + column + " from pg_index i join pg_class t on t.oid = i.indrelid "
                + "join pg_namespace n on n.oid = t.relnamespace join pg_class x on x.oid = i.indexrelid "
                + "join pg_am a on a.oid = x.relam where a.amname = 'gin' and n.nspname = ? and t.relname = any (?)",
                String.class, schema, tables.toArray(String[]::new));
    }

    boolean exists(String schema) {
        Integer found = jdbc.queryForObject("select count(*) from information_schema.schemata where schema_name = ?",
                Integer.class, schema);
        return found != null && found > 0;
    }

    /**
     * Within the caller's transaction: waits for the readers of the live tables, moves them aside into
     * {@code retired} and the fresh ones of {@code schema} in their place.
     */
    void swap(String schema, String retired, List<String> tables) {
        jdbc.execute("lock table " + String.join(", ", tables.stream().map(t -> LIVE + "." + t).toList())
                + " in access exclusive mode");
        jdbc.execute("drop schema if exists " + retired + " cascade");
        jdbc.execute("create schema " + retired);
        for (String table : tables) {
            jdbc.execute("alter table " + LIVE + "." + table + " set schema " + retired);
            jdbc.execute("alter table " + schema + "." + table + " set schema " + LIVE);
        }
    }

    void drop(String schema) {
        jdbc.execute("drop schema if exists " + schema + " cascade");
    }

    /** Makes the statements of the current transaction write to {@code schema} (then the live one for the rest). */
    void writeInto(String schema) {
        jdbc.execute("set local search_path to " + schema + ", " + LIVE);
    }
}
