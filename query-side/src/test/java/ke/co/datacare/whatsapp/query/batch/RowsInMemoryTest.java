package ke.co.datacare.whatsapp.query.batch;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild's end write applied to rows in memory, against PostgreSQL: the same statements, one by one in one table
 * and through {@link RowsInMemory} in an empty twin, leave the same rows and answer the same counts, also when a
 * statement it does not understand (or a value it cannot compare) comes midway and the rest goes to the database.
 */
class RowsInMemoryTest {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String DATABASE = "datacare_rowsinmemory_" + UUID.randomUUID().toString().substring(0, 8);
    private static final String TABLE = "create table %s (message_key varchar(64) primary key, conversation_id "
            + "varchar(64) not null, direction varchar(16) not null, wamid varchar(64), text text, state varchar(16) "
            + "not null default 'queued', rank integer not null default 0, error_title text, reaction text, "
            + "replied_at timestamptz, sent_at timestamptz, revoked boolean not null default false, "
            + "row_id bigint generated always as identity)";
    private static JdbcTemplate server;
    private static JdbcTemplate jdbc;
    private static TransactionTemplate transactions;

    @BeforeAll
    static void database() {
        server = new JdbcTemplate(new DriverManagerDataSource(SERVER + "postgres", "postgres", ""));
        server.execute("create database " + DATABASE);
        DriverManagerDataSource dataSource = new DriverManagerDataSource(SERVER + DATABASE, "postgres", "");
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterAll
    static void dropped() {
        server.execute("drop database if exists " + DATABASE + " with (force)");
    }

    private static final String INSERT = "insert into %s (message_key, conversation_id, direction, wamid, text, sent_at) "
            + "select ?, ?, 'inbound', ?, ?, ? where not exists (select 1 from %s where message_key = ?)";
    private static final String INSERT_PLAIN = "insert into %s (message_key, conversation_id, direction, rank) "
            + "values (?, ?, 'outbound', ?)";

    private record Step(String sql, List<Object[]> rows) {
    }

    private static List<Step> history(String table) {
        Instant at = Instant.parse("2026-12-07T05:00:00.123456Z");
        List<Step> steps = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String key = "m" + i;
            inserts.add(new Object[]{key, "c" + i % 7, "wamid." + i, i % 4 == 0 ? null : "text " + i,
                    Timestamp.from(at.plusSeconds(i)), key});
        }
        inserts.add(new Object[]{"m5", "c9", "wamid.again", "ignored", null, "m5"});
        steps.add(new Step(INSERT.formatted(table, table), inserts));
        steps.add(new Step(INSERT_PLAIN.formatted(table), List.of(new Object[]{"o1", "c1", 2},
                new Object[]{"o2", "c2", 5})));
        steps.add(new Step("update " + table + " set wamid = ?, state = 'accepted' where message_key = ?",
                List.of(new Object[]{"wamid.o1", "o1"}, new Object[]{"wamid.o2", "o2"}, new Object[]{"x", "absent"})));
        steps.add(new Step("update " + table + " set reaction = ? where wamid = ? and conversation_id = ?",
                List.of(new Object[]{"👍", "wamid.o1", "c1"}, new Object[]{"❤", "wamid.8", "c1"},
                        new Object[]{null, "wamid.8", "c1"}, new Object[]{"😮", "wamid.9", "c0"})));
        steps.add(new Step("update " + table + " set rank = case when rank < ? then ? else rank end where "
                + "message_key = ?", List.of(new Object[]{3, 3, "o1"}, new Object[]{3, 3, "o2"},
                new Object[]{1, 1, "m3"})));
        steps.add(new Step("update " + table + " set state = 'failed', error_title = coalesce(error_title, ?) "
                + "where message_key = ?", List.of(new Object[]{"first", "o1"}, new Object[]{"second", "o1"})));
        steps.add(new Step("update " + table + " set state = 'queued', wamid = null where message_key = ? "
                + "and state = 'failed'", List.of(new Object[]{"o1"}, new Object[]{"o2"})));
        steps.add(new Step("update " + table + " set replied_at = ? where conversation_id = ? and replied_at is null "
                + "and sent_at <= ?", List.of(new Object[]{Timestamp.from(at.plusSeconds(100)), "c3",
                Timestamp.from(at.plusSeconds(100))}, new Object[]{Timestamp.from(at.plusSeconds(200)), "c3",
                Timestamp.from(at.plusSeconds(200))})));
        steps.add(new Step("update " + table + " set text = case when text is null then null else 'erased' end, "
                + "error_title = coalesce(?, error_title) where conversation_id = ?", List.<Object[]>of(
                new Object[]{"erasure", "c2"})));
        steps.add(new Step("delete from " + table + " where conversation_id = ? and revoked = false",
                List.<Object[]>of(new Object[]{"c6"})));
        steps.add(new Step(INSERT.formatted(table, table), List.<Object[]>of(new Object[]{"m6", "c6", "wamid.6",
                "back", null, "m6"})));
        // strings order by collation: not compared in memory, so the table goes to the database from here on
        steps.add(new Step("update " + table + " set revoked = true where message_key = ? and wamid < ?",
                List.of(new Object[]{"m10", "wamid.2"}, new Object[]{"m11", "wamid.2"})));
        steps.add(new Step("update " + table + " set text = null where sent_at < ? and (text is not null or "
                + "reaction is not null)", List.<Object[]>of(new Object[]{Timestamp.from(at.plusSeconds(3))})));
        steps.add(new Step("update " + table + " set reaction = ? where wamid = ? and conversation_id = ?",
                List.<Object[]>of(new Object[]{"🙏", "wamid.13", "c6"})));
        return steps;
    }

    @Test
    void statements_applied_in_memory_leave_the_rows_and_counts_of_the_statements_one_by_one() {
        jdbc.execute(TABLE.formatted("one_by_one"));
        jdbc.execute(TABLE.formatted("in_memory"));
        List<int[]> direct = new ArrayList<>();
        for (Step step : history("one_by_one")) {
            direct.add(step.rows().stream().mapToInt(row -> jdbc.update(step.sql(), row)).toArray());
        }
        List<int[]> folded = new ArrayList<>();
        List<Boolean> inMemory = new ArrayList<>();
        transactions.executeWithoutResult(status -> {
            RowsInMemory rows = new RowsInMemory();
            for (Step step : history("in_memory")) {
                // the arguments applied in memory are released from the list as they are taken
                int[] changed = rows.execute(jdbc, step.sql(), new ArrayList<>(step.rows()), true);
                inMemory.add(changed != null && jdbc.queryForObject("select count(*) from in_memory", Long.class) == 0);
                folded.add(changed != null ? changed : BatchWrites.executeAll(jdbc, step.sql(), step.rows()));
            }
            rows.write();
        });

        assertThat(inMemory).as("the statements before the first one not applied in memory wrote nothing")
                .containsExactly(true, true, true, true, true, true, true, true, true, true, true, false, false, false);

        assertThat(folded).zipSatisfy(direct, (memory, database) -> assertThat(memory).isEqualTo(database));
        String columns = "message_key, conversation_id, direction, wamid, text, state, rank, error_title, reaction, "
                + "replied_at, sent_at, revoked";
        List<String> expected = jdbc.queryForList("select concat_ws('|', " + columns + ") from one_by_one order by "
                + "message_key", String.class);
        assertThat(expected).hasSize(261);
        assertThat(jdbc.queryForList("select concat_ws('|', " + columns + ") from in_memory order by message_key",
                String.class)).containsExactlyElementsOf(expected);
    }
}
