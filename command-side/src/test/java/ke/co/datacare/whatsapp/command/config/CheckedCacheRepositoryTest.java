package ke.co.datacare.whatsapp.command.config;

import com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.JCacheAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.cache.CacheManager;
import javax.cache.Caching;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** Two instances, each with its own aggregate cache, on one event store. */
class CheckedCacheRepositoryTest {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    private final CacheManager caches = Caching.getCachingProvider(CaffeineCachingProvider.class.getName())
            .getCacheManager(URI.create("tickets:" + UUID.randomUUID()), getClass().getClassLoader());

    @AfterEach
    void closeCaches() {
        caches.close();
        store.shutDown();
    }

    @Test
    void a_ticket_closed_on_another_instance_is_reopened_here() {
        Instance a = new Instance("a", true);
        Instance b = new Instance("b", true);
        a.gateway.sendAndWait(new OpenTicket("t-1"));
        b.gateway.sendAndWait(new CloseTicket("t-1"));

        a.gateway.sendAndWait(new ReopenTicket("t-1"));

        assertThat(store.readEvents("t-1").asStream().map(EventMessage::getPayloadType).map(Class::getSimpleName))
                .containsExactly("TicketOpened", "TicketClosed", "TicketReopened");
        assertThat(a.reloads.count()).isEqualTo(1);
    }

    @Test
    void without_the_check_the_stale_copy_refuses_the_reopen_and_nothing_notices() {
        Instance a = new Instance("a", false);
        Instance b = new Instance("b", false);
        a.gateway.sendAndWait(new OpenTicket("t-2"));
        b.gateway.sendAndWait(new CloseTicket("t-2"));

        assertThatThrownBy(() -> a.gateway.sendAndWait(new ReopenTicket("t-2"))).hasMessageContaining("already open");
    }

    @Test
    void an_aggregate_nobody_else_changed_is_used_from_the_cache() {
        Instance a = new Instance("a", true);
        a.gateway.sendAndWait(new OpenTicket("t-3"));
        a.gateway.sendAndWait(new CloseTicket("t-3"));
        a.gateway.sendAndWait(new ReopenTicket("t-3"));

        assertThat(a.reloads.count()).isZero();
        assertThat(store.lastSequenceNumberFor("t-3")).contains(2L);
    }

    @Test
    void a_batch_checks_its_cached_tickets_with_one_read_and_reads_again_the_one_changed_elsewhere() {
        Instance a = new Instance("a", true);
        Instance b = new Instance("b", true);
        a.gateway.sendAndWait(new OpenTicket("t-4"));
        a.gateway.sendAndWait(new OpenTicket("t-5"));
        b.gateway.sendAndWait(new CloseTicket("t-4"));

        inOneBatch(List.of("t-4", "t-5"), () -> {
            a.gateway.sendAndWait(new ReopenTicket("t-4"));
            a.gateway.sendAndWait(new CloseTicket("t-5"));
        });

        assertThat(a.batchReads).as("one read of the stored versions for the whole batch").hasValue(1);
        assertThat(a.reloads.count()).as("only the ticket the other instance changed is read again").isEqualTo(1);
        assertThat(payloads("t-4")).containsExactly("TicketOpened", "TicketClosed", "TicketReopened");
        assertThat(payloads("t-5")).containsExactly("TicketOpened", "TicketClosed");
    }

    @Test
    void a_ticket_the_batch_did_not_declare_is_still_checked_alone() {
        Instance a = new Instance("a", true);
        Instance b = new Instance("b", true);
        a.gateway.sendAndWait(new OpenTicket("t-6"));
        b.gateway.sendAndWait(new CloseTicket("t-6"));

        inOneBatch(List.of("t-other"), () -> a.gateway.sendAndWait(new ReopenTicket("t-6")));

        assertThat(payloads("t-6")).containsExactly("TicketOpened", "TicketClosed", "TicketReopened");
        assertThat(a.reloads.count()).isEqualTo(1);
    }

