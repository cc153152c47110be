package ke.co.datacare.whatsapp.query.batch;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The writes of a projection for one batch of events. A processor handles a batch of events in one unit of work
 * and one transaction; a projection keeps the rows it reads and changes in a {@link Batch} of that unit of work and
 * writes them when the unit of work commits, just before its transaction does, with JDBC batch statements: a few
 * round trips per batch instead of several per event. The rows are read at most once per batch, and the projection
 * applies its events to them in memory, in order, so what it writes is what the statements one by one would have
 * left. Outside a unit of work (a projection fed directly, as in tests) every change is written at once, and so in a
 * batch whose writes failed once, handled again event by event ({@link EventByEvent}).
 */
public final class BatchWrites {

    /** The in-memory state of one projection for one batch; {@link #flush()} writes it. */
    public interface Batch {
        void flush();

        /**
         * Whether {@link #flush()} writes only through {@link #executeAll} (directly, or by {@link Statements},
         * {@link Ordered} or {@link #upsert}) and reads nothing: then a fold's end write applies its statements to
         * rows in memory and writes each row once, in its final state ({@link RowsInMemory}).
         */
        default boolean writesOnlyStatements() {
            return false;
        }
    }

    private BatchWrites() {
    }

    /**
     * The batch of {@code key} for the unit of work handling the current event, created and registered to be
     * flushed before the unit of work commits; without a unit of work, or in a batch of events handled event by event
     * ({@link EventByEvent}), a new batch that the caller flushes with {@link #done(Batch)} when the event is handled.
     */
    public static <T extends Batch> T current(String key, Supplier<T> create) {
        Fold carrying = CARRYING.get();
        if (carrying != null) {
            // a fold's chunk, after its first look-up: one map look-up per event
            @SuppressWarnings("unchecked")
            T carried = (T) carrying.batches.get(key);
            if (carried != null) {
                return carried;
            }
        }
        if (!CurrentUnitOfWork.isStarted() || EventByEvent.active()) {
            return create.get();
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        T known = root.getResource(key);
        if (known != null) {
            // every event after a batch's first: one look-up
            return known;
        }
        if (root instanceof BatchingUnitOfWork<?> batchOfEvents) {
            // registered before the batch is created: a batch's constructor asks for the aggregates
            root.getOrComputeResource(AGGREGATES, ignored -> new Aggregates(batchOfEvents));
        }
        Fold fold = root.getResource(FOLD);
        if (fold != null) {
            @SuppressWarnings("unchecked")
            T carried = (T) fold.batches.computeIfAbsent(key, ignored -> create.get());
            root.resources().put(key, carried);
            CARRYING.set(fold);
            return carried;
        }
        T batch = create.get();
        root.resources().put(key, batch);
        root.onPrepareCommit(unitOfWork -> {
            long started = System.nanoTime();
            try {
                batch.flush();
            } catch (RuntimeException e) {
                if (root instanceof BatchingUnitOfWork<?> failed && root.getResource(FRESH_TABLES) == null) {
                    EventByEvent.flushFailed(failed, key, e);
                }
                throw e;
            }
            flushed(key, System.nanoTime() - started);
        });
        return batch;
    }

    private static void flushed(String key, long nanos) {
        FLUSH_NANOS.computeIfAbsent(key, name -> new java.util.concurrent.atomic.LongAdder()).add(nanos);
    }

    private static final String FOLD = BatchWrites.class.getName() + ".fold";

    /**
     * The fold whose chunk the thread is handling, once a batch was looked up in it (the chunk is not handled event
     * by event then, {@link EventByEvent}): later look-ups of the chunk skip the unit of work; cleared by
     * {@link #chunkHandled()}.
     */
    private static final ThreadLocal<Fold> CARRYING = new ThreadLocal<>();

    /** Called by whoever handed a chunk of events to a fold's batches once the chunk is handled, or failed. */
    public static void chunkHandled() {
        CARRYING.remove();
    }

    /**
     * The projections' batches of a rebuild that starts from empty tables, kept across its chunks: every row the
     * history makes is folded in memory, whatever chunk its events are in, and written once by {@link #flush()},
     * instead of every chunk reading back and rewriting the rows of the chunks before it. While a fold is carried
     * into a chunk ({@link #carryInto}) a row missing from a batch is missing from its table
     * ({@link #unwrittenRowsAbsent()}), so the batches look nothing up. The caller keeps one transaction open from
     * the fold's first chunk to its flush.
     */
    public static final class Fold {
        private final Map<String, Batch> batches = new LinkedHashMap<>();

        /** Makes the batches of {@code chunk} those of this fold; nothing is written when the chunk commits. */
        public void carryInto(UnitOfWork<?> chunk) {
            intoFreshTables(chunk);
            chunk.resources().put(FOLD, this);
        }

        /** Writes every batch, in the order they were created, into the fresh tables, and starts afresh. */
        public void flush() {
            FLUSHING_FOLD.set(Boolean.TRUE);
            try {
                for (var written = batches.entrySet().iterator(); written.hasNext(); ) {
                    Map.Entry<String, Batch> batch = written.next();
                    long started = System.nanoTime();
                    if (batch.getValue().writesOnlyStatements()) {
                        RowsInMemory rows = new RowsInMemory();
                        IN_MEMORY.set(rows);
                        try {
                            batch.getValue().flush();
                            rows.write();
                        } finally {
                            IN_MEMORY.remove();
                        }
                    } else {
                        batch.getValue().flush();
                    }
                    flushed(batch.getKey(), System.nanoTime() - started);
                    // its rows are in the tables now: the batch's memory goes before the next batch is written
                    written.remove();
                }
            } finally {
                FLUSHING_FOLD.remove();
            }
            batches.clear();
        }
    }

    /**
     * Whether the event in hand is folded into a rebuild's fresh tables that hold nothing yet ({@link Fold}): a row
     * that the projection's batch does not hold is not in its table either, so there is nothing to read.
     */
    public static boolean unwrittenRowsAbsent() {
        return CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().root().getResource(FOLD) != null;
    }

    private static final Map<String, java.util.concurrent.atomic.LongAdder> FLUSH_NANOS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Nanoseconds spent writing batches so far, per batch key (the projection's class name), for cost reports. */
    public static Map<String, Long> flushNanos() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        FLUSH_NANOS.forEach((key, nanos) -> copy.put(key, nanos.sum()));
        return copy;
    }

    /**
     * Writes the batch now unless a unit of work will; in a batch of events handled event by event, undoing the
     * event's writes in every projection if it fails ({@link EventByEvent}).
     */
    public static void done(Batch batch) {
        if (!CurrentUnitOfWork.isStarted()) {
            batch.flush();
        } else if (EventByEvent.active()) {
            EventByEvent.flush(batch);
        }
    }

    /**
     * Statements kept per SQL text, each text's rows in the order they were added, executed text by text: first the
     * texts given to the constructor, in that order, then the others in the order they first appeared. Callers add
     * only statements that commute with those of the texts executed before or after them.
     */
    public static final class Statements {
        private final Map<String, List<Object[]>> bySql = new LinkedHashMap<>();
        private final String[] order;

        public Statements(String... order) {
            this.order = order;
            prepare();
        }

        private void prepare() {
            for (String sql : order) {
                bySql.put(sql, new ArrayList<>());
            }
        }

        public void add(String sql, Object... arguments) {
            bySql.computeIfAbsent(sql, ignored -> new ArrayList<>()).add(arguments);
        }

        public void execute(JdbcTemplate jdbc) {
            for (var texts = bySql.entrySet().iterator(); texts.hasNext(); ) {
                Map.Entry<String, List<Object[]>> text = texts.next();
                executeAll(jdbc, text.getKey(), text.getValue(), true);
                texts.remove();
            }
            prepare();
        }
    }

    /** Statements executed in the order they were added; consecutive ones of the same SQL text go in one JDBC batch. */
    public static final class Ordered {
        private final List<String> texts = new ArrayList<>();
        private final List<Object[]> rows = new ArrayList<>();

        public void add(String sql, Object... arguments) {
            texts.add(sql);
            rows.add(arguments);
        }

        public void execute(JdbcTemplate jdbc) {
            int from = 0;
            for (int i = 1; i <= texts.size(); i++) {
                if (i == texts.size() || !texts.get(i).equals(texts.get(from))) {
                    executeAll(jdbc, texts.get(from), rows.subList(from, i), true);
                    from = i;
                }
            }
            texts.clear();
            rows.clear();
        }
    }

    private static final String FRESH_TABLES = BatchWrites.class.getName() + ".fresh-tables";

    /**
     * Marks {@code chunk} as writing into fresh tables that nobody else writes (a rebuild's): its inserts of absent
     * rows go as sets ({@link AbsentRows}) instead of one statement a row.
     */
    public static void intoFreshTables(UnitOfWork<?> chunk) {
        chunk.resources().put(FRESH_TABLES, Boolean.TRUE);
    }

    /** The rows in memory of the batch whose part of a {@link Fold} is being written, if it writes only statements. */
    private static final ThreadLocal<RowsInMemory> IN_MEMORY = new ThreadLocal<>();

    /** Set while a {@link Fold} is written (outside any unit of work). */
    private static final ThreadLocal<Boolean> FLUSHING_FOLD = new ThreadLocal<>();

    private static boolean freshTables() {
        return FLUSHING_FOLD.get() != null
                || CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().root().getResource(FRESH_TABLES) != null;
    }

    /**
     * Whether the event in hand is handled in a batch of events (a processor's or a rebuild's chunk) whose writes wait
     * for the end of the batch.
     */
    public static boolean inBatchOfEvents() {
        return CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?>
                && !EventByEvent.active();
    }

    /**
     * The aggregate identifiers of the events of the batch in hand (empty outside a processor's batch), so that a
     * projection can read the rows the batch will need in one query.
     */
    public static Set<String> aggregatesInBatch() {
        if (!inBatchOfEvents() || !(CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch)) {
            return Set.of();
        }
        Aggregates gathered = batch.getResource(AGGREGATES);
        return gathered == null ? new Aggregates(batch).identifiers() : gathered.identifiers();
    }

    private static final String AGGREGATES = BatchWrites.class.getName() + ".aggregates";

    /** The aggregate identifiers of a batch of events, gathered once for all the projections that ask. */
    private static final class Aggregates {
        private final BatchingUnitOfWork<?> batch;
        private Set<String> identifiers;

        Aggregates(BatchingUnitOfWork<?> batch) {
            this.batch = batch;
        }

        Set<String> identifiers() {
            if (identifiers == null) {
                Set<String> gathered = new LinkedHashSet<>();
                for (Message<?> message : batch.getMessages()) {
                    if (message instanceof DomainEventMessage<?> event && event.getAggregateIdentifier() != null) {
                        gathered.add(event.getAggregateIdentifier());
                    }
                }
                identifiers = Collections.unmodifiableSet(gathered);
            }
            return identifiers;
        }
    }

    /**
     * The payloads of the events of the batch in hand whose payload type is one of {@code types} (none outside a
     * processor's batch), so that a projection can read the rows they name in one query. Events of other types are
     * not deserialized.
     */
    public static List<Object> payloadsInBatch(Set<Class<?>> types) {
        if (!inBatchOfEvents() || !(CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch)) {
            return List.of();
        }
        List<Object> payloads = new ArrayList<>();
        for (Message<?> message : batch.getMessages()) {
            if (types.contains(message.getPayloadType())) {
                payloads.add(message.getPayload());
            }
        }
        return payloads;
    }

    /** Reads rows by key in chunks: {@code sqlPrefix} ends with {@code in}, the list of placeholders is appended. */
    public static void queryIn(JdbcTemplate jdbc, String sqlPrefix, Collection<String> keys, RowCallbackHandler rows) {
        List<String> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
            jdbc.query(sqlPrefix + " (" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")", rows,
                    chunk.toArray());
        }
    }

