package ke.co.datacare.whatsapp.query.paging;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.function.Supplier;

/**
 * Runs the statements of a list read (a page, its capped count, a search) on PostgreSQL the way their indexes answer
 * them: in a read-only transaction with sequential scans discouraged and no parallel workers. Elsewhere (H2) the
 * statements run as they are.
 * <p>
 * Each of these statements stops after a bound ({@code limit}: the page, the count's cap, a search's candidates), and
 * with a bound PostgreSQL may prefer reading the table in its physical order, hoping to meet the matching rows early.
 * That bets on its estimate: it takes every prefix word ({@code habari:*}, the last word typed) for 2 % of the
 * messages, so at ten million messages a word nobody wrote took 108 s, reading every text, against a few
 * milliseconds through the full-text index; a count of unassigned conversations reads as many rows as the table holds
 * before the first unassigned one. Through the index the cost is that of the rows found. Parallel workers, for their
 * part, go on rechecking every match after the first candidates were taken.
 * <p>
 * Just-in-time compilation is switched off with them: a statement no index can answer (the sum over the handful of
 * inbox status counters) keeps its sequential scan, which the planner then prices at ten billion, far above
 * {@code jit_above_cost}, so PostgreSQL compiled it with LLVM (inlined and optimised) on every execution: 27-30 ms of
 * CPU per read of the inbox's first page, 132 ms on a fresh connection, to read five rows in 0.03 ms.
 */
public final class IndexPlans {

    private final JdbcTemplate jdbc;
    private final boolean postgres;
    private final TransactionTemplate readOnly;

    public IndexPlans(JdbcTemplate jdbc, boolean postgres) {
        this.jdbc = jdbc;
        this.postgres = postgres;
        this.readOnly = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        this.readOnly.setReadOnly(true);
    }

    public <T> T run(Supplier<T> statements) {
        if (!postgres) {
            return statements.get();
        }
        return readOnly.execute(status -> {
            jdbc.execute("set local enable_seqscan = off");
            jdbc.execute("set local max_parallel_workers_per_gather = 0");
            jdbc.execute("set local jit = off");
            return statements.get();
        });
    }
}
