package ke.co.datacare.whatsapp.app.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What the sending benchmarks share: a Graph API stand-in that records arrivals, a memory watch, window counts. */
public final class BenchSupport {

    private BenchSupport() {
    }

    /** The highest number of arrivals within any one-second interval (sliding, not aligned to seconds). */
    public static int maxInAnySecond(long[] sortedNanos) {
        int best = 0;
        int first = 0;
        for (int last = 0; last < sortedNanos.length; last++) {
            while (sortedNanos[last] - sortedNanos[first] >= 1_000_000_000L) {
                first++;
            }
            best = Math.max(best, last - first + 1);
        }
        return best;
    }

    /**
     * Arrivals counted per second from {@code fromNanos} (seconds aligned to it), up to the last arrival at or before
     * {@code toNanos}.
     */
    public static int[] perSecond(long[] sortedNanos, long fromNanos, long toNanos) {
        int[] counts = new int[(int) ((toNanos - fromNanos) / 1_000_000_000L) + 1];
        for (long at : sortedNanos) {
            if (at >= fromNanos && at <= toNanos) {
                counts[(int) ((at - fromNanos) / 1_000_000_000L)]++;
            }
        }
        return counts;
    }

    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** Cores, OS, Java version and the load average now, for a results file. */
    public static String machine() {
        return String.format(Locale.ROOT, "%d CPUs, %s, Java %s, load average at end %s",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                System.getProperty("java.version"), loadAverage());
    }

    /**
     * CPU used so far by this JVM (service and driver) and by the PostgreSQL backends of the bench database (from
     * /proc, 100 ticks/s; a backend that ends between two readings is not counted).
     */
    public record Cpu(long jvmMs, Map<Integer, Long> pgTicks) {

        public static Cpu now(JdbcTemplate jdbc) {
            long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime() / 1_000_000;
            Map<Integer, Long> ticks = new LinkedHashMap<>();
            for (Integer pid : jdbc.queryForList("select pid from pg_stat_activity where datname = current_database()",
                    Integer.class)) {
                ticks.put(pid, ticks(pid));
            }
            return new Cpu(jvm, ticks);
        }

        public long jvmMsSince(Cpu before) {
            return jvmMs - before.jvmMs;
        }

        public long pgMsSince(Cpu before) {
            long total = 0;
            for (Map.Entry<Integer, Long> e : pgTicks.entrySet()) {
                total += e.getValue() - before.pgTicks.getOrDefault(e.getKey(), 0L);
            }
            return total * 10;
        }

        private static long ticks(int pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }

    /** Samples the heap in use and the resident set every 100 ms. */
    public static final class MemoryWatch extends Thread {
        private final AtomicLong peakHeap = new AtomicLong();
        private final AtomicLong peakRss = new AtomicLong();
        private volatile boolean running = true;

        public MemoryWatch() {
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                Runtime runtime = Runtime.getRuntime();
                peakHeap.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
                peakRss.accumulateAndGet(rssBytes(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        public void stopWatching() {
            running = false;
        }

        public long peakHeapMb() {
            return peakHeap.get() / (1024 * 1024);
        }

        public long peakRssMb() {
            return peakRss.get() / (1024 * 1024);
        }

        private static long rssBytes() {
            try {
                return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("VmRSS:"))
                        .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024).findFirst().orElse(0);
            } catch (IOException | NumberFormatException e) {
                return 0;
            }
        }
    }

    /**
     * How long the Graph API stand-in takes to answer a send: a triangular distribution between {@code minMs} and
     * {@code maxMs} whose mean is {@code meanMs} (Meta answers from Nairobi in 100-500 ms; the default 250 ms mean,
     * 150-400 ms range has its mode at 200 ms). {@link #NONE} answers at once.
     */
    public record Latency(int meanMs, int minMs, int maxMs) {

        public static final Latency NONE = new Latency(0, 0, 0);
        public static final Latency META = new Latency(250, 150, 400);

        public Latency {
            int mode = 3 * meanMs - minMs - maxMs;
            if (minMs > maxMs || mode < minMs || mode > maxMs) {
                throw new IllegalArgumentException("no triangular distribution " + minMs + "-" + maxMs + " has mean " + meanMs);
            }
        }

        /** {@code -Dbench.graph-latency=MEAN,MIN,MAX} in ms ({@code 0} for none); Meta's by default. */
        public static Latency fromSystemProperty() {
            String value = System.getProperty("bench.graph-latency", "250,150,400").trim();
            if (value.equals("0")) {
                return NONE;
            }
            String[] parts = value.split(",");
            return new Latency(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                    Integer.parseInt(parts[2].trim()));
        }

        long nextNanos() {
            if (maxMs == 0) {
                return 0;
            }
            double min = minMs, max = maxMs, mode = 3.0 * meanMs - minMs - maxMs;
            double u = ThreadLocalRandom.current().nextDouble();
            double split = (mode - min) / (max - min);
            double ms = u < split ? min + Math.sqrt(u * (max - min) * (mode - min))
                    : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
            return (long) (ms * 1_000_000);
        }

        @Override
        public String toString() {
            return maxMs == 0 ? "none" : meanMs + " ms mean (" + minMs + "-" + maxMs + " ms)";
        }
    }

    /** What the stand-in answers a send to a recipient instead of accepting it: an HTTP status and Meta's error body. */
    public record ErrorAnswer(int httpStatus, int code, String title) {

        /** Meta's rate limit error (HTTP 400, code 130429), transient. */
        public static ErrorAnswer rateLimited() {
            return new ErrorAnswer(400, 130429, "Rate limit hit");
        }

        /** Meta's "message undeliverable" (HTTP 400, code 131026), permanent. */
        public static ErrorAnswer undeliverable() {
            return new ErrorAnswer(400, 131026, "Message Undeliverable");
        }