    @Test
    void a_rolled_back_batch_leaves_no_copy_of_its_tickets_in_the_cache_and_keeps_the_others() {
        Instance a = new Instance("a", true);
        a.gateway.sendAndWait(new OpenTicket("t-7"));
        a.gateway.sendAndWait(new OpenTicket("t-8"));

        assertThatThrownBy(() -> inOneBatch(List.of("t-7"), () -> {
            a.gateway.sendAndWait(new CloseTicket("t-7"));
            throw new IllegalStateException("the next row of the batch fails");
        })).hasMessageContaining("the next row");

        assertThat(a.cache.containsKey("t-7")).as("the uncommitted close is forgotten").isFalse();
        assertThat(a.cache.containsKey("t-8")).as("a ticket the batch did not touch stays cached").isTrue();
        a.gateway.sendAndWait(new CloseTicket("t-7"));
        assertThat(payloads("t-7")).containsExactly("TicketOpened", "TicketClosed");
    }

    @Test
    void without_the_check_a_rolled_back_batch_still_leaves_no_copy_of_its_tickets_in_the_cache() {
        Instance a = new Instance("a", false);
        a.gateway.sendAndWait(new OpenTicket("t-9"));

        assertThatThrownBy(() -> inOneBatch(List.of(), () -> {
            a.gateway.sendAndWait(new CloseTicket("t-9"));
            throw new IllegalStateException("the next row of the batch fails");
        })).hasMessageContaining("the next row");

        a.gateway.sendAndWait(new CloseTicket("t-9"));
        assertThat(payloads("t-9")).containsExactly("TicketOpened", "TicketClosed");
    }

    /** Runs the work in one root unit of work that declared these tickets, as the webhook dispatcher's batches do. */
    private static void inOneBatch(List<String> tickets, Runnable work) {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        BatchAggregates.declare(batch, tickets);
        ResultMessage<?> result = batch.executeWithResult(() -> {
            work.run();
            return null;
        });
        if (result.isExceptional()) {
            throw (RuntimeException) result.exceptionResult();
        }
    }

    private List<String> payloads(String ticket) {
        return store.readEvents(ticket).asStream().map(EventMessage::getPayloadType).map(Class::getSimpleName).toList();
    }

    private final class Instance {

        final Counter reloads = Counter.builder("reloads").register(new SimpleMeterRegistry());
        final AtomicInteger batchReads = new AtomicInteger();
        final CommandGateway gateway;
        final Cache cache;

        Instance(String name, boolean cacheCheck) {
            cache = new JCacheAdapter(AggregateConfiguration.bounded(caches, "tickets-" + name, 100));
            StoredVersions versions = ids -> {
                batchReads.incrementAndGet();
                Map<String, Long> stored = new HashMap<>();
                ids.forEach(id -> store.lastSequenceNumberFor(id).ifPresent(version -> stored.put(id, version)));
                return stored;
            };
            Repository<Ticket> repository = cacheCheck
                    ? new CheckedCacheRepository<>(EventSourcingRepository.builder(Ticket.class), cache, store, versions,
                    reloads)
                    : EventSourcingRepository.builder(Ticket.class).eventStore(store).cache(cache).build();
            SimpleCommandBus bus = SimpleCommandBus.builder().build();
            AggregateAnnotationCommandHandler.<Ticket>builder().aggregateType(Ticket.class).repository(repository).build()
                    .subscribe(bus);
            gateway = DefaultCommandGateway.builder().commandBus(bus).build();
        }
    }

    record OpenTicket(String id) {
    }

    record CloseTicket(@TargetAggregateIdentifier String id) {
    }

    record ReopenTicket(@TargetAggregateIdentifier String id) {
    }

    record TicketOpened(String id) {
    }

    record TicketClosed(String id) {
    }

    record TicketReopened(String id) {
    }

    static class Ticket {

        @AggregateIdentifier
        private String id;
        private boolean open;

        Ticket() {
        }

        @CommandHandler
        Ticket(OpenTicket command) {
            apply(new TicketOpened(command.id()));
        }

        @CommandHandler
        void handle(CloseTicket command) {
            if (!open) {
                throw new IllegalStateException("The ticket is already closed");
            }
            apply(new TicketClosed(id));
        }

        @CommandHandler
        void handle(ReopenTicket command) {
            if (open) {
                throw new IllegalStateException("The ticket is already open");
            }
            apply(new TicketReopened(id));
        }

        @EventSourcingHandler
        void on(TicketOpened event) {
            id = event.id();
            open = true;
        }

        @EventSourcingHandler
        void on(TicketClosed event) {
            open = false;
        }

        @EventSourcingHandler
        void on(TicketReopened event) {
            open = true;
        }
    }
}
