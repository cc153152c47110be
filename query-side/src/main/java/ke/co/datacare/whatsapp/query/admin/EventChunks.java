package ke.co.datacare.whatsapp.query.admin;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.postgresql.PGStatement;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * The event table read once, in global order, through one server-side cursor (a fetch size inside a read-only
 * transaction), in chunks of events deserialized (and upcast) with the service's serializer. Payloads are
 * deserialized lazily, once per event, however many projections read them. The events carry a replay token, as
 * in a replay: they are history being applied again, not news.
 */
final class EventChunks {

    private static final String SCAN = "select global_index, type, aggregate_identifier, sequence_number, "
            + "event_identifier, time_stamp, payload_type, payload_revision, payload, meta_data from domain_event_entry "
            + "where global_index > ? and global_index <= ? order by global_index";
    private static final int FETCH_SIZE = 5_000;
    private static final int AHEAD = 2;
    /** Threads deserializing the payloads of a chunk, one a core. */
    private static final int DESERIALIZERS = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final Object END = new Object();

    /** Events with their payloads deserialized, and the nanoseconds the reader spent reading and deserializing them. */
    record Chunk(List<EventMessage<?>> events, long lastPosition, long readNanos, long deserializeNanos) {
    }

    interface Consumer {
        /** Handles a chunk; false stops the reading. */
        boolean accept(Chunk chunk);
    }

    private EventChunks() {
    }

