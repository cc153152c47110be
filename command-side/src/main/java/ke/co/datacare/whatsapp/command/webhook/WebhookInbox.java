package ke.co.datacare.whatsapp.command.webhook;

import ke.co.datacare.whatsapp.command.config.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import javax.sql.DataSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The durable inbox of raw webhook bodies, written with group commit: concurrent requests hand their
 * body to a writer thread, which inserts everything waiting in one transaction and completes every
 * request at once after the commit. One fsync per batch instead of one per request.
 */
public class WebhookInbox implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookInbox.class);
    private static final String INSERT = "insert into webhook_inbox (received_at, body, body_sha256, correlation_id, "
            + "partition_no, customer_key, whole_body) values (?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final Clock clock;
    private final WebhookProperties properties;
    private final InboxSignal signal;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private final AtomicLong appended = new AtomicLong();
    private volatile boolean running;

    public WebhookInbox(DataSource dataSource, Clock clock, WebhookProperties properties, InboxSignal signal) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.properties = properties;
        this.signal = signal;
    }

    /**
     * One customer's share of a body: the dispatcher of {@code partition} dispatches the body's items of
     * {@code customerKey} ({@code null}: the items of no customer), or all of them when {@code wholeBody}.
     */
    record Part(int partition, String customerKey, boolean wholeBody) {
        static Part whole() {
            return new Part(0, null, true);
        }
    }

    private record Pending(byte[] body, String correlationId, List<Part> parts, CompletableFuture<Void> stored) {
    }

    /** Completes once the body is committed (one row per part, in one transaction); fails if it could not be. */
    public CompletableFuture<Void> append(byte[] body, String correlationId, List<Part> parts) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        if (!running) {
            stored.completeExceptionally(new IllegalStateException("the inbox is not running"));
            return stored;
        }
        queue.add(new Pending(body, correlationId, parts.isEmpty() ? List.of(Part.whole()) : parts, stored));
        return stored;
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(properties.maxWriteBatch());
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, properties.maxWriteBatch() - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        Timestamp now = Timestamp.from(clock.instant());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (Pending pending : batch) {
                    String sha256 = sha256(pending.body());
                    for (Part part : pending.parts()) {
                        insert.setTimestamp(1, now);
                        insert.setBytes(2, pending.body());
                        insert.setString(3, sha256);
                        insert.setString(4, pending.correlationId());
                        insert.setInt(5, part.partition());
                        insert.setString(6, part.customerKey());
                        insert.setBoolean(7, part.wholeBody());
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
            appended.addAndGet(batch.size());
            batch.forEach(pending -> pending.stored().complete(null));
            signal.wake();
        } catch (SQLException | RuntimeException e) {
            log.warn("Webhook inbox write of {} bodies failed: {}", batch.size(), e.toString());
            batch.forEach(pending -> pending.stored().completeExceptionally(e));
        }
    }

    /** How many bodies this instance has stored since it started. */
    long appended() {
        return appended.get();
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void start() {
        running = true;
        ThreadFactory threads = DaemonThreads.named("webhook-inbox-writer");
        for (int i = 0; i < properties.writerThreads(); i++) {
            Thread writer = threads.newThread(this::writeLoop);
            writer.start();
            writers.add(writer);
        }
    }

    @Override
    public void stop() {
        running = false;
        for (Thread writer : writers) {
            try {
                writer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 4096;
    }
}