    private static final int IN_CHUNK = 500;

    /** The SQL timestamp of an instant of an event (null for none). */
    public static java.sql.Timestamp timestamp(java.time.Instant instant) {
        return instant == null ? null : java.sql.Timestamp.from(instant);
    }

    /** The instant of a column's timestamp (null for none). */
    public static java.time.Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /**
     * Runs one statement for each row of arguments; returns the rows each changed. A plain insert
     * ({@code insert into t (a, b) values (?, ?)}) of several rows is copied on PostgreSQL ({@link CopyRows}: one
     * {@code COPY ... FROM STDIN}), elsewhere (or for values COPY cannot carry) sent as multi-row inserts of up to
     * {@value #ROWS_PER_INSERT} rows each: one statement for the server to plan and run instead of one a row, with the
     * same rows (a failing row fails its statement and so the transaction, as in a batch).
     */
    public static int[] executeAll(JdbcTemplate jdbc, String sql, List<Object[]> rows) {
        return executeAll(jdbc, sql, rows, false);
    }

    /**
     * As {@link #executeAll(JdbcTemplate, String, List)}; with {@code owned}, rows that the end write of a fold applies
     * in memory are released from {@code rows} as they are applied (the caller drops the list afterwards).
     */
    private static int[] executeAll(JdbcTemplate jdbc, String sql, List<Object[]> rows, boolean owned) {
        if (rows.isEmpty()) {
            return new int[0];
        }
        RowsInMemory inMemory = IN_MEMORY.get();
        if (inMemory != null) {
            int[] applied = inMemory.execute(jdbc, sql, rows, owned);
            if (applied != null) {
                return applied;
            }
        }
        if (rows.size() == 1) {
            return new int[]{jdbc.update(sql, rows.get(0))};
        }
        if (freshTables()) {
            int[] inserted = AbsentRows.insert(jdbc, sql, rows);
            if (inserted != null) {
                return inserted;
            }
        }
        java.util.regex.Matcher insert = PLAIN_INSERT.matcher(sql);
        if (insert.matches()) {
            String tuple = insert.group(4);
            int columns = (int) tuple.chars().filter(c -> c == '?').count();
            if (columns > 0 && rows.stream().allMatch(row -> row.length == columns)) {
                if (ONLY_PARAMETERS.matcher(tuple).matches()
                        && CopyRows.copy(jdbc, insert.group(2), insert.group(3), rows)) {
                    return ones(rows.size());
                }
                return insertRows(jdbc, insert.group(1), tuple, columns, rows);
            }
        }
        return jdbc.batchUpdate(sql, rows);
    }

