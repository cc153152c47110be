package ke.co.datacare.whatsapp.app.query;

import ke.co.datacare.whatsapp.app.WhatsAppPlatformApplication;
import ke.co.datacare.whatsapp.app.support.BenchSupport;
import ke.co.datacare.whatsapp.app.support.ServiceClient;
import ke.co.datacare.whatsapp.app.support.TestDatabase;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not part of the test run (its name is not a test class name, and it runs only with {@code -Dbench=true}):
 * loads {@code -Dbench.events} (default 1,000,000) realistic events ({@link ReplayEventMix}) into a fresh PostgreSQL
 * database through Axon's event storage engine with the service's serializer, then measures (a) a raw sequential read
 * of {@code domain_event_entry} in global order with {@code COPY ... TO STDOUT} (through the driver's copy API) and
 * {@code COPY ... TO '/dev/null'} (on the server), and (b) the replay of every projection of the query side
 * ({@code -Dbench.processors}, default {@code read-models}): all reset together through
 * {@code POST /api/admin/projections/{name}/replay}, timed until every segment has handled the last event. It reports
 * events/s per processor and for all together, the ratio to the raw read, where the CPU time went (this JVM's
 * processor threads and the PostgreSQL backends), prints a table and a SUMMARY line and writes
 * {@code bench/results/<date>-replay.json} and {@code .md}.
 * <pre>
 * ./mvnw -o -B -pl app -am test -Dtest=ReplayBench -Dbench=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
@SpringBootTest(classes = WhatsAppPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ReplayBench {

    private static final int EVENTS = Integer.getInteger("bench.events", 1_000_000);
    private static final int APPEND_BATCH = Integer.getInteger("bench.append-batch", 5_000);
    private static final List<String> PROCESSORS = List.of(System.getProperty("bench.processors",
            "read-models").split(","));
    /** {@code -Dbench.mode=rebuild}: the bulk rebuild of every read model instead of the processors' replays. */
    private static final boolean REBUILD = "rebuild".equals(System.getProperty("bench.mode", "replay"));
    /** {@code -Dbench.rebuild.warmup=true}: an untimed bulk rebuild before the timed one (JIT compilation out of the figure). */
    private static final boolean REBUILD_WARMUP = Boolean.getBoolean("bench.rebuild.warmup");
    /** {@code -Dbench.rebuild.warmups=N}: how many untimed rebuilds the warm-up is (1 by default). */
    private static final int REBUILD_WARMUPS = Integer.getInteger("bench.rebuild.warmups", 1);
    /** Events per chunk of the bulk rebuild ({@code -Ddatacare.rebuild.chunk-events}, the service reads it too). */
    private static final int REBUILD_CHUNK = Integer.getInteger("datacare.rebuild.chunk-events", 50_000);
    private String rebuildCosts = "{}";
    private long peakHeapMegabytes;
    private static final Duration TIMEOUT = Duration.ofMinutes(Long.getLong("bench.timeout-minutes", 60));
    private static final String DATABASE = TestDatabase.create("datacare_replay_bench_" + Long.toHexString(System.nanoTime()));
    private static final String SCAN = "select global_index, aggregate_identifier, sequence_number, type, event_identifier, "
            + "meta_data, payload, payload_revision, payload_type, time_stamp from domain_event_entry order by global_index";

    @LocalServerPort
    int port;
    @Autowired
    EventStorageEngine storage;
    @Autowired
    TransactionManager transactions;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
        registry.add("spring.datasource.username", () -> TestDatabase.USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("datacare.whatsapp.api-url", () -> "http://127.0.0.1:9/v21.0");
        registry.add("logging.level.ke.co.datacare", () -> "WARN");
    }

    record Scan(String how, long rows, long bytes, double seconds) {
        double rowsPerSecond() {
            return rows / seconds;
        }

        double megabytesPerSecond() {
            return bytes / seconds / 1e6;
        }
    }

    record ProcessorResult(String name, int segments, int batchSize, double seconds, double cpuSeconds) {
        double eventsPerSecond(long events) {
            return events / seconds;
        }
    }

    @Test
    void replaying_every_projection_against_a_raw_read_of_the_event_table() throws Exception {
        // nothing may act on the loaded events but the replays: stop every processor (sends, sagas, projections)
        processing.eventProcessors().values().forEach(EventProcessor::shutDown);
        String loadBefore = BenchSupport.loadAverage();
        ReplayEventMix mix = new ReplayEventMix(20261204L);
        long loadStarted = System.nanoTime();
        for (int loaded = 0; loaded < EVENTS; loaded += APPEND_BATCH) {
            List<DomainEventMessage<?>> batch = mix.next(Math.min(APPEND_BATCH, EVENTS - loaded));
            transactions.executeInTransaction(() -> storage.appendEvents(batch));
            if ((loaded / APPEND_BATCH) % 40 == 0) {
                System.out.printf(Locale.ROOT, "loaded %,d events%n", loaded + batch.size());
            }
        }
        double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
        execute("vacuum (analyze) domain_event_entry", "checkpoint");
        long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        long stored = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
        long tableBytes = jdbc.queryForObject("select pg_total_relation_size('domain_event_entry')", Long.class);
        System.out.printf(Locale.ROOT, "loaded %,d events (%,d contacts) in %.1f s; table with indexes %,d MB%n", stored,
                mix.contacts(), loadSeconds, tableBytes / 1_000_000);

        scanToStdout(); // warms the cache; the replay reads the same pages
        List<Scan> scans = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            scans.add(scanToStdout());
            scans.add(scanOnServer());
        }
        Scan stdout = best(scans, "copy-to-stdout");
        Scan server = best(scans, "copy-to-devnull");
        Scan reference = stdout.rowsPerSecond() >= server.rowsPerSecond() ? stdout : server;

        Map<String, Integer> segments = new LinkedHashMap<>();
        for (String name : PROCESSORS) {
            segments.put(name, jdbc.queryForObject("select count(*) from token_entry where processor_name = ?",
                    Integer.class, name));
        }
        ServiceClient client = new ServiceClient(port, "test-app-secret");
        String token = client.login("admin@test.datacare.local", "admin-password");
        if (REBUILD && REBUILD_WARMUP) {
            // one untimed rebuild first, as the raw reads have their warm-up read: the timed one then runs compiled code
            // (a cold JVM's compiler threads spend more CPU on the rebuild's code than the rebuild itself at 200,000)
            for (int warmup = 1; warmup <= REBUILD_WARMUPS; warmup++) {
                assertThat(client.post("/api/admin/projections/rebuild", token, "").statusCode()).isEqualTo(202);
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while (!"done".equals(client.read(client.get("/api/admin/projections/rebuild", token).body())
                        .path("status").asText()) && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                System.out.println("warm-up rebuild " + warmup + " done");
            }
        }
        String loadAtReplay = BenchSupport.loadAverage();
        CpuWatch cpu = new CpuWatch(DATABASE.substring(DATABASE.lastIndexOf('/') + 1));
        cpu.start();
        ManagementFactory.getMemoryPoolMXBeans().forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
        long replayStarted = System.nanoTime();
        List<ProcessorResult> results = new ArrayList<>();
        double wall;
        if (REBUILD) {
            // the bulk rebuild: every read model from one read of the event table, into fresh tables swapped in
            assertThat(client.post("/api/admin/projections/rebuild", token, "").statusCode()).isEqualTo(202);
            long deadline = replayStarted + TIMEOUT.toNanos();
            com.fasterxml.jackson.databind.JsonNode progress = client.read(client.get("/api/admin/projections/rebuild",
                    token).body());
            while (!"done".equals(progress.path("status").asText()) && System.nanoTime() < deadline) {
                assertThat(progress.path("status").asText()).isIn("running", "swapping");
                Thread.sleep(200);
                progress = client.read(client.get("/api/admin/projections/rebuild", token).body());
            }
            wall = (System.nanoTime() - replayStarted) / 1e9;
            cpu.finish();
            assertThat(progress.path("status").asText()).as("rebuild done within " + TIMEOUT).isEqualTo("done");
            rebuildCosts = progress.path("costSeconds").toString();
            results.add(new ProcessorResult("bulk-rebuild(" + String.join("+", PROCESSORS) + ")", 1, REBUILD_CHUNK, wall,
                    cpu.jvmSecondsOf("read-model-rebuild") + cpu.jvmSecondsOf("read-model-rebuild-reader")
                            + cpu.jvmSecondsOf("read-model-rebuild-deserializer")));
        } else {
            for (String name : PROCESSORS) {
                assertThat(client.post("/api/admin/projections/" + name + "/replay", token, "").statusCode()).as(name)
                        .isEqualTo(202);
            }
            Map<String, Double> caughtUp = new LinkedHashMap<>();
            long deadline = replayStarted + TIMEOUT.toNanos();
            while (caughtUp.size() < PROCESSORS.size() && System.nanoTime() < deadline) {
                for (String name : PROCESSORS) {
                    if (!caughtUp.containsKey(name) && caughtUp(name, segments.get(name), head)) {
                        caughtUp.put(name, (System.nanoTime() - replayStarted) / 1e9);
                    }
                }
                Thread.sleep(50);
            }
            wall = (System.nanoTime() - replayStarted) / 1e9;
            cpu.finish();
            assertThat(caughtUp.keySet()).as("processors caught up within " + TIMEOUT)
                    .containsExactlyInAnyOrderElementsOf(PROCESSORS);
            for (String name : PROCESSORS) {
                results.add(new ProcessorResult(name, segments.get(name), batchSize(name), caughtUp.get(name),
                        cpu.jvmSecondsOf(name)));
            }
        }
        peakHeapMegabytes = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() / (1024 * 1024);
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : List.of("contact_view", "inbox_conversation", "timeline_message", "message_status",
                "analytics_conversation", "analytics_inbound_daily", "analytics_outbound_message", "analytics_episode_log",
                "analytics_response", "campaign_recipient_view")) {
            rows.put(table, jdbc.queryForObject("select count(*) from " + table, Long.class));
        }
        // what the read models hold, comparable between versions of the projections (bookkeeping columns left out)
        Map<String, String> checksums = new TreeMap<>();
        for (String table : jdbc.queryForList("select table_name from information_schema.tables where table_schema = "
                + "'public' and (table_name like 'analytics%' or table_name like 'contact_view%' or table_name in "
                + "('inbox_conversation', 'timeline_message', 'message_status', 'campaign_recipient_view'))", String.class)) {
            checksums.put(table, jdbc.queryForObject("select count(*) || ':' || coalesce(md5(string_agg(r, '|' order by r)), '-') "
                    + "from (select (to_jsonb(t) - 'last_sequence')::text r from " + table + " t) x", String.class));
        }
        checksums.forEach((table, sum) -> System.out.println("checksum " + table + " " + sum));
        String dump = System.getProperty("bench.dump");
        if (dump != null) {
            Files.createDirectories(Path.of(dump));
            for (String table : checksums.keySet()) {
                Files.write(Path.of(dump, table + ".txt"), jdbc.queryForList("select (to_jsonb(t) - 'last_sequence')::text r "
                        + "from " + table + " t order by 1", String.class));
            }
        }
        report(mix, stored, tableBytes, loadSeconds, loadBefore, loadAtReplay, scans, stdout, server, reference, results,
                wall, cpu, rows, checksums);
        assertThat(rows.get("timeline_message")).isPositive();
    }

    private boolean caughtUp(String name, int segments, long head) {
        StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        return status.size() == segments && status.values().stream().allMatch(segment -> !segment.isErrorState()
                && segment.getCurrentPosition().orElse(-1) >= head);
    }

    /** The processor's batch size (not exposed by Axon; read from its field), -1 if unknown. */
    private int batchSize(String name) {
        try {
            Object processor = processing.eventProcessors().get(name);
            java.lang.reflect.Field field = processor.getClass().getDeclaredField("batchSize");
            field.setAccessible(true);
            return (int) field.get(processor);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }

    private Scan scanToStdout() throws SQLException, IOException {
        try (Connection connection = DriverManager.getConnection(DATABASE, TestDatabase.USER, "")) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            CountingStream out = new CountingStream();
            long started = System.nanoTime();
            long rows = copy.copyOut("copy (" + SCAN + ") to stdout", out);
            return new Scan("copy-to-stdout", rows, out.bytes, (System.nanoTime() - started) / 1e9);
        }
    }

    private Scan scanOnServer() throws SQLException {
        long bytes = jdbc.queryForObject("select pg_relation_size('domain_event_entry') "
                + "+ coalesce(pg_relation_size(reltoastrelid), 0) from pg_class where relname = 'domain_event_entry'", Long.class);
        try (Connection connection = DriverManager.getConnection(DATABASE, TestDatabase.USER, "");
             Statement statement = connection.createStatement()) {
            long started = System.nanoTime();
            statement.execute("copy (" + SCAN + ") to '/dev/null'");
            long rows = statement.getUpdateCount();
            return new Scan("copy-to-devnull", rows, bytes, (System.nanoTime() - started) / 1e9);
        }
    }

    private static Scan best(List<Scan> scans, String how) {
        return scans.stream().filter(scan -> scan.how().equals(how)).min((a, b) -> Double.compare(a.seconds(), b.seconds()))
                .orElseThrow();
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(DATABASE, TestDatabase.USER, "");
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static final class CountingStream extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    /**
     * CPU time during the replay: every thread of this JVM (sampled, grouped by the processor its name carries), the
     * whole JVM, the PostgreSQL backends connected to the benchmark's database and all PostgreSQL processes.
     */
    static final class CpuWatch extends Thread {
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final String database;
        private final Map<Long, Long> threadStart = new HashMap<>();
        private final Map<Long, Long> threadLast = new HashMap<>();
        private final Map<Long, String> threadName = new HashMap<>();
        private final Map<Long, Long> postgresStart;
        private final long jvmStart;
        private final long compilingStart = compilingMillis();
        private final long collectingStart = collectingMillis();
        private final long wallStart = System.nanoTime();
        private volatile boolean running = true;
        double jvmSeconds;
        /** Time the JIT compilers spent compiling, and the collectors collecting (JMX, summed over their threads). */
        double compilingSeconds;
        double collectingSeconds;
        double postgresOwnSeconds;
        double postgresAllSeconds;
        double wallSeconds;

        CpuWatch(String database) {
            setDaemon(true);
            this.database = database;
            postgresStart = postgresTicks();
            jvmStart = processCpuNanos();
            for (long id : threads.getAllThreadIds()) {
                long time = threads.getThreadCpuTime(id);
                if (time >= 0) {
                    threadStart.put(id, time);
                }
            }
            sample();
        }

        @Override
        public void run() {
            while (running) {
                sample();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private synchronized void sample() {
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                long time = threads.getThreadCpuTime(info.getThreadId());
                if (time >= 0) {
                    threadLast.put(info.getThreadId(), time);
                    threadName.put(info.getThreadId(), info.getThreadName());
                }
            }
        }

        void finish() {
            running = false;
            sample();
            wallSeconds = (System.nanoTime() - wallStart) / 1e9;
            jvmSeconds = (processCpuNanos() - jvmStart) / 1e9;
            compilingSeconds = (compilingMillis() - compilingStart) / 1e3;
            collectingSeconds = (collectingMillis() - collectingStart) / 1e3;
            Map<Long, Long> postgresEnd = postgresTicks();
            List<Long> own = ownBackends();
            long allTicks = 0;
            long ownTicks = 0;
            for (Map.Entry<Long, Long> entry : postgresEnd.entrySet()) {
                long delta = entry.getValue() - postgresStart.getOrDefault(entry.getKey(), 0L);
                allTicks += delta;
                if (own.contains(entry.getKey())) {
                    ownTicks += delta;
                }
            }
            postgresAllSeconds = allTicks / 100.0;
            postgresOwnSeconds = ownTicks / 100.0;
        }

        private static long compilingMillis() {
            return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        }

        private static long collectingMillis() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
        }

        /** CPU seconds of the threads whose name carries {@code [name]} (Axon names its processor threads so). */
        synchronized double jvmSecondsOf(String processor) {
            return byGroup().getOrDefault(processor, 0.0);
        }

        synchronized Map<String, Double> byGroup() {
            Map<String, Double> groups = new TreeMap<>();
            threadLast.forEach((id, time) -> {
                String name = threadName.get(id);
                String group = PROCESSORS.stream().filter(p -> name.contains("[" + p + "]")).findFirst()
                        .orElse(name.replaceAll("[-#]?\\d+$", ""));
                groups.merge(group, (time - threadStart.getOrDefault(id, 0L)) / 1e9, Double::sum);
            });
            return groups;
        }

        private List<Long> ownBackends() {
            try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres",
                    TestDatabase.USER, "");
                 var result = connection.createStatement().executeQuery(
                         "select pid from pg_stat_activity where datname = '" + database + "'")) {
                List<Long> pids = new ArrayList<>();
                while (result.next()) {
                    pids.add(result.getLong(1));
                }
                return pids;
            } catch (SQLException e) {
                return List.of();
            }
        }

        private static long processCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        /** utime + stime in clock ticks of every process named postgres (readable here: same machine). */
        private static Map<Long, Long> postgresTicks() {
            Map<Long, Long> ticks = new HashMap<>();
            try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                processes.filter(path -> path.getFileName().toString().matches("\\d+")).forEach(path -> {
                    try {
                        String stat = Files.readString(path.resolve("stat"));
                        int close = stat.lastIndexOf(')');
                        if (!stat.substring(stat.indexOf('(') + 1, close).startsWith("postgres")) {
                            return;
                        }
                        String[] fields = stat.substring(close + 2).split(" ");
                        ticks.put(Long.parseLong(path.getFileName().toString()),
                                Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                    } catch (IOException | RuntimeException gone) {
                        // the process ended
                    }
                });
            } catch (IOException e) {
                return ticks;
            }
            return ticks;
        }
    }

    private void report(ReplayEventMix mix, long events, long tableBytes, double loadSeconds, String loadBefore,
                        String loadAtReplay, List<Scan> scans, Scan stdout, Scan server, Scan reference,
                        List<ProcessorResult> results, double wall, CpuWatch cpu, Map<String, Long> rows,
                        Map<String, String> checksums) throws IOException {
        String stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        double total = events / wall;
        double ratio = total / reference.rowsPerSecond();
        String postgresVersion = jdbc.queryForObject("select version()", String.class);
        String settings = jdbc.queryForList("select name || '=' || current_setting(name) from pg_settings where name "
                + "in ('shared_buffers', 'work_mem', 'synchronous_commit', 'max_wal_size', 'effective_io_concurrency')",
                String.class).stream().collect(Collectors.joining(", "));
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(line -> line.startsWith("MemTotal"))
                .findFirst().orElse("MemTotal: ?").replaceAll("\\s+", " ");
        String jvmFlags = ManagementFactory.getRuntimeMXBean().getInputArguments().isEmpty() ? "(none: JVM defaults)"
                : String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments());
        String machine = String.format(Locale.ROOT, "%d CPUs (nproc), %s, %s, Java %s, max heap %d MB",
                Runtime.getRuntime().availableProcessors(), memory, System.getProperty("os.name") + " "
                        + System.getProperty("os.arch"), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        String loadAfter = BenchSupport.loadAverage();
        Map<String, Double> threadGroups = cpu.byGroup();

        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-28s %10s %10s %12s %10s%n", "read", "rows", "seconds", "rows/s", "MB/s"));
        for (Scan scan : scans) {
            table.append(String.format(Locale.ROOT, "%-28s %,10d %10.2f %,12.0f %10.1f%n", scan.how(), scan.rows(),
                    scan.seconds(), scan.rowsPerSecond(), scan.megabytesPerSecond()));
        }
        table.append(String.format(Locale.ROOT, "%n%-28s %8s %6s %10s %12s %9s %10s%n", "replay", "segments", "batch",
                "seconds", "events/s", "ratio", "JVM cpu s"));
        for (ProcessorResult result : results) {
            table.append(String.format(Locale.ROOT, "%-28s %8d %6d %10.1f %,12.0f %9.3f %10.1f%n", result.name(),
                    result.segments(), result.batchSize(), result.seconds(), result.eventsPerSecond(events),
                    result.eventsPerSecond(events) / reference.rowsPerSecond(), result.cpuSeconds()));
        }
        table.append(String.format(Locale.ROOT, "%-28s %8s %6s %10.1f %,12.0f %9.3f%n", "all together", "", "", wall, total,
                ratio));
        table.append(String.format(Locale.ROOT, "%nCPU during the replay (%.1f s wall, %d cores = %.1f core-seconds): "
                        + "JVM %.1f s, PostgreSQL backends of this database %.1f s, all PostgreSQL processes %.1f s%n",
                cpu.wallSeconds, Runtime.getRuntime().availableProcessors(),
                cpu.wallSeconds * Runtime.getRuntime().availableProcessors(), cpu.jvmSeconds, cpu.postgresOwnSeconds,
                cpu.postgresAllSeconds));
        table.append(String.format(Locale.ROOT, "  JIT compiling %.1f s, garbage collection %.1f s (JMX, wall time "
                + "summed over their threads)%n", cpu.compilingSeconds, cpu.collectingSeconds));
        threadGroups.entrySet().stream().filter(entry -> entry.getValue() >= 0.1)
                .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .forEach(entry -> table.append(String.format(Locale.ROOT, "  JVM threads %-30s %8.1f s%n", entry.getKey(),
                        entry.getValue())));
        String summary = String.format(Locale.ROOT, "SUMMARY replay events=%d raw_read=%.0f/s (%s, %.1f MB/s) "
                        + "replay_all=%.0f/s wall_s=%.1f ratio=%.3f target=0.25 met=%s %s jvm_cpu_s=%.1f pg_cpu_s=%.1f load=%s",
                events, reference.rowsPerSecond(), reference.how(), reference.megabytesPerSecond(), total, wall, ratio,
                ratio >= 0.25, results.stream().map(result -> String.format(Locale.ROOT, "%s=%.0f/s", result.name(),
                        result.eventsPerSecond(events))).collect(Collectors.joining(" ")), cpu.jvmSeconds,
                cpu.postgresOwnSeconds, loadAtReplay.split(" ")[0]) + String.format(Locale.ROOT,
                " mode=%s%s peak_heap_mb=%d", REBUILD ? "rebuild" : "replay",
                REBUILD && REBUILD_WARMUP ? " warmed_up=true" + (REBUILD_WARMUPS > 1 ? " warmups=" + REBUILD_WARMUPS : "") : "", peakHeapMegabytes);
        table.append(String.format(Locale.ROOT, "%npeak heap during the %s: %,d MB%n", REBUILD ? "rebuild" : "replay",
                peakHeapMegabytes));
        if (REBUILD) {
            table.append("where the rebuild's time went (seconds): ").append(rebuildCosts).append('\n');
        }
        System.out.println(table);
        System.out.println(summary);

        Path dir = Path.of(System.getProperty("bench.results", "../bench/results"));
        Files.createDirectories(dir);
        String processorsJson = results.stream().map(result -> String.format(Locale.ROOT,
                "{\"name\":\"%s\",\"segments\":%d,\"batch_size\":%d,\"seconds\":%.2f,\"events_per_s\":%.1f,"
                        + "\"ratio_to_raw\":%.4f,\"jvm_cpu_s\":%.2f}", result.name(), result.segments(), result.batchSize(),
                result.seconds(), result.eventsPerSecond(events), result.eventsPerSecond(events) / reference.rowsPerSecond(),
                result.cpuSeconds())).collect(Collectors.joining(","));
        String scansJson = scans.stream().map(scan -> String.format(Locale.ROOT,
                "{\"how\":\"%s\",\"rows\":%d,\"bytes\":%d,\"seconds\":%.3f,\"rows_per_s\":%.1f,\"mb_per_s\":%.1f}",
                scan.how(), scan.rows(), scan.bytes(), scan.seconds(), scan.rowsPerSecond(), scan.megabytesPerSecond()))
                .collect(Collectors.joining(","));
        String threadsJson = threadGroups.entrySet().stream().filter(entry -> entry.getValue() >= 0.1)
                .map(entry -> String.format(Locale.ROOT, "\"%s\":%.2f", entry.getKey().replace("\"", "'"), entry.getValue()))
                .collect(Collectors.joining(","));
        String mixJson = new TreeMap<>(mix.typeCounts()).entrySet().stream()
                .map(entry -> "\"" + entry.getKey() + "\":" + entry.getValue()).collect(Collectors.joining(","));
        String rowsJson = rows.entrySet().stream().map(entry -> "\"" + entry.getKey() + "\":" + entry.getValue())
                .collect(Collectors.joining(","));
        String json = String.format(Locale.ROOT, """
                {"date":"%s","machine":"%s","nproc":%d,"memory":"%s","postgresql":"%s","postgresql_settings":"%s",\
                "jvm_flags":"%s","load_before":"%s","load_at_replay":"%s","load_after":"%s",\
                "events":%d,"contacts":%d,"event_table_bytes":%d,"load_seconds":%.1f,"event_mix":{%s},\
                "raw_reads":[%s],"raw_reference":{"how":"%s","rows_per_s":%.1f,"mb_per_s":%.1f},\
                "copy_to_stdout_rows_per_s":%.1f,"copy_to_devnull_rows_per_s":%.1f,\
                "processors":[%s],"replay_all":{"seconds":%.2f,"events_per_s":%.1f,"ratio_to_raw":%.4f,\
                "ratio_to_copy_to_stdout":%.4f,"ratio_to_copy_to_devnull":%.4f,"target":0.25,"met":%s},\
                "cpu":{"wall_s":%.2f,"jvm_s":%.2f,"postgres_own_backends_s":%.2f,"postgres_all_s":%.2f,"jvm_threads":{%s}},\
                "rows_after_replay":{%s},"read_model_checksums":{%s},"mode":"%s","peak_heap_mb":%d,"rebuild_costs_s":%s,\
                "summary":"%s"}
                """, stamp, machine, Runtime.getRuntime().availableProcessors(), memory, postgresVersion, settings,
                jvmFlags.replace("\\", "/").replace("\"", "'"), loadBefore, loadAtReplay, loadAfter, events, mix.contacts(),
                tableBytes, loadSeconds, mixJson, scansJson, reference.how(), reference.rowsPerSecond(),
                reference.megabytesPerSecond(), stdout.rowsPerSecond(), server.rowsPerSecond(), processorsJson, wall, total,
                ratio, total / stdout.rowsPerSecond(), total / server.rowsPerSecond(), ratio >= 0.25, cpu.wallSeconds,
                cpu.jvmSeconds, cpu.postgresOwnSeconds, cpu.postgresAllSeconds, threadsJson, rowsJson,
                checksums.entrySet().stream().map(entry -> "\"" + entry.getKey() + "\":\"" + entry.getValue() + "\"")
                        .collect(Collectors.joining(",")), REBUILD ? "rebuild" : "replay", peakHeapMegabytes, rebuildCosts,
                summary);
        Files.writeString(dir.resolve(stamp + "-" + (REBUILD ? "rebuild" : "replay") + ".json"), json);
        String md = String.format(Locale.ROOT, """
                # Replay benchmark %s

                - machine: %s
                - PostgreSQL: %s (%s)
                - JVM flags: `%s`
                - load average: before loading %s; when the replay started %s; at the end %s
                - %,d events of %,d contacts loaded through Axon's JDBC storage engine with the service's Jackson serializer
                  in %.1f s (not measured as such); `domain_event_entry` with its indexes: %,d MB
                - event mix: %s

                Raw sequential read of `domain_event_entry` in `global_index` order, best of two runs each after one
                warm-up read (`copy-to-stdout`: through the driver's copy API, counting the bytes; `copy-to-devnull`: on the
                server, MB/s there = table and TOAST size over time), and the replay of every query-side projection, all reset
                together through `POST /api/admin/projections/{name}/replay` and timed until each processor's segments have
                all handled the last event. Ratio = events/s over the faster raw read (%s).

                ```
                %s
                ```

                Rows after the replay: %s

                ```
                %s
                ```
                """, stamp, machine, postgresVersion, settings, jvmFlags, loadBefore, loadAtReplay, loadAfter, events,
                mix.contacts(), loadSeconds, tableBytes / 1_000_000,
                new TreeMap<>(mix.typeCounts()).entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue())
                        .collect(Collectors.joining(", ")), reference.how(), table, rowsJson.replace("\"", ""), summary);
        Files.writeString(dir.resolve(stamp + "-" + (REBUILD ? "rebuild" : "replay") + ".md"), md);
        System.out.println("wrote " + dir.resolve(stamp + "-" + (REBUILD ? "rebuild" : "replay") + ".json").toAbsolutePath().normalize());
    }
}