        String body() {
            return "{\"error\":{\"message\":\"(#" + code + ") " + title + "\",\"type\":\"OAuthException\",\"code\":" + code
                    + ",\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"" + title + "\"},"
                    + "\"fbtrace_id\":\"AbCdEfGhIjK\"}}";
        }
    }

    /**
     * The Graph API stand-in of every sending benchmark, on 127.0.0.1: answers in Meta's formats (a send gets
     * {@code messages[0].id} = a wamid and {@code contacts[0].wa_id}; a planned failure gets Meta's error body) after
     * a {@link Latency} drawn per request, without holding a thread while it waits (answers are written by a
     * scheduler), and records the arrival time of every send (the moment the request reached it) and its recipient.
     * The template listing has {@code december_offer} (marketing, one parameter) and {@code hello_world} (utility).
     */
    public static final class StubGraph {
        private static final String TEMPLATES = "{\"data\":[{\"id\":\"5010000000000003\",\"name\":\"december_offer\","
                + "\"status\":\"APPROVED\",\"category\":\"MARKETING\",\"language\":\"en\",\"components\":[{\"type\":\"BODY\","
                + "\"text\":\"Hi {{1}}, 20% off fibre this December\"}]},{\"id\":\"5010000000000001\",\"name\":\"hello_world\","
                + "\"status\":\"APPROVED\",\"category\":\"UTILITY\",\"language\":\"en_US\",\"components\":[{\"type\":\"BODY\","
                + "\"text\":\"Hello from DataCare\"}]}]}";
        private final HttpServer server;
        private final Latency latency;
        private final ScheduledExecutorService answers = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "graph-stand-in-answers");
            thread.setDaemon(true);
            return thread;
        });
        private final long[] arrivals;
        private final String[] recipients;
        private final Map<String, Long> firstArrival = new ConcurrentHashMap<>();
        private final AtomicInteger count = new AtomicInteger();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger peakInFlight = new AtomicInteger();
        private volatile Function<String, ErrorAnswer> failures = recipient -> null;

        public StubGraph(int capacity) {
            this(capacity, Latency.fromSystemProperty());
        }

        public StubGraph(int capacity, Latency latency) {
            this.latency = latency;
            arrivals = new long[capacity * 2];
            recipients = new String[capacity * 2];
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 2048);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.createContext("/", this::handle);
            server.start();
        }

        public String apiUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/v21.0";
        }

        public Latency latency() {
            return latency;
        }

        /** Answers sends to the recipients for which {@code plan} gives an error with that error (null: accept). */
        public void failures(Function<String, ErrorAnswer> plan) {
            failures = plan;
        }

        private void handle(HttpExchange exchange) throws IOException {
            long at = System.nanoTime();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = 200;
            String answer;
            long delay = 0;
            if (exchange.getRequestURI().getPath().endsWith("/message_templates")) {
                answer = TEMPLATES;
            } else if (body.contains("\"status\":\"read\"")) {
                answer = "{\"success\":true}";
                delay = latency.nextNanos();
            } else {
                int i = count.getAndIncrement();
                int to = body.indexOf("\"to\":\"");
                String recipient = to < 0 ? "?" : body.substring(to + 6, body.indexOf('"', to + 6));
                if (i < arrivals.length) {
                    arrivals[i] = at;
                    recipients[i] = recipient;
                }
                firstArrival.putIfAbsent(recipient, at);
                ErrorAnswer error = failures.apply(recipient);
                if (error != null) {
                    status = error.httpStatus();
                    answer = error.body();
                } else {
                    answer = "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + recipient + "\",\"wa_id\":\""
                            + recipient + "\"}],\"messages\":[{\"id\":\"wamid.BENCH" + i + "\"}]}";
                }
                delay = latency.nextNanos();
            }
            peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            int answerStatus = status;
            Runnable respond = () -> answer(exchange, answerStatus, answer);
            if (delay == 0) {
                respond.run();
            } else {
                answers.schedule(respond, delay - (System.nanoTime() - at), TimeUnit.NANOSECONDS);
            }
        }

        private void answer(HttpExchange exchange, int status, String answer) {
            inFlight.decrementAndGet();
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = exchange.getResponseBody()) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                out.write(bytes);
            } catch (IOException e) {
                // the caller gave up (its timeout); the arrival is recorded all the same
            }
        }

        public long[] arrivals() {
            return Arrays.copyOf(arrivals, Math.min(count.get(), arrivals.length));
        }

        /** The arrival times of the sends to the recipients {@code which} accepts. */
        public long[] arrivals(java.util.function.Predicate<String> which) {
            int n = Math.min(count.get(), arrivals.length);
            return java.util.stream.IntStream.range(0, n).filter(i -> recipients[i] != null && which.test(recipients[i]))
                    .mapToLong(i -> arrivals[i]).toArray();
        }

        /** How many distinct recipients {@code which} accepts were sent to. */
        public long distinctRecipients(java.util.function.Predicate<String> which) {
            return Arrays.stream(recipients, 0, Math.min(count.get(), recipients.length))
                    .filter(r -> r != null && which.test(r)).distinct().count();
        }

        /** When the first send to {@code recipient} arrived (System.nanoTime), or null. */
        public Long arrivalOf(String recipient) {
            return firstArrival.get(recipient);
        }

        public long distinctRecipients() {
            return Arrays.stream(recipients, 0, Math.min(count.get(), recipients.length)).distinct().count();
        }

        /** The most requests the stand-in held unanswered at once. */
        public int peakInFlight() {
            return peakInFlight.get();
        }

        public void stop() {
            server.stop(0);
            answers.shutdownNow();
        }
    }
}
