package ke.co.datacare.whatsapp.command.config;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.dao.PessimisticLockingFailureException;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AggregateConfigurationTest {

    @Test
    void a_duplicate_sequence_number_reported_inside_a_batch_is_a_conflict() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT INTO domain_event_entry", "23505", 0,
                new int[0], null);
        batch.setNextException(new SQLException("duplicate key value violates unique constraint", "23505"));
        BatchUpdateException reportedOnlyInTheNextException = new BatchUpdateException("Batch entry 0", null, 0, new int[0], null);
        reportedOnlyInTheNextException.setNextException(new SQLException("duplicate key", "23505"));

        assertThat(new AggregateConfiguration().persistenceExceptionResolver().isDuplicateKeyViolation(batch)).isTrue();
        assertThat(AggregateConfiguration.isUniqueViolation(new RuntimeException(reportedOnlyInTheNextException))).isTrue();
        assertThat(AggregateConfiguration.isUniqueViolation(new SQLException("connection refused", "08001"))).isFalse();
    }

    @Test
    void only_a_lost_race_on_the_aggregate_is_run_again() {
        assertThat(AggregateConfiguration.causedByConflict(new ConcurrencyException("sequence 2 already inserted"))).isTrue();
        assertThat(AggregateConfiguration.causedByConflict(new EventStoreException("wrapped",
                new ConcurrencyException("sequence 2 already inserted")))).isTrue();
        assertThat(AggregateConfiguration.causedByConflict(new CommandExecutionException("contact",
                new org.axonframework.modelling.command.AggregateStreamCreationException(
                        "Cannot reuse aggregate identifier [b837244d] to create aggregate [Contact]")))).as("created first elsewhere")
                .isTrue();
        assertThat(AggregateConfiguration.causedByConflict(new CommandExecutionException("WINDOW_CLOSED", null))).isFalse();
        assertThat(AggregateConfiguration.causedByConflict(new EventStoreException("disk full"))).isFalse();
    }

    @Test
    void a_command_the_database_rolled_back_to_break_a_deadlock_is_run_again_and_a_broken_connection_is_not() {
        assertThat(AggregateConfiguration.causedByConflict(new CommandExecutionException("pause",
                new PessimisticLockingFailureException("update campaign_dispatch",
                        new SQLException("ERROR: deadlock detected", "40P01"))))).isTrue();
        assertThat(AggregateConfiguration.causedByConflict(new RuntimeException(
                new SQLException("could not serialize access", "40001")))).isTrue();
        assertThat(AggregateConfiguration.causedByConflict(new RuntimeException(
                new SQLException("connection refused", "08001")))).isFalse();
        assertThat(AggregateConfiguration.causedByConflict(new RuntimeException(new SQLException("no state given"))))
                .as("a driver's exception without a state").isFalse();
    }

    @Test
    void a_command_sent_on_its_own_is_run_again_after_a_deadlock_and_one_sent_inside_a_batch_fails_with_the_batch() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        AtomicInteger attempts = new AtomicInteger();
        bus.subscribe(String.class.getName(), command -> {
            if (attempts.incrementAndGet() % 2 == 1) {
                throw new PessimisticLockingFailureException("update", new SQLException("deadlock detected", "40P01"));
            }
            return "done";
        });
        CommandGateway gateway = new AggregateConfiguration().commandGateway(bus, 3);

        assertThat((String) gateway.sendAndWait("pause")).isEqualTo("done");
        assertThat(attempts).as("run once more after the deadlock").hasValue(2);

        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        try {
            assertThatThrownBy(() -> gateway.sendAndWait("pause")).hasRootCauseMessage("deadlock detected");
            assertThat(attempts).as("not run again outside the batch's transaction").hasValue(3);
        } finally {
            batch.rollback();
        }
    }
}
