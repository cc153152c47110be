package ke.co.datacare.whatsapp.app.query;

import ke.co.datacare.whatsapp.app.support.TestDatabase;
import ke.co.datacare.whatsapp.query.batch.BatchWrites;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The batch writes of the projections against PostgreSQL: many rows of a plain insert go in multi-row statements. */
class BatchWritesTest {

    private static final TestDatabase.Own DATABASE = new TestDatabase.Own("batchwrites");
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void table() {
        jdbc = new JdbcTemplate(DATABASE.dataSource());
        jdbc.execute("create table status_row (wamid varchar(64) primary key, status varchar(16) not null, "
                + "status_at timestamptz, error_code integer)");
    }

    @Test
    void every_row_of_a_plain_insert_is_written_with_its_values_nulls_included() {
        List<Object[]> rows = new ArrayList<>();
        Instant at = Instant.parse("2026-12-06T07:15:30.123456Z");
        for (int i = 0; i < 1_234; i++) {
            rows.add(new Object[]{"wamid.many." + i, i % 2 == 0 ? "sent" : "read", i % 3 == 0 ? null : Timestamp.from(at),
                    i % 5 == 0 ? null : i});
        }

        int[] inserted = BatchWrites.executeAll(jdbc, "insert into status_row (wamid, status, status_at, error_code) "
                + "values (?, ?, ?, ?)", rows);

        assertThat(inserted).hasSize(1_234).containsOnly(1);
        assertThat(jdbc.queryForObject("select count(*) from status_row where wamid like 'wamid.many.%'", Integer.class))
                .isEqualTo(1_234);
        assertThat(jdbc.queryForObject("select count(*) from status_row where wamid like 'wamid.many.%' "
                + "and status_at is null", Integer.class)).isEqualTo(412);
        assertThat(jdbc.queryForObject("select status_at from status_row where wamid = 'wamid.many.1'", Timestamp.class)
                .toInstant()).isEqualTo(at);
        assertThat(jdbc.queryForObject("select error_code from status_row where wamid = 'wamid.many.1233'",
                Integer.class)).isEqualTo(1_233);
    }

    @Test
    void a_row_that_breaks_a_key_fails_the_insert_as_in_a_batch() {
        List<Object[]> rows = List.of(new Object[]{"wamid.twice", "sent", null, null},
                new Object[]{"wamid.other", "sent", null, null}, new Object[]{"wamid.twice", "read", null, null});

        assertThatThrownBy(() -> BatchWrites.executeAll(jdbc, "insert into status_row (wamid, status, status_at, "
                + "error_code) values (?, ?, ?, ?)", rows)).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void absent_rows_written_as_a_set_into_fresh_tables_change_what_the_statements_one_by_one_change() {
        jdbc.execute("create table absent_row (conversation_id varchar(64) not null, episode integer not null, "
                + "status varchar(16) not null, opened_at timestamptz, handed_off boolean not null, "
                + "primary key (conversation_id, episode))");
        jdbc.execute("create table absent_row_one_by_one (like absent_row including all)");
        String insert = "insert into %s (conversation_id, episode, status, opened_at, handed_off) select ?, ?, "
                + "'open', ?, false where not exists (select 1 from %s where conversation_id = ? and episode = ?)";
        Timestamp at = Timestamp.from(Instant.parse("2026-12-06T07:15:30.5Z"));
        jdbc.update(String.format(insert, "absent_row", "absent_row"), "c-1", 2, at, "c-1", 2);
        jdbc.update(String.format(insert, "absent_row_one_by_one", "absent_row_one_by_one"), "c-1", 2, at, "c-1", 2);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String conversation = "c-" + (i % 120);
            int episode = 1 + i % 3;
            rows.add(new Object[]{conversation, episode, i % 7 == 0 ? null : at, conversation, episode});
        }

        int[] oneByOne = BatchWrites.executeAll(jdbc, String.format(insert, "absent_row_one_by_one",
                "absent_row_one_by_one"), rows);
        int[] asSet = inFreshTables(() -> BatchWrites.executeAll(jdbc, String.format(insert, "absent_row",
                "absent_row"), rows));

        assertThat(asSet).containsExactly(oneByOne);
        assertThat(asSet).contains(0, 1);
        assertThat(jdbc.queryForList("select conversation_id, episode, status, opened_at, handed_off from absent_row "
                + "order by 1, 2")).isEqualTo(jdbc.queryForList("select conversation_id, episode, status, opened_at, "
                + "handed_off from absent_row_one_by_one order by 1, 2")).hasSize(120);
        assertThat(jdbc.queryForObject("select count(*) from pg_tables where tablename like 'absent_absent%'",
                Integer.class)).as("no staging table left").isZero();
    }

    /** Runs {@code work} in a transaction and a rebuild's chunk of one event: writes into fresh tables. */
    private static int[] inFreshTables(java.util.function.Supplier<int[]> work) {
        var chunk = new org.axonframework.messaging.unitofwork.BatchingUnitOfWork<>(List.of(
                org.axonframework.eventhandling.GenericEventMessage.asEventMessage("chunk")));
        BatchWrites.intoFreshTables(chunk);
        var transactions = new org.springframework.transaction.support.TransactionTemplate(
                new org.springframework.jdbc.datasource.DataSourceTransactionManager(jdbc.getDataSource()));
        var result = chunk.executeWithResult(() -> transactions.execute(status -> work.get()));
        if (result.isExceptional()) {
            throw new IllegalStateException(result.exceptionResult());
        }
        return result.getPayload();
    }
}
