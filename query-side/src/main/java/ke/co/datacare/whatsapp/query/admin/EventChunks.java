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
    /** Events a deserializer takes at once, while the reader reads on. */
    private static final int SLICE = 1_000;
    /** Threads deserializing the payloads of a chunk, one a core. */
    private static final int DESERIALIZERS = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final Object END = new Object();

    /**
     * Events with their payloads deserialized, the nanoseconds the reader spent reading them, and those it then waited
     * for the deserializers to finish the chunk.
     */
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
        Thread reader = DaemonThreads.named("read-model-rebuild-reader").newThread(() -> {
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
        });
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
     * The events are upcast and deserialized through the serializer in slices of {@value #SLICE} on
     * {@value #DESERIALIZERS} threads while the reader reads on, and handed over in the order they were read.
     */
    static void read(DataSource dataSource, Serializer serializer, EventUpcaster upcaster, Predicate<String> wanted,
                     long after, long upTo, int chunkSize, Consumer consumer) throws SQLException {
        ExecutorService parallel = Executors.newFixedThreadPool(DESERIALIZERS, DaemonThreads.named("read-model-rebuild-deserializer"));
        try {
            read(dataSource, serializer, upcaster, wanted, after, upTo, chunkSize, consumer, parallel);
        } finally {
            parallel.shutdownNow();
        }
    }

    /**
     * Upcasts and deserializes a slice of stored events (payloads and timestamps) on a deserializer thread, while the
     * reader goes on reading: the messages keep what they parsed, so handlers that take them find them parsed.
     */
    private static Future<List<EventMessage<?>>> deserialize(List<TrackedEventData<?>> slice, Serializer serializer,
                                                             EventUpcaster upcaster, ExecutorService parallel) {
        return parallel.submit(() -> {
            List<EventMessage<?>> events = new ArrayList<>(slice.size());
            EventUtils.upcastAndDeserializeTrackedEvents(slice.stream(), serializer, upcaster).forEach(events::add);
            for (EventMessage<?> event : events) {
                event.getPayload();
                event.getTimestamp();
            }
            return events;
        });
    }

    /** The events of a chunk's slices, in the order they were read. */
    private static List<EventMessage<?>> collect(List<Future<List<EventMessage<?>>>> slices, int size) {
        List<EventMessage<?>> events = new ArrayList<>(size);
        try {
            for (Future<List<EventMessage<?>>> slice : slices) {
                events.addAll(slice.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedHandOver();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new IllegalStateException("An event could not be deserialized", e.getCause());
        }
        return events;
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
                    List<TrackedEventData<?>> slice = new ArrayList<>(SLICE);
                    List<Future<List<EventMessage<?>>>> slices = new ArrayList<>();
                    int inChunk = 0;
                    long last = after;
                    long handedOver = after;
                    boolean more = true;
                    long reading = System.nanoTime();
                    long readNanos = 0;
                    while (more) {
                        more = rows.next();
                        if (more) {
                            last = rows.getLong(1);
                            if (!wanted.test(rows.getString(7))) {
                                continue;
                            }
                            slice.add(new TrackedDomainEventData<>(new ReplayToken(replayedUpTo,
                                    GapAwareTrackingToken.newInstance(last, Set.of())),
                                    new StoredEntry(rows.getString(2), rows.getString(3), rows.getLong(4),
                                            rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8),
                                            rows.getBytes(9), rows.getBytes(10))));
                            inChunk++;
                        }
                        boolean chunkDone = inChunk == chunkSize || (!more && last > handedOver);
                        if (slice.size() == SLICE || (chunkDone && !slice.isEmpty())) {
                            slices.add(deserialize(slice, serializer, upcaster, parallel));
                            slice = new ArrayList<>(SLICE);
                        }
                        if (chunkDone) {
                            long waiting = System.nanoTime();
                            readNanos += waiting - reading;
                            List<EventMessage<?>> events = collect(slices, inChunk);
                            slices.clear();
                            inChunk = 0;
                            long done = System.nanoTime();
                            if (!consumer.accept(new Chunk(events, last, readNanos, done - waiting))) {
                                break;
                            }
                            handedOver = last;
                            readNanos = 0;
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
