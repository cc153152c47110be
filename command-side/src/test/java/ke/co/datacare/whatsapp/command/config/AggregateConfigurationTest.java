package ke.co.datacare.whatsapp.command.config;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

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
}