    private static int[] insertRows(JdbcTemplate jdbc, String head, String tuple, int columns, List<Object[]> rows) {
        int perStatement = Math.max(1, Math.min(ROWS_PER_INSERT, MAX_PARAMETERS / columns));
        for (int from = 0; from < rows.size(); from += perStatement) {
            List<Object[]> slice = rows.subList(from, Math.min(rows.size(), from + perStatement));
            Object[] arguments = new Object[slice.size() * columns];
            for (int i = 0; i < slice.size(); i++) {
                System.arraycopy(slice.get(i), 0, arguments, i * columns, columns);
            }
            jdbc.update(head + String.join(", ", Collections.nCopies(slice.size(), tuple)), arguments);
        }
        return ones(rows.size());
    }

    private static int[] ones(int rows) {
        int[] inserted = new int[rows];
        java.util.Arrays.fill(inserted, 1);
        return inserted;
    }

    /** {@code insert into <table> (<columns>) values} and one row's tuple, with nothing after it. */
    private static final java.util.regex.Pattern PLAIN_INSERT = java.util.regex.Pattern.compile(
            "(?is)^\\s*(insert\\s+into\\s+([\\w.]+)\\s*\\(([^()]*)\\)\\s*values\\s*)(\\([^()']*\\))\\s*$");
    /** A tuple of parameters only, the shape whose rows {@link CopyRows} can copy. */
    private static final java.util.regex.Pattern ONLY_PARAMETERS = java.util.regex.Pattern.compile(
            "\\(\\s*\\?(\\s*,\\s*\\?)*\\s*\\)");
    private static final int ROWS_PER_INSERT = 250;
    /** The PostgreSQL protocol's limit of parameters per statement is 32,767. */
    private static final int MAX_PARAMETERS = 30_000;

    /**
     * Counter rows: runs {@code update} for every row of {@code updates}, then {@code insert} for the rows of
     * {@code inserts} (same order) whose update found nothing.
     */
    public static void upsert(JdbcTemplate jdbc, String update, List<Object[]> updates, String insert, List<Object[]> inserts) {
        int[] updated = executeAll(jdbc, update, updates);
        List<Object[]> missing = new ArrayList<>();
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 0) {
                missing.add(inserts.get(i));
            }
        }
        executeAll(jdbc, insert, missing);
    }
}
