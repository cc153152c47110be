package ke.co.datacare.whatsapp.command.webhook;

import ke.co.datacare.whatsapp.command.batch.CommandBatch;
import ke.co.datacare.whatsapp.command.config.DaemonThreads;
import ke.co.datacare.whatsapp.command.partition.PartitionClaims;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import javax.sql.DataSource;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Drains the webhook inbox, partitioned by customer: {@code dispatchWorkers} workers per instance each own some of the
 * {@code partitions} ({@link PartitionClaims}: PostgreSQL advisory locks, rebalanced as workers come and go, taken
 * over when an instance dies) and dispatch their rows in id order, so one customer's (and conversation's) webhooks
 * keep their order while different customers go in parallel, on one instance or many. Each row (one customer's part
 * of a stored body) is parsed and dispatched as commands inside one transaction together with marking it processed
 * (several rows share one, see {@link #dispatchBatch}), so a crash at any point either keeps the row pending (and it
 * is dispatched again, which the aggregates ignore as duplicates) or commits both. A row that fails is retried with backoff and parked with its error after
 * {@code maxAttempts}, never dropped; a row that failed for want of a database, or on a detected deadlock, is due again
 * at once ({@link DispatchFailure}).
 */
public class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final CommandBatch batch;
    private final WebhookParser parser;
    private final WebhookCommands commands;
    private final InboxSignal signal;
    private final WebhookProperties properties;
    private final Clock clock;
    private final WebhookInbox inbox;
    private final RememberedAggregates aggregates;
    private volatile boolean running;
    private final List<Thread> workers = new ArrayList<>();

    WebhookDispatcher(DataSource dataSource, JdbcTemplate jdbc, CommandBatch batch, WebhookParser parser,
                      WebhookCommands commands, InboxSignal signal, WebhookProperties properties, Clock clock,
                      WebhookInbox inbox, RememberedAggregates aggregates) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.batch = batch;
        this.parser = parser;
        this.commands = commands;
        this.signal = signal;
        this.properties = properties;
        this.clock = clock;
        this.inbox = inbox;
        this.aggregates = aggregates;
    }

    private record Row(long id, byte[] body, Instant receivedAt, String sha256, String correlationId, String customerKey,
                       boolean wholeBody) {
    }

    /**
     * Dispatches the next pending rows of the given partitions and returns how many it finished (processed or parked).
     * Up to {@code rowsPerUnitOfWork} rows go together in one transaction and unit of work ({@link CommandBatch}):
     * their commands, their events appended in one batch, their "processed" marks. Their aggregates stay locked until
     * the batch commits, which is safe because a worker's partitions hold customers no other worker dispatches; another
     * thread that waits for one of them (the bot, an agent) waits for the batch, and a cycle of waits between
     * aggregates is found by Axon's lock factory and fails one side. A batch that fails is rolled back and its rows
     * are dispatched one by one, so a row that fails alone is retried or parked alone. The rows are parsed once, before
     * the batch, which declares the contacts and conversations they will load ({@link RememberedAggregates}).
     */
    int dispatchBatch(Set<Integer> partitions) {
        List<Row> rows = pending(partitions, properties.dispatchBatch());
        int done = 0;
        for (int from = 0; from < rows.size() && running; from += properties.rowsPerUnitOfWork()) {
            List<Row> together = rows.subList(from, Math.min(rows.size(), from + properties.rowsPerUnitOfWork()));
            done += together.size();
            boolean databaseAway = false;
            Map<Long, List<WebhookItem>> parsed = new HashMap<>();
            for (CommandBatch.Failure<Row> failure : batch.together(together, some -> aggregatesOf(some, parsed),
                    row -> dispatch(row, together, parsed))) {
                DispatchFailure kind = DispatchFailure.of(failure.cause());
                if (!recordFailure(failure.item(), failure.cause(), kind)) {
                    done--;
                }
                databaseAway |= kind == DispatchFailure.DATABASE_UNAVAILABLE;
            }
            if (databaseAway) {
                return 0;
            }
        }
        return done;
    }

    /**
     * In the caller's transaction: the row's commands (unless it was dispatched before) and its "processed" mark, which
     * is written with the marks of the other rows of the unit of work in one statement when it prepares its commit
     * ({@link ProcessedMarks}). Where each row of the unit of work stands is looked up once, for all of them, as it
     * dispatches its first ({@link #progressOf}).
     */
    private void dispatch(Row row, List<Row> together, Map<Long, List<WebhookItem>> parsed) {
        ProcessedMarks marks = ProcessedMarks.of(CurrentUnitOfWork.get().root(), this::markProcessed,
                () -> progressOf(together));
        Progress progress = marks.hasSameBody(row) ? Progress.REDELIVERY : marks.progressOf(row);
        if (progress == Progress.PENDING) {
            handle(row, parsed);
        }
        if (progress != Progress.DONE) {
            marks.add(row);
        }
    }

    /**
     * The rows a unit of work marks processed, written in one statement as it prepares its commit (in its
     * transaction, so a rollback keeps them pending), and where its rows stood when it began. A later row of the same
     * unit of work with the same customer's part of the same body is a redelivery, as if the earlier mark were
     * already written.
     */
    private static final class ProcessedMarks {

        private final List<Long> ids = new ArrayList<>();
        private final Set<List<Object>> bodies = new HashSet<>();
        private final Map<Long, Progress> before;

        private ProcessedMarks(Map<Long, Progress> before) {
            this.before = before;
        }

        static ProcessedMarks of(UnitOfWork<?> unitOfWork, Consumer<List<Long>> write,
                                 Supplier<Map<Long, Progress>> before) {
            return unitOfWork.getOrComputeResource(ProcessedMarks.class.getName(), key -> {
                ProcessedMarks marks = new ProcessedMarks(before.get());
                unitOfWork.onPrepareCommit(u -> write.accept(marks.ids));
                return marks;
            });
        }

        private static List<Object> body(Row row) {
            return Arrays.asList(row.sha256(), row.customerKey(), row.wholeBody());
        }

        Progress progressOf(Row row) {
            return before.getOrDefault(row.id(), Progress.PENDING);
        }

        boolean hasSameBody(Row row) {
            return bodies.contains(body(row));
        }

        void add(Row row) {
            ids.add(row.id());
            bodies.add(body(row));
        }
    }

    private void handle(Row row, Map<Long, List<WebhookItem>> parsed) {
        if (row.correlationId() != null) {
            MDC.put("correlationId", row.correlationId());
        }
        try {
            List<WebhookItem> items = parsed.get(row.id());
            commands.dispatch(items != null ? items : itemsOf(row));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored webhook " + row.id() + " is not readable", e);
        } finally {
            MDC.remove("correlationId");
        }
    }

    /** The row's items: the whole body's, or its customer's part. */
    private List<WebhookItem> itemsOf(Row row) throws java.io.IOException {
        List<WebhookItem> items = parser.parse(row.body(), row.receivedAt());
        return row.wholeBody() ? items : itemsOf(row.customerKey(), items);
    }

    /**
     * The contacts and conversations the rows will load, as far as this instance knows them; each row parsed here is
     * kept for its dispatch (one that cannot be parsed is left to fail there).
     */
    private Collection<String> aggregatesOf(List<Row> rows, Map<Long, List<WebhookItem>> parsed) {
        Set<String> ids = new HashSet<>();
        for (Row row : rows) {
            try {
                List<WebhookItem> items = parsed.get(row.id());
                if (items == null) {
                    items = itemsOf(row);
                    parsed.put(row.id(), items);
                }
                aggregates.addTo(ids, items);
            } catch (java.io.IOException | RuntimeException unreadable) {
                log.debug("Webhook {} not parsed ahead of its batch: {}", row.id(), unreadable.toString());
            }
        }
        return ids;
    }

    private static List<WebhookItem> itemsOf(String customerKey, List<WebhookItem> items) {
        List<WebhookItem> own = new ArrayList<>(items.size());
        for (WebhookItem item : items) {
            if (Objects.equals(customerKey, CustomerKey.of(item))) {
                own.add(item);
            }
        }
        return own;
    }

    private enum Progress { PENDING, REDELIVERY, DONE }

    /**
     * Where each row stands, in one look-up for them all: done already (another worker dispatched it since it was
     * read), a byte-identical redelivery of the same customer's part of a body dispatched before (marked processed
     * without commands), or pending (rows not in the answer).
     */
    private Map<Long, Progress> progressOf(List<Row> rows) {
        Map<Long, Progress> progress = new HashMap<>();
        if (rows.isEmpty()) {
            return progress;
        }
        Map<List<Object>, Set<Long>> processed = new HashMap<>();
        jdbc.query("select id, body_sha256, customer_key, whole_body from webhook_inbox where processed_at is not null "
                        + "and body_sha256 in (" + String.join(",", Collections.nCopies(rows.size(), "?")) + ")",
                (RowCallbackHandler) rs -> processed.computeIfAbsent(Arrays.asList(rs.getString(2), rs.getString(3),
                        rs.getBoolean(4)), body -> new HashSet<>()).add(rs.getLong(1)),
                rows.stream().map(Row::sha256).toArray());
        for (Row row : rows) {
            Set<Long> ids = processed.getOrDefault(ProcessedMarks.body(row), Set.of());
            if (ids.contains(row.id())) {
                progress.put(row.id(), Progress.DONE);
            } else if (!ids.isEmpty()) {
                progress.put(row.id(), Progress.REDELIVERY);
            }
        }
        return progress;
    }

    /** The next pending rows of the partitions in id order (a row waiting for its retry is passed, as before). */
    private List<Row> pending(Set<Integer> partitions, int limit) {
        return jdbc.query("select id, body, received_at, body_sha256, correlation_id, customer_key, whole_body "
                        + "from webhook_inbox where processed_at is null and parked = false and partition_no in ("
                        + inList(partitions) + ") "
                        + "and (next_attempt_at is null or next_attempt_at <= ?) order by id limit ?",
                (rs, i) -> new Row(rs.getLong(1), rs.getBytes(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getBoolean(7)),
                Timestamp.from(clock.instant()), limit);
    }

    /** Partition numbers or row ids (whole numbers only) as an SQL list: the same statement runs on PostgreSQL and H2. */
    private static String inList(Collection<? extends Number> numbers) {
        StringBuilder list = new StringBuilder();
        for (Number number : numbers) {
            list.append(list.isEmpty() ? "" : ",").append(number.longValue());
        }
        return list.toString();
    }

    private Instant oldestPending(Set<Integer> partitions) {
        List<Timestamp> oldest = jdbc.queryForList("select received_at from webhook_inbox where processed_at is null "
                + "and parked = false and partition_no in (" + inList(partitions) + ") order by id limit 1", Timestamp.class);
        return oldest.isEmpty() ? null : oldest.get(0).toInstant();
    }

    private void markProcessed(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.update("update webhook_inbox set processed_at = ? where id in (" + inList(ids) + ")",
                Timestamp.from(clock.instant()));
    }

    /**
     * Records why the row failed and when it is due again ({@link DispatchFailure}): a failure of the row itself is
     * counted and backed off, a missing database neither (the row is due again as soon as the database answers), a
     * detected deadlock or concurrent change is counted and due at once. Returns whether the row is now parked.
     */
    private boolean recordFailure(Row row, RuntimeException failure, DispatchFailure kind) {
        if (kind == DispatchFailure.OF_THE_ROW) {
            log.error("Webhook {} could not be dispatched: {}", row.id(), failure.toString());
        } else {
            log.warn("Webhook {} could not be dispatched ({}), due again at once: {}", row.id(), kind, failure.toString());
        }
        String error = String.valueOf(failure);
        String truncated = error.length() > 2000 ? error.substring(0, 2000) : error;
        Integer attempts = jdbc.queryForObject("select attempts from webhook_inbox where id = ?", Integer.class, row.id());
        int next = (attempts == null ? 0 : attempts) + (kind.counted() ? 1 : 0);
        boolean park = kind.counted() && next >= properties.maxAttempts();
        jdbc.update("update webhook_inbox set attempts = ?, last_error = ?, parked = ?, next_attempt_at = ? where id = ?",
                next, truncated, park, Timestamp.from(clock.instant().plus(kind.retryAfter(next))), row.id());
        return park;
    }

    /** One worker: claims its share of the partitions, dispatches their rows, waits for new ones when idle. */
    private void work(int worker) {
        BurstPolicy burst = new BurstPolicy(properties.burstRate(), properties.maxDeferral());
        try (PartitionClaims claims = new PartitionClaims(dataSource, PartitionClaims.Kind.WEBHOOKS, properties.partitions(), worker,
                properties.dispatchWorkers())) {
            long rebalanceDue = 0;
            while (running) {
                try {
                    if (System.nanoTime() - rebalanceDue >= 0) {
                        claims.rebalance();
                        rebalanceDue = System.nanoTime() + properties.rebalanceInterval().toNanos();
                    }
                    Set<Integer> owned = claims.held();
                    long seen = signal.generation();
                    if (owned.isEmpty()) {
                        signal.await(seen, properties.rebalanceInterval());
                    } else if (burst.bursting(inbox.appended(), System.nanoTime())
                            && burst.mayWait(oldestPending(owned), clock.instant())) {
                        sleepQuietly(properties.idlePoll());
                    } else if (dispatchBatch(owned) == 0) {
                        signal.await(seen, properties.idlePoll());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    log.warn("Webhook dispatch round failed: {}", e.toString());
                    sleepQuietly(properties.idlePoll());
                }
            }
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        ThreadFactory threads = DaemonThreads.named("webhook-dispatcher");
        for (int i = 0; i < properties.dispatchWorkers(); i++) {
            int index = i;
            Thread worker = threads.newThread(() -> work(index));
            worker.start();
            workers.add(worker);
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        signal.wake();
        for (Thread worker : workers) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 10;
    }
}
