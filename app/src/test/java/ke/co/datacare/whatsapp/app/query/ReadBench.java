package ke.co.datacare.whatsapp.app.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.app.WhatsAppPlatformApplication;
import ke.co.datacare.whatsapp.app.support.BenchSupport;
import ke.co.datacare.whatsapp.app.support.TestDatabase;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark of every read an agent or analyst makes, not part of the test run (runs only with {@code -Dbench=true}).
 * For each size of {@code -Dbench.sizes} (conversations; default {@code 100000,1000000}; ten messages each) it fills the
 * read-model tables directly with generated rows ({@link ReadModelFill}: SQL {@code generate_series}, no events, no
 * projections), then sends every read of {@link #reads} over HTTP to the running service: {@code -Dbench.requests}
 * (default 100) requests per client from {@code -Dbench.clients} (default 8) concurrent clients, after a warm-up of
 * {@code -Dbench.warm-up} (default 1) requests per client and, before any read is timed, {@code -Dbench.warm-up-pass}
 * (default 200) untimed requests of every read, each read bounded to {@code -Dbench.seconds-per-read} (default 15) seconds. It prints p50 and p99
 * per read and size (the costs over a year read {@link ReadModelFill#PRICED_MESSAGES} messages' worth of rows), one SUMMARY line (target p99 <= 100 ms for every read at the largest size) and writes
 * {@code bench/results/<date>-read.json} and {@code .md}. {@code -Dbench.reads=<text>} times only the reads whose
 * name contains it.
 * <pre>
 * flock /tmp/datacare-bench.lock ./mvnw -o -B -pl app -am test -Dtest=ReadBench -Dbench=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
@SpringBootTest(classes = WhatsAppPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ReadBench {

    private static final List<Integer> SIZES = Arrays.stream(System.getProperty("bench.sizes", "100000,1000000")
            .split(",")).map(String::trim).map(Integer::valueOf).toList();
    private static final int CLIENTS = Integer.getInteger("bench.clients", 8);
    private static final int REQUESTS = Integer.getInteger("bench.requests", 100);
    /** Requests per client before the timed ones: one by default; more to time a read with its code compiled. */
    private static final int WARM_UP = Integer.getInteger("bench.warm-up", 1);
    /**
     * Requests of every read sent (by all the clients together) before any read is timed, at each size: the service's
     * code compiled as it is in a service that has run for a while. Without it the first reads timed paid for the JIT
     * compilation of the whole read path (the C1 and C2 compiler threads used about as much CPU as the request threads
     * over the first run's reads), and each read's figures depended on the reads before it. 200 of each of the 31
     * reads are 6,200 requests: past the 5,000 calls after which C2 compiles a method, for the code that every request
     * runs (40 of each left the compilers busy through every timed read). 0 leaves it out.
     */
    private static final int WARM_UP_PASS = Integer.getInteger("bench.warm-up-pass", 200);
    private static final Duration PER_READ = Duration.ofSeconds(Long.getLong("bench.seconds-per-read", 15));
    private static final double TARGET_MS = 100;
    private static final long EXPORT_EVENTS = Long.getLong("bench.export-events", 1_000_000);
    private static final String LABEL = System.getProperty("bench.label", "");
    /** Only the reads whose name contains one of these texts, comma-separated (all by default): a profile of a few. */
    private static final List<String> ONLY = Arrays.stream(System.getProperty("bench.reads", "").split(","))
            .map(String::trim).toList();
    /** With {@code -Dbench.keep-database=true} the filled database outlives the run (its name is printed): plans. */
    private static final String DATABASE = database("datacare_read_bench_" + Long.toHexString(System.nanoTime()));

    @LocalServerPort
    int port;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    private static String database(String name) {
        if (!Boolean.getBoolean("bench.keep-database")) {
            return TestDatabase.create(name);
        }
        String server = "jdbc:postgresql://" + System.getenv().getOrDefault("TEST_PG_HOST", "127.0.0.1") + ":"
                + System.getenv().getOrDefault("TEST_PG_PORT", "5432") + "/";
        try (Connection connection = DriverManager.getConnection(server + "postgres", TestDatabase.USER, "");
             var statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        System.out.println("database kept after the run: " + name);
        return server + name;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
        registry.add("spring.datasource.username", () -> TestDatabase.USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "24");
        registry.add("datacare.whatsapp.api-url", () -> "http://127.0.0.1:9/v21.0");
        registry.add("logging.level.ke.co.datacare", () -> "WARN");
    }

    record Read(String name, String path) {
    }

    /**
     * One read's figures at one size; {@code jvmCpuMs} and {@code pgCpuMs} are the CPU per request of this JVM (the
     * service and the clients) and of the database's backends: on a loaded machine latency carries the load, CPU per
     * request much less.
     */
    record Timing(String read, int size, int requests, int errors, double p50, double p99, double max,
                  double jvmCpuMs, double jitMs, double requestThreadsMs, double pgCpuMs, String note) {
    }

    @Test
    void every_read_at_one_hundred_thousand_and_one_million_conversations() throws Exception {
        // the generated rows are the read models: no projection may reset or change them
        processing.eventProcessors().values().forEach(EventProcessor::shutDown);
        String token = login();
        String admin = jdbc.queryForObject("select id from app_user where email = 'admin@test.datacare.local'",
                String.class);
        List<Timing> timings = new ArrayList<>();
        Map<Integer, String> fills = new LinkedHashMap<>();
        Map<Integer, String> loads = new LinkedHashMap<>();
        Map<Integer, Map<String, Long>> sizes = new LinkedHashMap<>();
        for (int size : SIZES) {
            System.out.printf(Locale.ROOT, "filling %,d conversations, %,d messages%n", size,
                    (long) size * ReadModelFill.MESSAGES_PER_CONVERSATION + ReadModelFill.LONG_TIMELINE);
            long started = System.nanoTime();
            try (Connection connection = DriverManager.getConnection(DATABASE, TestDatabase.USER, "")) {
                ReadModelFill.fill(connection, size, admin);
            }
            fills.put(size, String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - started) / 1e9));
            sizes.put(size, relationSizes());
            loads.put(size, BenchSupport.loadAverage());
            List<Read> reads = reads(token).stream().filter(read -> ONLY.stream().anyMatch(read.name()::contains))
                    .toList();
            warmUp(reads, token);
            for (Read read : reads) {
                Timing timing = measure(read, size, token);
                timings.add(timing);
                System.out.printf(Locale.ROOT, "%-34s %,10d  n=%4d err=%d  p50 %8.1f ms  p99 %8.1f ms  max %8.1f ms  "
                                + "cpu/request jvm %6.1f ms (jit %5.1f, request threads %5.1f) pg %6.1f ms %s%n", timing.read(),
                        size, timing.requests(), timing.errors(), timing.p50(), timing.p99(), timing.max(),
                        timing.jvmCpuMs(), timing.jitMs(), timing.requestThreadsMs(), timing.pgCpuMs(),
                        timing.note());
            }
        }
        Export export = EXPORT_EVENTS > 0 ? export(token) : null;
        report(timings, fills, loads, sizes, export);
        assertThat(timings).isNotEmpty();
    }

    record Export(long events, long bytes, double seconds, long heapBeforeMb, long heapPeakMb, long maxHeapMb) {
    }

    /**
     * The export of {@code -Dbench.export-events} events (generated straight into {@code domain_event_entry} with
     * {@code generate_series}, payloads of about 200 bytes) through {@code GET /api/admin/events}, read as a stream
     * while the heap of this JVM (the service's) is sampled every 100 ms: constant memory means the peak does not
     * grow with the number of events.
     */
    private Export export(String token) throws Exception {
        try (Connection connection = DriverManager.getConnection(DATABASE, TestDatabase.USER, "");
             var statement = connection.createStatement()) {
            long started = System.nanoTime();
            statement.execute("insert into domain_event_entry (aggregate_identifier, sequence_number, type, "
                    + "event_identifier, payload, payload_revision, payload_type, time_stamp) select 'conv-' || (i % 100000), "
                    + "i / 100000, 'Conversation', 'ev-' || i, convert_to('{\"conversationId\":\"conv-' || (i % 100000) "
                    + "|| '\",\"text\":\"Habari, where is my order number ' || i || ' please\",\"at\":\"2026-01-01T00:00:00Z\"}', "
                    + "'UTF8'), '1', 'ke.co.datacare.whatsapp.api.conversation.CustomerMessageReceived', "
                    + "'2026-01-01T00:00:00Z' from generate_series(1, " + EXPORT_EVENTS + ") i");
            statement.execute("analyze domain_event_entry");
            System.out.printf(Locale.ROOT, "inserted %,d events in %.1f s%n", EXPORT_EVENTS, (System.nanoTime() - started) / 1e9);
        }
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        long before = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
        BenchSupport.MemoryWatch memory = new BenchSupport.MemoryWatch();
        memory.start();
        long started = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/admin/events"))
                .header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        long lines = 0;
        byte[] buffer = new byte[65536];
        try (java.io.InputStream body = response.body()) {
            for (int read; (read = body.read(buffer)) > 0; ) {
                bytes += read;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        memory.stopWatching();
        System.out.printf(Locale.ROOT, "exported %,d events (%,d MB) in %.1f s; heap before %d MB, peak %d MB, max %d MB%n",
                lines, bytes / 1_000_000, seconds, before, memory.peakHeapMb(), runtime.maxMemory() / (1024 * 1024));
        return new Export(lines, bytes, seconds, before, memory.peakHeapMb(), runtime.maxMemory() / (1024 * 1024));
    }

    /** Every read, with the arguments that exercise it; the deep page is found through the API itself. */
    private List<Read> reads(String token) throws Exception {
        LocalDate to = LocalDate.now(ZoneId.of("Africa/Nairobi"));
        String year = "from=" + to.minusDays(364) + "&to=" + to;
        List<Read> reads = new ArrayList<>();
        reads.add(new Read("inbox first page", "/api/conversations?size=50"));
        reads.add(new Read("inbox page 1,000", deepPage(token)));
        reads.add(new Read("search by name", "/api/conversations?q=" + encode("Wanjiru Kamau")));
        reads.add(new Read("search by name prefix", "/api/conversations?q=" + encode("Nyambu")));
        reads.add(new Read("search by phone (+254)", "/api/conversations?q=" + encode("+254700123456")));
        reads.add(new Read("search by phone (07..)", "/api/conversations?q=" + encode("0700123456")));
        reads.add(new Read("search by message text", "/api/conversations?q=kiwanda"));
        reads.add(new Read("contacts search by name", "/api/contacts?search=" + encode("Wanjiru Kamau")));
        reads.add(new Read("contacts search by phone", "/api/contacts?search=" + encode("0700123456")));
        reads.add(new Read("contacts first page", "/api/contacts?size=50"));
        reads.add(new Read("filter status=open", "/api/conversations?status=open"));
        reads.add(new Read("filter assignee", "/api/conversations?assignee=agent-3"));
        reads.add(new Read("filter unassigned", "/api/conversations?unassigned=true"));
        reads.add(new Read("filter mine", "/api/conversations?mine=true"));
        reads.add(new Read("filter tag=vip", "/api/conversations?tag=vip"));
        reads.add(new Read("filter window=open", "/api/conversations?window=open"));
        reads.add(new Read("filter unread", "/api/conversations?unread=true"));
        reads.add(new Read("filter assigned+unread+window", "/api/conversations?status=assigned&unread=true&window=open"));
        reads.add(new Read("filter mine+status=assigned", "/api/conversations?mine=true&status=assigned"));
        reads.add(new Read("filter tag=vip+status=open", "/api/conversations?tag=vip&status=open"));
        reads.add(new Read("filter arrived late", "/api/conversations?arrivedLate=true"));
        reads.add(new Read("analytics overview 365 d", "/api/analytics/overview?" + year));
        reads.add(new Read("analytics overview 365 d weekly", "/api/analytics/overview?" + year + "&granularity=week"));
        reads.add(new Read("analytics agents 365 d", "/api/analytics/agents?" + year));
        reads.add(new Read("analytics templates 365 d", "/api/analytics/templates?" + year));
        reads.add(new Read("analytics costs 365 d", "/api/analytics/costs?" + year));
        reads.add(new Read("analytics costs 365 d weekly", "/api/analytics/costs?" + year + "&granularity=week"));
        reads.add(new Read("search by common word", "/api/conversations?q=habari"));
        reads.add(new Read("contacts search by name prefix", "/api/contacts?search=" + encode("Nyambu")));
        reads.add(new Read("timeline first page of 5,000", "/api/conversations/v1/messages?size=100"));
        reads.add(new Read("timeline page 40 of 5,000", deepTimelinePage(token)));
        return reads;
    }

    /**
     * Page 1,000 of the inbox: with keyset paging the cursor that the 999th page hands out (found once, through the
     * page number), else the page number.
     */
    private String deepPage(String token) throws Exception {
        HttpResponse<String> page999 = get("/api/conversations?size=50&page=999", token);
        String cursor = page999.headers().firstValue("X-Next-Cursor").orElse(null);
        return cursor == null ? "/api/conversations?size=50&page=1000" : "/api/conversations?size=50&cursor=" + encode(cursor);
    }

    /** Page 40 of the long timeline (100 messages a page), after the cursor page 39 hands out. */
    private String deepTimelinePage(String token) throws Exception {
        String path = "/api/conversations/v1/messages?size=100";
        String cursor = null;
        for (int page = 0; page < 39; page++) {
            HttpResponse<String> answer = get(cursor == null ? path : path + "&cursor=" + encode(cursor), token);
            cursor = answer.headers().firstValue("X-Next-Cursor").orElseThrow();
        }
        return path + "&cursor=" + encode(cursor);
    }

    /** {@link #WARM_UP_PASS} requests of every read, from all the clients at once, none of them timed. */
    private void warmUp(List<Read> reads, String token) throws Exception {
        if (WARM_UP_PASS <= 0) {
            return;
        }
        long started = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (Read read : reads) {
                for (int i = 0; i < WARM_UP_PASS; i++) {
                    runs.add(clients.submit(() -> get(read.path(), token)));
                }
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            clients.shutdownNow();
        }
        System.out.printf(Locale.ROOT, "warm-up pass: %d requests of each of %d reads in %.1f s%n", WARM_UP_PASS,
                reads.size(), (System.nanoTime() - started) / 1e9);
    }

    /** Milliseconds the JIT compilers have spent compiling in this JVM so far (the service's and the clients'). */
    private static long jitMs() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    /**
     * CPU time so far of each of the service's request threads (Tomcat's {@code http-nio-*-exec-*}) by thread id: the
     * reads' own work, without the clients, the compilers, the collector or the rate limiter's Redis client.
     */
    private static Map<Long, Long> requestThreadsCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new LinkedHashMap<>();
        for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (thread != null && thread.getThreadName().startsWith("http-nio-")
                    && thread.getThreadName().contains("-exec-")) {
                cpu.put(thread.getThreadId(), threads.getThreadCpuTime(thread.getThreadId()));
            }
        }
        return cpu;
    }

    /** Milliseconds of CPU the request threads used since {@code before} (a thread that ended meanwhile is left out). */
    private static double requestThreadsMsSince(Map<Long, Long> before) {
        long nanos = 0;
        for (Map.Entry<Long, Long> thread : requestThreadsCpu().entrySet()) {
            if (thread.getValue() >= 0) {
                nanos += thread.getValue() - Math.max(0, before.getOrDefault(thread.getKey(), 0L));
            }
        }
        return nanos / 1e6;
    }

    private Timing measure(Read read, int size, String token) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> warmUp = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                warmUp.add(clients.submit(() -> {
                    for (int request = 0; request < WARM_UP; request++) {
                        get(read.path(), token);
                    }
                    return null;
                }));
            }
            for (Future<?> future : warmUp) {
                future.get();
            }
            HttpResponse<String> sample = get(read.path(), token);
            String note = sample.statusCode() == 200 ? summary(sample) : "HTTP " + sample.statusCode() + " "
                    + sample.body().substring(0, Math.min(120, sample.body().length()));
            ConcurrentLinkedQueue<Double> millis = new ConcurrentLinkedQueue<>();
            AtomicInteger errors = new AtomicInteger();
            BenchSupport.Cpu cpuBefore = BenchSupport.Cpu.now(jdbc);
            long jitBefore = jitMs();
            Map<Long, Long> requestThreadsBefore = requestThreadsCpu();
            long deadline = System.nanoTime() + PER_READ.toNanos();
            List<Future<?>> runs = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                runs.add(clients.submit(() -> {
                    for (int i = 0; i < REQUESTS && System.nanoTime() < deadline; i++) {
                        long started = System.nanoTime();
                        HttpResponse<String> response = get(read.path(), token);
                        millis.add((System.nanoTime() - started) / 1e6);
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
            BenchSupport.Cpu cpuAfter = BenchSupport.Cpu.now(jdbc);
            long jit = jitMs() - jitBefore;
            double requestThreads = requestThreadsMsSince(requestThreadsBefore);
            double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int requests = Math.max(1, sorted.length);
            return new Timing(read.name(), size, sorted.length, errors.get(), percentile(sorted, 0.50),
                    percentile(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1],
                    (double) cpuAfter.jvmMsSince(cpuBefore) / requests, (double) jit / requests,
                    requestThreads / requests, (double) cpuAfter.pgMsSince(cpuBefore) / requests, note);
        } finally {
            clients.shutdownNow();
        }
    }

    /** What the answer held: the number of items of an array, the total count of a page. */
    private String summary(HttpResponse<String> response) throws IOException {
        JsonNode body = json.readTree(response.body());
        String total = response.headers().firstValue("X-Total-Count").map(value -> " of " + value).orElse("");
        return body.isArray() ? "(" + body.size() + " items" + total + ")" : "";
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(120)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private String login() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"admin@test.datacare.local\",\"password\":\"admin-password\"}")).build();
        return json.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body()).path("accessToken").asText();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Map<String, Long> relationSizes() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String table : ReadModelFill.TABLES) {
            sizes.put(table, jdbc.queryForObject("select pg_table_size(?::regclass)", Long.class, table));
            sizes.put(table + " (indexes)", jdbc.queryForObject("select pg_indexes_size(?::regclass)", Long.class, table));
        }
        return sizes;
    }

    private void report(List<Timing> timings, Map<Integer, String> fills, Map<Integer, String> loads,
                        Map<Integer, Map<String, Long>> sizes, Export export) throws IOException {
        String stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        int largest = SIZES.get(SIZES.size() - 1);
        List<Timing> atLargest = timings.stream().filter(t -> t.size() == largest).toList();
        List<String> over = atLargest.stream().filter(t -> t.p99() > TARGET_MS || t.errors() > 0)
                .map(Timing::read).toList();
        double worst = atLargest.stream().mapToDouble(Timing::p99).max().orElse(0);
        String worstRead = atLargest.stream().max((a, b) -> Double.compare(a.p99(), b.p99())).map(Timing::read).orElse("-");
        String summary = String.format(Locale.ROOT, "SUMMARY read%s sizes=%s clients=%d requests=%d reads=%d "
                        + "worst_p99_ms=%.1f (%s) target_p99_ms=%.0f met=%s over_target=%d load=%s",
                LABEL.isEmpty() ? "" : " label=" + LABEL, SIZES, CLIENTS, REQUESTS, atLargest.size(), worst, worstRead,
                TARGET_MS, over.isEmpty(), over.size(), BenchSupport.loadAverage().split(" ")[0])
                + (export == null ? "" : String.format(Locale.ROOT, " export_events=%d export_heap_peak_mb=%d",
                export.events(), export.heapPeakMb()));

        StringBuilder md = new StringBuilder("# Read benchmark " + stamp + (LABEL.isEmpty() ? "" : " (" + LABEL + ")")
                + "\n\n");
        md.append("Read-model tables filled directly with generated rows (SQL `generate_series`, no events; ")
                .append(ReadModelFill.MESSAGES_PER_CONVERSATION).append(" messages per conversation, one conversation with ")
                .append(ReadModelFill.LONG_TIMELINE).append(" more). ").append(CLIENTS).append(" concurrent HTTP clients, ")
                .append(REQUESTS).append(" requests each per read (bounded to ").append(PER_READ.toSeconds())
                .append(" s per read), after ").append(WARM_UP == 1 ? "one warm-up request" : WARM_UP + " warm-up requests")
                .append(" per client").append(WARM_UP_PASS > 0 ? " and, before any read was timed, " + WARM_UP_PASS
                        + " untimed requests of every read" : "").append(". Times in ms. JVM CPU is the process's "
                        + "(service and clients); of it, jit is the time the JIT compilers spent (elapsed), not the reads' "
                        + "own work, and req the CPU of the service's request threads (the reads' own work, filters "
                        + "and JSON included).\n\n");
        md.append("Machine: ").append(BenchSupport.machine())
                .append(". The machine is shared with other work running at the same time: figures carry its load.\n\n");
        fills.forEach((size, took) -> md.append(String.format(Locale.ROOT, "- %,d conversations: filled in %s, load "
                + "average before the reads %s%n", size, took, loads.get(size))));
        md.append("\n| read |");
        SIZES.forEach(size -> md.append(String.format(Locale.ROOT, " p50 @%,d | p99 @%,d |", size, size)));
        md.append(" CPU ms/request jvm (jit; req) + pg at the largest size | answer at the largest size |\n|---|");
        SIZES.forEach(size -> md.append("---|---|"));
        md.append("---|---|\n");
        Map<String, List<Timing>> byRead = timings.stream().collect(Collectors.groupingBy(Timing::read,
                LinkedHashMap::new, Collectors.toList()));
        byRead.forEach((read, list) -> {
            md.append("| ").append(read).append(" |");
            for (int size : SIZES) {
                list.stream().filter(t -> t.size() == size).findFirst().ifPresentOrElse(t -> md.append(String.format(
                        Locale.ROOT, " %.1f | %s%.1f%s |", t.p50(), t.p99() > TARGET_MS && size == largest ? "**" : "",
                        t.p99(), t.p99() > TARGET_MS && size == largest ? "**" : "")), () -> md.append(" - | - |"));
            }
            Timing last = list.get(list.size() - 1);
            md.append(String.format(Locale.ROOT, " %.1f (%.1f; %.1f) + %.1f |", last.jvmCpuMs(), last.jitMs(),
                    last.requestThreadsMs(), last.pgCpuMs()));
            md.append(" n=").append(last.requests()).append(last.errors() > 0 ? " errors=" + last.errors() : "")
                    .append(" ").append(last.note().replace("|", "/")).append(" |\n");
        });
        md.append("\nTable and index sizes (MB):\n\n| relation |");
        SIZES.forEach(size -> md.append(String.format(Locale.ROOT, " @%,d |", size)));
        md.append("\n|---|");
        SIZES.forEach(size -> md.append("---|"));
        md.append("\n");
        for (String relation : sizes.get(SIZES.get(0)).keySet()) {
            md.append("| ").append(relation).append(" |");
            SIZES.forEach(size -> md.append(String.format(Locale.ROOT, " %.1f |",
                    sizes.get(size).getOrDefault(relation, 0L) / 1e6)));
            md.append("\n");
        }
        if (export != null) {
            md.append(String.format(Locale.ROOT, "%nExport (`GET /api/admin/events`, NDJSON): %,d events, %,d MB in %.1f s "
                            + "(%,.0f events/s); heap of the service's JVM %d MB before, peak %d MB while streaming (max heap "
                            + "%d MB; sampled every 100 ms, garbage included).%n", export.events(), export.bytes() / 1_000_000,
                    export.seconds(), export.events() / export.seconds(), export.heapBeforeMb(), export.heapPeakMb(),
                    export.maxHeapMb()));
        }
        md.append("\n```\n").append(summary).append("\n```\n");

        StringBuilder js = new StringBuilder("{\"benchmark\":\"read\",\"stamp\":\"" + stamp + "\",\"label\":\"" + LABEL
                + "\",\"clients\":" + CLIENTS + ",\"requests_per_client\":" + REQUESTS + ",\"machine\":\""
                + BenchSupport.machine() + "\",\"reads\":[");
        js.append(timings.stream().map(t -> String.format(Locale.ROOT, "{\"read\":\"%s\",\"conversations\":%d,"
                        + "\"requests\":%d,\"errors\":%d,\"p50_ms\":%.2f,\"p99_ms\":%.2f,\"max_ms\":%.2f,\"jvm_cpu_ms_per_request\":%.2f,"
                        + "\"jit_ms_per_request\":%.2f,\"request_threads_cpu_ms_per_request\":%.2f,"
                        + "\"pg_cpu_ms_per_request\":%.2f}", t.read(), t.size(), t.requests(), t.errors(), t.p50(),
                t.p99(), t.max(), t.jvmCpuMs(), t.jitMs(), t.requestThreadsMs(), t.pgCpuMs())).collect(Collectors.joining(",")));
        js.append("]");
        if (export != null) {
            js.append(String.format(Locale.ROOT, ",\"export\":{\"events\":%d,\"bytes\":%d,\"seconds\":%.2f,"
                            + "\"heap_before_mb\":%d,\"heap_peak_mb\":%d,\"max_heap_mb\":%d}", export.events(), export.bytes(),
                    export.seconds(), export.heapBeforeMb(), export.heapPeakMb(), export.maxHeapMb()));
        }
        js.append(",\"summary\":\"").append(summary).append("\"}\n");

        System.out.println(md);
        System.out.println(summary);
        Path dir = Path.of(System.getProperty("bench.results", "../bench/results"));
        Files.createDirectories(dir);
        String name = stamp + "-read" + (LABEL.isEmpty() ? "" : "-" + LABEL);
        Files.writeString(dir.resolve(name + ".md"), md);
        Files.writeString(dir.resolve(name + ".json"), js);
    }
}
