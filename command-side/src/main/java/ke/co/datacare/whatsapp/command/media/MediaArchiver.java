package ke.co.datacare.whatsapp.command.media;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import ke.co.datacare.whatsapp.command.config.DaemonThreads;
import ke.co.datacare.whatsapp.command.graph.GraphApiClient;
import ke.co.datacare.whatsapp.command.graph.GraphApiException;
import ke.co.datacare.whatsapp.command.graph.MediaDownload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ke.co.datacare.whatsapp.command.config.PeriodicTask;
import org.springframework.context.SmartLifecycle;

/**
 * Fetches each queued media once from Meta and keeps its bytes in the {@link MediaStore}: as many due rows are claimed
 * as places are free ({@code workers}, 32 by default, downloads at once: each mostly waits on Meta), and claimed again
 * as soon as half of them are free, while there is work (the poll interval is for an idle archive): a download that
 * ends frees its place at once instead of waiting for the slowest of its batch. Each is downloaded to a temporary file
 * while its SHA-256 is computed, and stored under it, at most {@link #STORES_AT_ONCE} at a time (storing holds a
 * database connection, of which the pool has few, or an upload). A media Meta no
 * longer has (404) or that is larger than allowed is given up at once; other failures are retried with a backoff
 * that doubles from 10 s to an hour, up to {@code maxAttempts}. The lag from queueing to keeping is a timer
 * ({@code datacare.media.archive.lag}); what waits and what was given up are gauges.
 */
final class MediaArchiver implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MediaArchiver.class);
    private static final Duration CLAIM = Duration.ofMinutes(5);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(10);
    private static final Duration LONGEST_RETRY = Duration.ofHours(1);
    /** Downloads that store their bytes at once; the others wait, holding nothing but their temporary file. */
    static final int STORES_AT_ONCE = 4;

    private final MediaArchive archive;
    private final MediaStore store;
    private final GraphApiClient graph;
    private final MediaArchiveProperties properties;
    private final Clock clock;
    private final Timer lag;
    private final Counter givenUp;
    /** Places for downloads at once ({@code workers}): taken when a media is claimed, freed when its download ends. */
    private final Semaphore free;
    private final Semaphore storing = new Semaphore(STORES_AT_ONCE);
    private PeriodicTask poller;
    private volatile ExecutorService workers;

    MediaArchiver(MediaArchive archive, MediaStore store, GraphApiClient graph, MediaArchiveProperties properties,
                  Clock clock, MeterRegistry meters) {
        this.archive = archive;
        this.store = store;
        this.graph = graph;
        this.properties = properties;
        this.clock = clock;
        this.free = new Semaphore(properties.workers());
        this.lag = Timer.builder("datacare.media.archive.lag").description("from the media's arrival to its bytes kept")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.givenUp = meters.counter("datacare.media.archive.given.up");
        Gauge.builder("datacare.media.archive.pending", archive, a -> a.backlog().pending()).register(meters);
    }

    @Override
    public synchronized void start() {
        workers = Executors.newFixedThreadPool(properties.workers(), DaemonThreads.named("media-archiver"));
        poller = new PeriodicTask("media-archive-poller", properties.pollInterval(), this::round);
        poller.start();
    }

    @Override
    public synchronized void stop() {
        if (poller != null) {
            poller.stop();
            workers.shutdownNow();
            poller = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return poller != null;
    }

    /**
     * Claims what is due and fetches it, as many at a time as there are free places, again as soon as half of them
     * are free while claims come full. A download still running when the round ends keeps its place into the next
     * round, so the archive never has more than {@code workers} downloads at once and never waits for a slow one.
     */
    void round() {
        int half = (properties.workers() + 1) / 2;
        try {
            int asked;
            List<MediaArchive.Claimed> claimed;
            do {
                free.acquire(half);
                free.release(half);
                asked = free.availablePermits();
                Instant now = clock.instant();
                claimed = archive.claimDue(now, now.plus(CLAIM), asked);
                for (MediaArchive.Claimed media : claimed) {
                    free.acquire();
                    download(media);
                }
            } while (claimed.size() == asked && isRunning());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Media archive round failed: {}", e.toString());
        }
    }

    /** Fetches {@code media} on a worker, which frees its place when done (a claim not started is taken again later). */
    private void download(MediaArchive.Claimed media) {
        try {
            workers.execute(() -> {
                try {
                    fetch(media);
                } finally {
                    free.release();
                }
            });
        } catch (RejectedExecutionException stopping) {
            free.release();
            throw stopping;
        }
    }

    private void fetch(MediaArchive.Claimed media) {
        Path file = null;
        try {
            MediaDownload info = graph.resolveMedia(media.mediaId());
            if (info.fileSize() > properties.maxSize().toBytes()) {
                giveUp(media, "larger than datacare.media.archive.max-size (" + info.fileSize() + " bytes)");
                return;
            }
            file = Files.createTempFile("media-", ".part");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long size;
            try (BoundedOutput out = new BoundedOutput(new DigestOutputStream(Files.newOutputStream(file), sha256),
                    properties.maxSize().toBytes())) {
                graph.streamMedia(media.mediaId(), out);
                size = out.written;
            }
            keep(media, HexFormat.of().formatHex(sha256.digest()), file, size, info.mimeType());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TooLarge e) {
            giveUp(media, "larger than datacare.media.archive.max-size");
        } catch (GraphApiException e) {
            if (e.error().httpStatus() == 404 || Integer.valueOf(100).equals(e.error().code())) {
                giveUp(media, "Meta no longer has it: " + e.error().title());
            } else {
                retry(media, "Meta answered " + e.error().httpStatus() + " " + e.error().title());
            }
        } catch (IOException | RuntimeException e) {
            retry(media, e.toString());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        } finally {
            deleteQuietly(file);
        }
    }

    private void keep(MediaArchive.Claimed media, String digest, Path file, long size, String mimeType)
            throws IOException, InterruptedException {
        storing.acquire();
        try {
            store.put(digest, file, size);
            Instant now = clock.instant();
            archive.stored(media.mediaId(), digest, mimeType, size, now);
            lag.record(Duration.between(media.queuedAt(), now));
        } finally {
            storing.release();
        }
    }

    private void retry(MediaArchive.Claimed media, String error) {
        if (media.attempts() >= properties.maxAttempts()) {
            giveUp(media, error + " (after " + media.attempts() + " attempts)");
            return;
        }
        Duration backoff = FIRST_RETRY.multipliedBy(1L << Math.min(media.attempts() - 1, 20));
        archive.retryAt(media.mediaId(), error, clock.instant().plus(backoff.compareTo(LONGEST_RETRY) > 0
                ? LONGEST_RETRY : backoff));
    }

    private void giveUp(MediaArchive.Claimed media, String reason) {
        log.warn("Media {} is not kept: {}", media.mediaId(), reason);
        givenUp.increment();
        archive.failed(media.mediaId(), reason);
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            log.debug("Temporary media file {} not deleted: {}", file, e.toString());
        }
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("media larger than allowed");
        }
    }

    /** Stops a download that grows past the limit (Meta's stated size can be missing or wrong). */
    private static final class BoundedOutput extends OutputStream {
        private final OutputStream out;
        private final long limit;
        private long written;

        BoundedOutput(OutputStream out, long limit) {
            this.out = out;
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            count(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            count(len);
            out.write(b, off, len);
        }

        private void count(int more) throws TooLarge {
            written += more;
            if (written > limit) {
                throw new TooLarge();
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
