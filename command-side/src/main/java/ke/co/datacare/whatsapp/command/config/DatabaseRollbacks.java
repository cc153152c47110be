package ke.co.datacare.whatsapp.command.config;

import java.sql.SQLException;
import java.util.Set;

/**
 * Failures where PostgreSQL rolled a transaction back to let another one go on: a detected deadlock
 * ({@code 40P01}) or a serialization failure ({@code 40001}). Nothing was wrong with the work itself; run again, it
 * meets the other side's result.
 */
public final class DatabaseRollbacks {

    private static final Set<String> STATES = Set.of("40P01", "40001");

    private DatabaseRollbacks() {
    }

    /** Whether this is such a rollback (a driver's exception without a SQLSTATE is not). */
    public static boolean isRollback(Throwable failure) {
        return failure instanceof SQLException sql && sql.getSQLState() != null && STATES.contains(sql.getSQLState());
    }
}
