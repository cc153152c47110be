package ke.co.datacare.whatsapp.query.admin;

import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.query.batch.BatchWrites;
import ke.co.datacare.whatsapp.query.readmodel.LegacyTokenHandover;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Rebuilds read models from the event history without a gap for their readers. The event table is read once, in
 * global order, through a server-side cursor; each event is deserialized once and handed to every projection of
 * the groups being rebuilt, in chunks ({@code datacare.rebuild.chunk-events}, 50,000 by default) of one unit of work
 * each. The rows go to fresh tables in a schema of their own ({@link RebuildTables}); the live tables keep answering
 * and the live processors keep updating them. From empty tables, the projections' batches ({@code BatchWrites}) are
 * kept across the chunks: each row is folded in memory from all its events and written once, in one transaction
 * with the position reached ({@code projection_rebuild}), at the end, when cancelled, or after
 * {@code datacare.rebuild.fold-events} events (the bound on what is held in memory; by default
 * {@link #foldEventsForHeap 500 events a megabyte of the heap's maximum}). After
 * that, or when resuming, each chunk reads the rows it needs once, applies its events to them in memory, writes them
 * with a few large statements and commits with its position. A crash or a cancel leaves the live tables untouched
 * and a new request resumes from the last position written. At the end the groups' processors
 * stop, and one transaction swaps the fresh tables in and sets every segment's token to the last position the
 * rebuild handled; the processors start again from it, so nothing is missed or applied twice.
 * Needs PostgreSQL (schemas, {@code set local search_path}); on the embedded H2 database it is refused.
 */
@Component
class ReadModelRebuild {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);
    private static final String ID = "read-models";
    private static final String SCHEMA = "rebuild_read_models";
    private static final String RETIRED = "rebuild_retired";
    private static final long LOG_EVERY_NANOS = 5_000_000_000L;

    private final ApplicationContext context;
    private final EventProcessingConfiguration processing;
    private final Configuration axon;
    private final TokenStore tokens;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final RebuildTables tables;
    private final LegacyTokenHandover handover;
    private final Clock clock;
    private final int chunkEvents;
    private final int foldEvents;
    private final PlatformTransactionManager transactionManager;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(DaemonThreads.named("read-model-rebuild"));
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean cancelRequested;
    private volatile Run current;

    ReadModelRebuild(ApplicationContext context, EventProcessingConfiguration processing, Configuration axon,
                     TokenStore tokens, JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                     LegacyTokenHandover handover,
                     @Value("${datacare.rebuild.chunk-events:50000}") int chunkEvents,
                     @Value("${datacare.rebuild.fold-events:0}") int foldEvents) {
        this.context = context;
        this.processing = processing;
        this.axon = axon;
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactionManager = transactionManager;
        this.tables = new RebuildTables(jdbc);
        this.handover = handover;
        this.clock = Clock.systemUTC();
        this.chunkEvents = chunkEvents;
        this.foldEvents = foldEvents > 0 ? foldEvents : foldEventsForHeap(Runtime.getRuntime().maxMemory());
    }

    /**
     * How many events a fold takes before it is written, by default: 500 a megabyte of the heap's maximum (2 KB of
     * heap an event for the rows folded and the chunks of events read ahead), at least 50,000.
     */
    static int foldEventsForHeap(long maxHeapBytes) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(50_000, maxHeapBytes / (1024 * 1024) * 500));
    }

    /** The processing groups whose projections declare the tables they own, each with those tables. */
    Map<String, List<String>> readModelGroups() {
        Map<String, List<String>> groups = new TreeMap<>();
        for (Object bean : context.getBeansWithAnnotation(ProcessingGroup.class).values()) {
            Class<?> type = AopUtils.getTargetClass(bean);
            ProcessingGroup group = AnnotationUtils.findAnnotation(type, ProcessingGroup.class);
            List<String> owned = tablesOf(type);
            if (group != null && !owned.isEmpty()) {
                groups.computeIfAbsent(group.value(), ignored -> new ArrayList<>()).addAll(owned);
            }
        }
        return groups;
    }

    /** Starts (or resumes) rebuilding {@code groups} (all read-model groups when empty) in the background. */
    synchronized RebuildProgress start(List<String> requested) {
        requirePostgres();
        Map<String, List<String>> known = readModelGroups();
        List<String> groups = requested.isEmpty() ? List.copyOf(known.keySet()) : List.copyOf(requested);
        for (String group : groups) {
            if (!known.containsKey(group)) {
                throw new DomainException(ErrorCode.NOT_FOUND, "No read-model processing group " + group);
            }
        }
        if (!running.compareAndSet(false, true)) {
            throw new DomainException(ErrorCode.CONFLICT, "A rebuild is running; cancel it first");
        }
        try {
            List<String> owned = groups.stream().flatMap(group -> known.get(group).stream()).distinct().toList();
            current = prepare(groups, owned);
            cancelRequested = false;
            worker.execute(() -> run(current));
            return current.progress();
        } catch (RuntimeException e) {
            running.set(false);
            throw e;
        }
    }

    /** Asks the running rebuild to stop after its chunk in hand; the fresh tables stay for a resume. */
    RebuildProgress cancel() {
        if (!running.get()) {
            throw new DomainException(ErrorCode.CONFLICT, "No rebuild is running");
        }
        cancelRequested = true;
        return current.progress();
    }

    /** The state of the rebuild (the last one, if none runs), or null if there never was one. */
    RebuildProgress progress() {
        Run run = current;
        if (run != null) {
            return run.progress();
        }
        if (!isPostgres()) {
            return null;
        }
        List<RebuildProgress> stored = jdbc.query("select groups, status, from_position, head, position, events, "
                + "started_at, updated_at from projection_rebuild where id = ?", (rs, i) -> new RebuildProgress(
                List.of(rs.getString("groups").split(",")), rs.getString("status"), rs.getLong("from_position"),
                rs.getLong("head"), rs.getLong("position"), rs.getLong("events"),
                percent(rs.getLong("from_position"), rs.getLong("head"), rs.getLong("position")), null, null,
                rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), null, Map.of()), ID);
        return stored.isEmpty() ? null : stored.get(0);
    }

    /** A resumable rebuild of the same groups continues; anything else starts afresh from the first event. */
    private Run prepare(List<String> groups, List<String> owned) {
        String joined = String.join(",", groups);
        List<long[]> resumable = jdbc.query("select from_position, head, position, events from projection_rebuild "
                        + "where id = ? and groups = ? and status in ('running', 'cancelled', 'failed')",
                (rs, i) -> new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}, ID, joined);
        Instant now = clock.instant();
        if (!resumable.isEmpty() && tables.exists(SCHEMA)) {
            long[] stored = resumable.get(0);
            jdbc.update("update projection_rebuild set status = 'running', updated_at = ? where id = ?",
                    java.sql.Timestamp.from(now), ID);
            log.info("Resuming the rebuild of {} at event {} of {}", joined, stored[2], stored[1]);
            return new Run(groups, owned, stored[0], stored[1], stored[2], stored[3], now);
        }
        Long head = jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
        long last = head == null ? 0 : head;
        tables.create(SCHEMA, owned);
        jdbc.update("delete from projection_rebuild where id = ?", ID);
        jdbc.update("insert into projection_rebuild (id, groups, schema_name, from_position, head, position, events, "
                        + "status, started_at, updated_at) values (?, ?, ?, 0, ?, 0, 0, 'running', ?, ?)", ID, joined,
                SCHEMA, last, java.sql.Timestamp.from(now), java.sql.Timestamp.from(now));
        log.info("Rebuilding {} ({} tables) from events 1 to {}", joined, owned.size(), last);
        return new Run(groups, owned, 0, last, 0, 0, now);
    }

    private void run(Run run) {
        try {
            ProjectionHandlers handlers = handlers(run.groups);
            run.lastChunkDone = System.nanoTime();
            EventChunks.readAhead(jdbc.getDataSource(), axon.eventSerializer(), axon.upcasterChain(),
                    takenBy(handlers), run.position, run.head, chunkEvents, chunk -> {
                        run.cost("wait for the reader", System.nanoTime() - run.lastChunkDone);
                        run.cost("read (reader thread)", chunk.readNanos());
                        run.cost("deserialize (reader thread)", chunk.deserializeNanos());
                        if (cancelRequested) {
                            return false;
                        }
                        apply(run, handlers, chunk.events(), chunk.lastPosition());
                        run.lastChunkDone = System.nanoTime();
                        return true;
                    });
            writeFold(run);
            if (cancelRequested) {
                finish(run, "cancelled", null);
                log.info("Rebuild of {} cancelled at event {} of {}", run.groups, run.position, run.head);
                return;
            }
            long indexing = System.nanoTime();
            tables.createSearchIndexes(SCHEMA, run.tables);
            run.cost("search indexes", System.nanoTime() - indexing);
            swap(run);
            finish(run, "done", null);
        } catch (RuntimeException | SQLException e) {
            dropFold(run);
            log.error("Rebuild of {} failed at event {}; the live tables are untouched", run.groups, run.position, e);
            finish(run, "failed", e.toString());
        } finally {
            running.set(false);
        }
    }

    /**
     * Whether any of the projections takes events of a stored payload type: events of a type whose class none of them
     * handles are not read. A type whose class is gone (an upcaster renames it) is always read.
     */
    private Predicate<String> takenBy(ProjectionHandlers handlers) {
        Serializer serializer = axon.eventSerializer();
        Map<String, Boolean> taken = new ConcurrentHashMap<>();
        return type -> taken.computeIfAbsent(type, name -> {
            Class<?> payload = serializer.classForType(new SimpleSerializedType(name, null));
            return UnknownSerializedType.class.equals(payload) || handlers.takeType(payload);
        });
    }

    private void apply(Run run, ProjectionHandlers handlers, List<EventMessage<?>> events, long last) {
        if (run.position == 0 && run.fold == null) {
            startFold(run);
        }
        if (run.fold != null) {
            fold(run, handlers, events, last);
            return;
        }
        if (events.isEmpty()) {
            transactions.executeWithoutResult(status -> reached(last, 0));
            run.advance(last, 0, clock.instant());
            return;
        }
        long[] handling = new long[handlers.size()];
        Map<String, Long> writtenBefore = BatchWrites.flushNanos();
        long started = System.nanoTime();
        transactions.executeWithoutResult(status -> {
            tables.writeInto(SCHEMA);
            handle(handlers, events, last, handling, BatchWrites::intoFreshTables);
            reached(last, events.size());
        });
        long spent = System.nanoTime() - started - handlingCosts(run, handlers, handling);
        spent -= writeCosts(run, writtenBefore);
        run.cost("commit and bookkeeping", spent);
        run.advance(last, events.size(), clock.instant());
        logProgress(run);
    }

    /** From empty fresh tables: one transaction until the fold is written ({@link #writeFold}). */
    private void startFold(Run run) {
        run.foldTransaction = transactionManager.getTransaction(TransactionDefinition.withDefaults());
        tables.writeInto(SCHEMA);
        run.fold = new BatchWrites.Fold();
        run.foldedEvents = 0;
        log.info("Rebuilding {} from empty tables: rows folded in memory for up to {} events", run.groups, foldEvents);
    }

    /** The chunk's events folded into the rows of the chunks before, nothing written. */
    private void fold(Run run, ProjectionHandlers handlers, List<EventMessage<?>> events, long last) {
        long[] handling = new long[handlers.size()];
        long started = System.nanoTime();
        if (!events.isEmpty()) {
            handle(handlers, events, last, handling, run.fold::carryInto);
        }
        run.cost("commit and bookkeeping", System.nanoTime() - started - handlingCosts(run, handlers, handling));
        run.foldedEvents += events.size();
        run.advance(last, events.size(), clock.instant());
        if (run.foldedEvents >= foldEvents) {
            writeFold(run);
        }
        logProgress(run);
    }

    /** Writes the folded rows with the position reached and commits; later chunks read and write their own rows. */
    private void writeFold(Run run) {
        if (run.fold == null) {
            return;
        }
        Map<String, Long> writtenBefore = BatchWrites.flushNanos();
        long started = System.nanoTime();
        try {
            run.fold.flush();
            reached(run.position, run.foldedEvents);
        } catch (RuntimeException e) {
            dropFold(run);
            throw e;
        }
        long spent = System.nanoTime() - started;
        spent -= writeCosts(run, writtenBefore);
        TransactionStatus transaction = run.foldTransaction;
        run.fold = null;
        run.foldTransaction = null;
        transactionManager.commit(transaction);
        run.cost("commit and bookkeeping", spent);
        log.info("Rebuild of {}: rows of {} events written at event {}", run.groups, run.foldedEvents, run.position);
    }

    /** A fold that will not be written: its transaction rolled back, the position is the last one written. */
    private void dropFold(Run run) {
        if (run.foldTransaction != null && !run.foldTransaction.isCompleted()) {
            transactionManager.rollback(run.foldTransaction);
        }
        run.fold = null;
        run.foldTransaction = null;
    }

    /** One unit of work over {@code events}, set up by {@code chunk}, handed to every projection in turn. */
    private static void handle(ProjectionHandlers handlers, List<EventMessage<?>> events, long last, long[] handling,
                               java.util.function.Consumer<UnitOfWork<?>> chunk) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);
        chunk.accept(unitOfWork);
        org.axonframework.messaging.ResultMessage<Object> result;
        try {
            result = unitOfWork.executeWithResult(() -> {
                handlers.handle((EventMessage<?>) CurrentUnitOfWork.get().getMessage(), handling);
                return null;
            }, RollbackConfigurationType.ANY_THROWABLE);
        } finally {
            BatchWrites.chunkHandled();
        }
        if (result.isExceptional()) {
            throw new IllegalStateException("A projection failed on an event before " + last, result.exceptionResult());
        }
    }

    private static long handlingCosts(Run run, ProjectionHandlers handlers, long[] handling) {
        long total = 0;
        for (int i = 0; i < handlers.size(); i++) {
            run.cost("handle:" + handlers.projectionType(i).getSimpleName(), handling[i]);
            total += handling[i];
        }
        return total;
    }

    private static long writeCosts(Run run, Map<String, Long> writtenBefore) {
        long total = 0;
        for (Map.Entry<String, Long> written : BatchWrites.flushNanos().entrySet()) {
            long nanos = written.getValue() - writtenBefore.getOrDefault(written.getKey(), 0L);
            if (nanos > 0) {
                run.cost("write:" + written.getKey().substring(written.getKey().lastIndexOf('.') + 1), nanos);
                total += nanos;
            }
        }
        return total;
    }

    private void logProgress(Run run) {
        if (System.nanoTime() - run.lastLog > LOG_EVERY_NANOS) {
            run.lastLog = System.nanoTime();
            RebuildProgress progress = run.progress();
            log.info("Rebuild of {}: {}% (event {} of {}), {} events/s, about {} s left", run.groups, progress.percent(),
                    progress.position(), progress.head(), Math.round(progress.eventsPerSecond()), progress.etaSeconds());
        }
    }

    private void reached(long position, int events) {
        jdbc.update("update " + RebuildTables.LIVE + ".projection_rebuild set position = ?, events = events + ?, "
                + "updated_at = ? where id = ?", position, events, java.sql.Timestamp.from(clock.instant()), ID);
    }

    /**
     * Stops the groups' processors, swaps the fresh tables in and sets their tokens to the rebuild's last position in
     * one transaction, and starts the processors that were running again.
     */
    private void swap(Run run) {
        run.status = "swapping";
        List<EventProcessor> processors = run.groups.stream()
                .map(group -> processing.eventProcessorByProcessingGroup(group).orElse(null))
                .filter(java.util.Objects::nonNull).toList();
        List<EventProcessor> wereRunning = processors.stream().filter(EventProcessor::isRunning).toList();
        processors.forEach(EventProcessor::shutDown);
        try {
            transactions.executeWithoutResult(status -> {
                tables.swap(SCHEMA, RETIRED, run.tables);
                handover.finish();
                GapAwareTrackingToken reached = GapAwareTrackingToken.newInstance(run.head, List.of());
                for (EventProcessor processor : processors) {
                    String name = processor.getName();
                    int[] segments = tokens.fetchSegments(name);
                    if (segments.length == 0) {
                        tokens.initializeTokenSegments(name, 1, reached);
                        continue;
                    }
                    for (int segment : segments) {
                        tokens.storeToken(reached, name, segment);
                        tokens.releaseClaim(name, segment);
                    }
                }
            });
            tables.drop(RETIRED);
            tables.drop(SCHEMA);
            log.info("Rebuilt {}: {} events in {} s; tables swapped in, processors continue after event {}; seconds spent: {}",
                    run.groups, run.events, (clock.millis() - run.startedAt.toEpochMilli()) / 1000, run.head,
                    run.progress().costSeconds());
        } finally {
            wereRunning.forEach(EventProcessor::start);
        }
    }

    private void finish(Run run, String status, String error) {
        run.status = status;
        run.error = error;
        jdbc.update("update projection_rebuild set status = ?, updated_at = ? where id = ?", status,
                java.sql.Timestamp.from(clock.instant()), ID);
    }

    /**
     * The groups' projections with their handlers as Axon's classpath defines them (replay awareness included),
     * without the enhancers the Spring configuration adds: Axon's per-call handler timeout captures a stack trace
     * and schedules a warning for every call of every handler (a quarter of a rebuild's time), and the former
     * groups' handover skips no replayed event anyway.
     */
    private ProjectionHandlers handlers(List<String> groups) {
        List<Object> projections = new ArrayList<>();
        for (Object bean : context.getBeansWithAnnotation(ProcessingGroup.class).values()) {
            ProcessingGroup group = AnnotationUtils.findAnnotation(AopUtils.getTargetClass(bean), ProcessingGroup.class);
            if (group != null && groups.contains(group.value())) {
                projections.add(bean);
            }
        }
        return new ProjectionHandlers(projections, axon.parameterResolverFactory());
    }

    /** The {@code TABLES} a projection declares (a {@code List<String>} or a {@code String[]}), none if it has none. */
    static List<String> tablesOf(Class<?> projection) {
        try {
            Field field = projection.getDeclaredField("TABLES");
            field.setAccessible(true);
            Object value = field.get(null);
            if (value instanceof String[] array) {
                return Arrays.asList(array);
            }
            if (value instanceof List<?> list) {
                return list.stream().map(String::valueOf).toList();
            }
            return List.of();
        } catch (NoSuchFieldException e) {
            return List.of();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("TABLES of " + projection + " not readable", e);
        }
    }

    private void requirePostgres() {
        if (!isPostgres()) {
            throw new DomainException(ErrorCode.CONFLICT, "The bulk rebuild needs PostgreSQL; on the embedded database "
                    + "use POST /api/admin/projections/{name}/replay");
        }
    }

    private boolean isPostgres() {
        Boolean postgres = jdbc.execute((Connection connection) ->
                connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres"));
        return Boolean.TRUE.equals(postgres);
    }

    private static double percent(long from, long head, long position) {
        return head <= from ? 100.0 : Math.floor(1000.0 * (position - from) / (head - from)) / 10;
    }

    /** One rebuild as this instance runs it. */
    private static final class Run {
        final List<String> groups;
        final List<String> tables;
        final long from;
        final long head;
        final Instant startedAt;
        final long resumedAt;
        final long runStartNanos = System.nanoTime();
        volatile long position;
        volatile long events;
        volatile Instant updatedAt;
        volatile String status = "running";
        volatile String error;
        long lastLog = System.nanoTime();
        long lastChunkDone = System.nanoTime();
        /** The rows folded in memory since the first event, while nothing is written; null once written. */
        BatchWrites.Fold fold;
        TransactionStatus foldTransaction;
        int foldedEvents;
        private final Map<String, Long> costNanos = new java.util.concurrent.ConcurrentHashMap<>();

        void cost(String part, long nanos) {
            costNanos.merge(part, nanos, Long::sum);
        }

        Run(List<String> groups, List<String> tables, long from, long head, long position, long events, Instant now) {
            this.groups = groups;
            this.tables = tables;
            this.from = from;
            this.head = head;
            this.position = position;
            this.resumedAt = position;
            this.events = events;
            this.startedAt = now;
            this.updatedAt = now;
        }

        void advance(long last, int count, Instant now) {
            position = last;
            events += count;
            updatedAt = now;
        }

        RebuildProgress progress() {
            double seconds = (System.nanoTime() - runStartNanos) / 1e9;
            long done = position - resumedAt;
            Double rate = seconds > 0 && done > 0 ? done / seconds : null;
            Long eta = rate == null ? null : Math.round((head - position) / rate);
            Map<String, Double> costs = new TreeMap<>();
            costNanos.forEach((part, nanos) -> costs.put(part, Math.round(nanos / 1e7) / 100.0));
            return new RebuildProgress(groups, status, from, head, position, events, percent(from, head, position), rate,
                    eta, startedAt, updatedAt, error, costs);
        }
    }
}
