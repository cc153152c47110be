package ke.co.datacare.whatsapp.command.webhook;

import ke.co.datacare.whatsapp.command.config.DatabaseRollbacks;
import org.axonframework.common.AxonTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * Why an inbox row could not be dispatched, which decides when it is tried again. Only a failure of the row itself
 * earns the exponential backoff and counts towards parking it; a database that cannot be reached, or a conflict with
 * other work on the same aggregates, says nothing about the row.
 */
enum DispatchFailure {

    /**
     * No database (connection refused, reset or timed out, the server shutting down): not the row's fault. The
     * attempt is not counted, and the row is due again as soon as the dispatcher's next round reaches the database,
     * not after a backoff that grew while PostgreSQL was away.
     */
    DATABASE_UNAVAILABLE,
    /**
     * A detected deadlock between aggregate locks or in PostgreSQL, a concurrent change of an aggregate, a
     * serialization failure: the other side goes on, so the row is due again at once. Counted, so a row that keeps
     * meeting one is parked in the end like any other.
     */
    CONTENTION,
    /** Anything else (an unreadable body, a rejected command): counted, exponential backoff, parked after the maximum. */
    OF_THE_ROW;

    private static final int MAX_BACKOFF_SECONDS = 300;

    static DispatchFailure of(Throwable failure) {
        boolean contention = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (isUnavailable(cause)) {
                return DATABASE_UNAVAILABLE;
            }
            contention |= isContention(cause);
        }
        return contention ? CONTENTION : OF_THE_ROW;
    }

    /** Whether this failure counts towards parking the row. */
    boolean counted() {
        return this != DATABASE_UNAVAILABLE;
    }

    /** How long after this failure the row is due again, given the attempts counted so far (this one included). */
    Duration retryAfter(int attempts) {
        return this == OF_THE_ROW ? Duration.ofSeconds(Math.min(MAX_BACKOFF_SECONDS, 1L << Math.min(attempts, 8)))
                : Duration.ZERO;
    }

    private static boolean isUnavailable(Throwable cause) {
        if (cause instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
            return true;
        }
        return cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                || cause instanceof SocketException || cause instanceof SocketTimeoutException
                || cause instanceof DataAccessResourceFailureException
                || cause instanceof TransientDataAccessResourceException
                || cause instanceof CannotCreateTransactionException;
    }

    /** SQLSTATE class 08 (connection exception) and PostgreSQL's shutdown and start-up states. */
    private static boolean isConnectionState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }

    private static boolean isContention(Throwable cause) {
        return DatabaseRollbacks.isRollback(cause) || cause instanceof AxonTransientException
                || cause instanceof TransientDataAccessException;
    }
}