    /**
     * Reads as {@link #read} does, on a thread of its own that stays at most {@value #AHEAD} chunks ahead of
     * {@code consumer}, so that reading and deserializing overlap with what the consumer does with the chunks.
     */
    static void readAhead(DataSource dataSource, Serializer serializer, EventUpcaster upcaster, Predicate<String> wanted,
                          long after, long upTo, int chunkSize, Consumer consumer) throws SQLException {
        BlockingQueue<Object> ahead = new ArrayBlockingQueue<>(AHEAD);
        AtomicBoolean stopped = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            Object last = END;
            try {
                read(dataSource, serializer, upcaster, wanted, after, upTo, chunkSize, chunk -> {
                    handOver(ahead, chunk);
                    return !stopped.get();
                });
            } catch (InterruptedHandOver e) {
                return;
            } catch (SQLException | RuntimeException e) {
                last = e;
            }
            try {
                handOver(ahead, last);
            } catch (InterruptedHandOver ignored) {
                // the consumer has stopped
            }
        }, "read-model-rebuild-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            while (true) {
                Object next = ahead.take();
                if (next == END) {
                    return;
                }
                if (next instanceof SQLException e) {
                    throw e;
                }
                if (next instanceof RuntimeException e) {
                    throw e;
                }
                if (!consumer.accept((Chunk) next)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the event table", e);
        } finally {
            stopped.set(true);
            reader.interrupt();
        }
    }

    private static void handOver(BlockingQueue<Object> ahead, Object item) {
        try {
            ahead.put(item);
        } catch (InterruptedException e) {
            throw new InterruptedHandOver();
        }
    }

    /** The consumer stopped while the reader waited to hand a chunk over. */
    private static final class InterruptedHandOver extends RuntimeException {
        InterruptedHandOver() {
            super(null, null, false, false);
        }
    }

    /**
     * Reads the events after {@code after} up to {@code upTo} in chunks of at most {@code chunkSize} events; events
     * whose stored payload type {@code wanted} refuses are skipped unread (their positions still count as reached).
     * The payloads of a chunk are deserialized in parallel, each event on its own, through the serializer.
     */
    static void read(DataSource dataSource, Serializer serializer, EventUpcaster upcaster, Predicate<String> wanted,
                     long after, long upTo, int chunkSize, Consumer consumer) throws SQLException {
        ExecutorService parallel = Executors.newFixedThreadPool(DESERIALIZERS, runnable -> {
            Thread thread = new Thread(runnable, "read-model-rebuild-deserializer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            read(dataSource, serializer, upcaster, wanted, after, upTo, chunkSize, consumer, parallel);
        } finally {
            parallel.shutdownNow();
        }
    }

    /** Deserializes the payloads and timestamps of {@code events} in {@value #DESERIALIZERS} slices at once. */
    private static void deserialize(List<EventMessage<?>> events, ExecutorService parallel) {
        List<Callable<Void>> slices = new ArrayList<>();
        int size = (events.size() + DESERIALIZERS - 1) / DESERIALIZERS;
        for (int from = 0; from < events.size(); from += size) {
            List<EventMessage<?>> slice = events.subList(from, Math.min(events.size(), from + size));
            slices.add(() -> {
                for (EventMessage<?> event : slice) {
                    event.getPayload();
                    // the message keeps what it parsed: handlers that take the timestamp find it parsed already,
                    // instead of the rebuild's single thread
                    event.getTimestamp();
                }
                return null;
            });
        }
        try {
            for (Future<Void> done : parallel.invokeAll(slices)) {
                done.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedHandOver();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new IllegalStateException("An event could not be deserialized", e.getCause());
        }
    }

    /** A stored event whose timestamp is read by {@link StoredInstants} instead of a {@code DateTimeFormatter}. */
    private static final class StoredEntry extends GenericDomainEventEntry<byte[]> {
        private final String storedTimestamp;

        StoredEntry(String type, String aggregate, long sequence, String identifier, String timestamp,
                    String payloadType, String payloadRevision, byte[] payload, byte[] metaData) {
            super(type, aggregate, sequence, identifier, timestamp, payloadType, payloadRevision, payload, metaData);
            this.storedTimestamp = timestamp;
        }

        @Override
        public Instant getTimestamp() {
            return StoredInstants.parse(storedTimestamp);
        }
    }

    private static void read(DataSource dataSource, Serializer serializer, EventUpcaster upcaster,
                             Predicate<String> wanted, long after, long upTo, int chunkSize, Consumer consumer,
                             ExecutorService parallel) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (PreparedStatement scan = connection.prepareStatement(SCAN)) {
                // binary results from the first execution on: the payloads arrive as their bytes, not as hex text
                // the driver decodes again (half the bytes on the wire, and no decoding on the reader thread)
                scan.unwrap(PGStatement.class).setPrepareThreshold(-1);
                scan.setFetchSize(FETCH_SIZE);
                scan.setLong(1, after);
                scan.setLong(2, upTo);
                TrackingToken replayedUpTo = GapAwareTrackingToken.newInstance(upTo + 1, Set.of());
                try (ResultSet rows = scan.executeQuery()) {
                    List<TrackedEventData<?>> data = new ArrayList<>(chunkSize);
                    long last = after;
                    long handedOver = after;
                    boolean more = true;
                    long reading = System.nanoTime();
                    while (more) {
                        more = rows.next();
                        if (more) {
                            last = rows.getLong(1);
                            if (!wanted.test(rows.getString(7))) {
                                continue;
                            }
                            data.add(new TrackedDomainEventData<>(new ReplayToken(replayedUpTo,
                                    GapAwareTrackingToken.newInstance(last, Set.of())),
                                    new StoredEntry(rows.getString(2), rows.getString(3), rows.getLong(4),
                                            rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8),
                                            rows.getBytes(9), rows.getBytes(10))));
                        }
                        if (data.size() == chunkSize || (!more && last > handedOver)) {
                            long deserializing = System.nanoTime();
                            List<EventMessage<?>> events = new ArrayList<>(data.size());
                            EventUtils.upcastAndDeserializeTrackedEvents(data.stream(), serializer, upcaster)
                                    .forEach(events::add);
                            deserialize(events, parallel);
                            data.clear();
                            long done = System.nanoTime();
                            if (!consumer.accept(new Chunk(events, last, deserializing - reading, done - deserializing))) {
                                break;
                            }
                            handedOver = last;
                            reading = System.nanoTime();
                        }
                    }
                }
            } finally {
                connection.rollback();
            }
        }
    }
}
