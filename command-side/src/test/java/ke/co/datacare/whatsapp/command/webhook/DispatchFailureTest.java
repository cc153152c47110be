package ke.co.datacare.whatsapp.command.webhook;

import org.axonframework.common.lock.DeadlockException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DispatchFailureTest {

    @Test
    void a_refused_or_broken_connection_is_the_database_being_away_wherever_it_is_wrapped() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:5432 refused", "08001", new ConnectException());
        SQLException reset = new SQLException("An I/O error occurred while sending to the backend", "08006");

        assertThat(DispatchFailure.of(new EventStoreException("append failed", refused)))
                .isEqualTo(DispatchFailure.DATABASE_UNAVAILABLE);
        assertThat(DispatchFailure.of(new IllegalStateException(reset))).isEqualTo(DispatchFailure.DATABASE_UNAVAILABLE);
        assertThat(DispatchFailure.of(new CannotGetJdbcConnectionException("no connection",
                new SQLTransientConnectionException("Connection is not available, request timed out after 30000ms"))))
                .isEqualTo(DispatchFailure.DATABASE_UNAVAILABLE);
        assertThat(DispatchFailure.of(new CannotCreateTransactionException("could not open a connection")))
                .isEqualTo(DispatchFailure.DATABASE_UNAVAILABLE);
        assertThat(DispatchFailure.of(new SQLException("terminating connection due to administrator command", "57P01")))
                .isEqualTo(DispatchFailure.DATABASE_UNAVAILABLE);
    }

    @Test
    void the_database_being_away_is_not_counted_against_the_row_and_it_is_due_again_at_once() {
        assertThat(DispatchFailure.DATABASE_UNAVAILABLE.counted()).isFalse();
        assertThat(DispatchFailure.DATABASE_UNAVAILABLE.retryAfter(9)).isEqualTo(Duration.ZERO);
    }

    @Test
    void a_detected_deadlock_or_a_concurrent_change_is_contention_counted_and_due_again_at_once() {
        assertThat(DispatchFailure.of(new DeadlockException("cycle between aggregate locks")))
                .isEqualTo(DispatchFailure.CONTENTION);
        assertThat(DispatchFailure.of(new ConcurrencyException("sequence number already taken")))
                .isEqualTo(DispatchFailure.CONTENTION);
        assertThat(DispatchFailure.of(new CannotAcquireLockException("deadlock",
                new SQLException("deadlock detected", "40P01")))).isEqualTo(DispatchFailure.CONTENTION);
        assertThat(DispatchFailure.of(new IllegalStateException(new SQLException("deadlock detected", "40P01"))))
                .isEqualTo(DispatchFailure.CONTENTION);
        assertThat(DispatchFailure.CONTENTION.counted()).isTrue();
        assertThat(DispatchFailure.CONTENTION.retryAfter(3)).isEqualTo(Duration.ZERO);
    }

    @Test
    void a_failure_of_the_row_itself_is_counted_and_backed_off_exponentially_up_to_five_minutes() {
        DispatchFailure unreadable = DispatchFailure.of(new IllegalStateException("stored webhook 7 is not readable",
                new java.io.IOException("Unexpected character")));

        assertThat(unreadable).isEqualTo(DispatchFailure.OF_THE_ROW);
        assertThat(unreadable.counted()).isTrue();
        assertThat(unreadable.retryAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(unreadable.retryAfter(4)).isEqualTo(Duration.ofSeconds(16));
        assertThat(unreadable.retryAfter(9)).isEqualTo(Duration.ofSeconds(256));
    }

    @Test
    void the_database_being_away_wins_over_contention_found_further_down_the_causes() {
        SQLException away = new SQLException("connection reset", "08006");
        assertThat(DispatchFailure.of(new ConcurrencyException("append failed", away)))
                .isEqualTo(DispatchFailure.DATABASE_UNAVAILABLE);
    }
}
