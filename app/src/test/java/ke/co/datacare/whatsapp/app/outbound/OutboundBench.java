package ke.co.datacare.whatsapp.app.outbound;

import ke.co.datacare.whatsapp.app.WhatsAppPlatformApplication;
import ke.co.datacare.whatsapp.app.support.BenchSupport;
import ke.co.datacare.whatsapp.app.support.BenchSupport.MemoryWatch;
import ke.co.datacare.whatsapp.app.support.BenchSupport.StubGraph;
import ke.co.datacare.whatsapp.app.support.ServiceClient;
import ke.co.datacare.whatsapp.app.support.TestDatabase;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.junit.jupiter.api.AfterAll;
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
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Benchmark, not part of the test run (its name is not a test class name, and it runs only with {@code -Dbench=true}):
 * {@code -Dbench.messages} (default 10,000) template messages to as many new phone numbers, posted to
 * {@code POST /api/messages/send} by {@code -Dbench.clients} (default 16) concurrent API clients, the whole service on
 * a fresh PostgreSQL database, sent through a minimal local Graph API stub at a configured per-number rate of
 * {@code -Dbench.rate} (default 1,000 msg/s). It reports how fast the API accepted the requests (202s per second and
 * latency), the achieved send rate at the stub, the highest number of sends in any one second (checked against the
 * limit), the time until the last send and the memory used, prints a SUMMARY line and writes
 * {@code bench/results/<date>-outbound.json} and {@code .md}. With {@code -Dbench.open-conversations=true} the
 * messages are text replies in as many open conversations instead: each customer writes first (a webhook, unmeasured;
 * bot and read receipts off), then each reply names its conversation ({@code conversationId}).
 * <pre>
 * ./mvnw -o -pl app -am test -Dtest=OutboundBench -Dbench=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
@SpringBootTest(classes = WhatsAppPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OutboundBench {

    private static final int MESSAGES = Integer.getInteger("bench.messages", 10_000);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 16);
    private static final int RATE = Integer.getInteger("bench.rate", 1_000);
    private static final boolean OPEN = Boolean.getBoolean("bench.open-conversations");
    private static final Duration TIMEOUT = Duration.ofMinutes(Long.getLong("bench.timeout-minutes", 30));
    private static final StubGraph STUB = new StubGraph(MESSAGES);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabase::url);
        registry.add("spring.datasource.username", () -> TestDatabase.USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("datacare.whatsapp.api-url", STUB::apiUrl);
        registry.add("datacare.whatsapp.messages-per-second", () -> RATE);
        registry.add("logging.level.ke.co.datacare", () -> "WARN");
        if (OPEN) {
            registry.add("datacare.handoff.enabled", () -> false);
            registry.add("datacare.whatsapp.mark-as-read", () -> false);
        }
    }

    @AfterAll
    static void stopStub() {
        STUB.stop();
    }

    @Test
    void ten_thousand_messages_reach_meta_without_exceeding_the_per_number_rate() throws Exception {
        ServiceClient client = new ServiceClient(port, "test-app-secret");
        String token = client.login("admin@test.datacare.local", "admin-password");
        await().atMost(Duration.ofSeconds(30)).until(() -> client.post("/api/templates/sync", token, "{}").statusCode() == 200);
        String[] bodies = new String[MESSAGES];
        if (OPEN) {
            String[] conversations = customersWriteFirst(client);
            for (int i = 0; i < MESSAGES; i++) {
                bodies[i] = "{\"conversationId\":\"" + conversations[i] + "\",\"content\":\"Asante, tumepokea\"}";
            }
        } else {
            for (int i = 0; i < MESSAGES; i++) {
                bodies[i] = "{\"to\":\"+" + number(i) + "\",\"type\":\"template\",\"template\":{\"name\":\"hello_world\","
                        + "\"language\":\"en_US\"}}";
            }
        }
        MemoryWatch memory = new MemoryWatch();
        memory.start();
        BenchSupport.Cpu cpuBefore = BenchSupport.Cpu.now(jdbc);

        long[] latencies = new long[MESSAGES];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long started = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < MESSAGES; i = next.getAndIncrement()) {
                    long sentAt = System.nanoTime();
                    HttpResponse<String> response = client.post("/api/messages/send", token, bodies[i]);
                    latencies[i] = System.nanoTime() - sentAt;
                    if (response.statusCode() == 202) {
                        accepted.incrementAndGet();
                    }
                }
            });
        }
        clients.shutdown();
        assertThat(clients.awaitTermination(TIMEOUT.toMinutes(), TimeUnit.MINUTES)).isTrue();
        double acceptSeconds = (System.nanoTime() - started) / 1e9;
        await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() -> STUB.arrivals().length >= accepted.get());
        double completeSeconds = (System.nanoTime() - started) / 1e9;
        BenchSupport.Cpu cpuAfter = BenchSupport.Cpu.now(jdbc);
        memory.stopWatching();

        long[] arrivals = STUB.arrivals();
        Arrays.sort(arrivals);
        Arrays.sort(latencies);
        int maxWindow = BenchSupport.maxInAnySecond(arrivals);
        double sendSeconds = arrivals.length < 2 ? 0 : (arrivals[arrivals.length - 1] - arrivals[0]) / 1e9;
        double achieved = sendSeconds == 0 ? 0 : (arrivals.length - 1) / sendSeconds;
        long distinct = STUB.distinctRecipients();
        double p50 = latencies[MESSAGES / 2] / 1e6;
        double p99 = latencies[(int) (MESSAGES * 0.99)] / 1e6;

        String summary = String.format(Locale.ROOT, "SUMMARY outbound graph_latency_ms=%s stand_in_peak_in_flight=%d open_conversations=%s messages=%d accepted=%d api_rate=%.1f/s api_p50_ms=%.1f "
                        + "api_p99_ms=%.1f sent=%d distinct=%d rate_limit=%d/s achieved=%.1f/s max_1s_window=%d "
                        + "within_limit=%s complete_s=%.1f heap_peak_mb=%d rss_peak_mb=%d jvm_cpu_ms_per_msg=%.2f pg_cpu_ms_per_msg=%.2f load=%s", STUB.latency().meanMs() + "/" + STUB.latency().minMs() + "-" + STUB.latency().maxMs(), STUB.peakInFlight(), OPEN, MESSAGES, accepted.get(),
                accepted.get() / acceptSeconds, p50, p99, arrivals.length, distinct, RATE, achieved, maxWindow,
                maxWindow <= RATE, completeSeconds, memory.peakHeapMb(), memory.peakRssMb(),
                cpuAfter.jvmMsSince(cpuBefore) / (double) Math.max(1, arrivals.length),
                cpuAfter.pgMsSince(cpuBefore) / (double) Math.max(1, arrivals.length), BenchSupport.loadAverage().replace(' ', '/'));
        System.out.println(summary);
        write(summary, accepted.get(), acceptSeconds, p50, p99, arrivals.length, distinct, achieved, maxWindow, sendSeconds,
                completeSeconds, memory);

        assertThat(accepted.get()).isEqualTo(MESSAGES);
        assertThat(arrivals.length).isEqualTo(MESSAGES);
        assertThat(distinct).isEqualTo(MESSAGES);
        assertThat(maxWindow).isLessThanOrEqualTo(RATE);
    }

    private static String number(int i) {
        return "2547" + String.format("%08d", i);
    }

    /** Every customer writes once (in parallel, as the API clients will send), answering the conversations' ids. */
    private String[] customersWriteFirst(ServiceClient client) throws Exception {
        ExecutorService customers = Executors.newFixedThreadPool(CLIENTS);
        AtomicInteger next = new AtomicInteger();
        long at = Instant.now().getEpochSecond();
        for (int c = 0; c < CLIENTS; c++) {
            customers.submit(() -> {
                for (int i = next.getAndIncrement(); i < MESSAGES; i = next.getAndIncrement()) {
                    assertThat(client.postWebhook(Webhooks.text(number(i), "Customer " + i, "wamid.OPEN" + i, at,
                            "Habari")).statusCode()).isEqualTo(200);
                }
            });
        }
        customers.shutdown();
        assertThat(customers.awaitTermination(TIMEOUT.toMinutes(), TimeUnit.MINUTES)).isTrue();
        await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() -> jdbc.queryForObject(
                "select count(*) from timeline_message where direction = 'inbound' and wamid like 'wamid.OPEN%'",
                Long.class) >= MESSAGES);
        java.util.Map<String, String> byNumber = new java.util.HashMap<>();
        jdbc.query("select i.identity, d.conversation_id from contact_identity i join conversation_directory d "
                + "on d.contact_id = i.contact_id where i.identity like 'wa_id:2547%'", rs -> {
                    byNumber.put(rs.getString(1).substring("wa_id:".length()), rs.getString(2));
                });
        String[] conversations = new String[MESSAGES];
        for (int i = 0; i < MESSAGES; i++) {
            conversations[i] = java.util.Objects.requireNonNull(byNumber.get(number(i)), number(i));
        }
        return conversations;
    }

    private void write(String summary, int accepted, double acceptSeconds, double p50, double p99, int sent, long distinct,
                       double achieved, int maxWindow, double sendSeconds, double completeSeconds, MemoryWatch memory)
            throws IOException {
        String stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        Path dir = Path.of(System.getProperty("bench.results", "../bench/results"));
        Files.createDirectories(dir);
        String machine = BenchSupport.machine();
        String json = String.format(Locale.ROOT, """
                {"date":"%s","machine":"%s","messages":%d,"api_clients":%d,"accepted":%d,"api_seconds":%.1f,\
                "api_rate_per_s":%.1f,"api_p50_ms":%.1f,"api_p99_ms":%.1f,"sent":%d,"distinct_recipients":%d,\
                "per_number_limit_per_s":%d,"achieved_rate_per_s":%.1f,"max_sends_in_any_1s_window":%d,"within_limit":%s,\
                "send_span_s":%.1f,"time_to_last_send_s":%.1f,"heap_peak_mb":%d,"rss_peak_mb":%d,"heap_max_mb":%d,\
                "summary":"%s"}
                """, stamp, machine, MESSAGES, CLIENTS, accepted, acceptSeconds, accepted / acceptSeconds, p50, p99, sent,
                distinct, RATE, achieved, maxWindow, maxWindow <= RATE, sendSeconds, completeSeconds, memory.peakHeapMb(),
                memory.peakRssMb(), Runtime.getRuntime().maxMemory() / (1024 * 1024), summary);
        Files.writeString(dir.resolve(stamp + "-outbound.json"), json);
        String md = String.format(Locale.ROOT, """
                # Outbound benchmark %s

                - machine: %s
                - %,d MESSAGES, posted to `POST /api/messages/send`
                  by %d concurrent API clients; whole service on a fresh PostgreSQL database; Graph API stand-in
                  (`BenchSupport.StubGraph`) answering every send with a wamid after GRAPH_LATENCY
                - per-number limit %,d msg/s (conversation traffic: the whole rate)

                | figure | value |
                |---|---|
                | API: accepted (202) | %,d in %.1f s = %.1f requests/s; latency p50 %.1f ms, p99 %.1f ms |
                | messages the stub received | %,d (distinct recipients %,d) |
                | achieved send rate (first to last send) | %.1f msg/s over %.1f s |
                | highest count in any 1 s window | %,d (limit %,d: %s) |
                | time from the first request to the last send | %.1f s |
                | memory (service and driver in one JVM) | heap peak %,d MB of %,d MB max; RSS peak %,d MB |

                ```
                %s
                ```
                """, stamp, machine, MESSAGES, CLIENTS, RATE, accepted, acceptSeconds, accepted / acceptSeconds, p50, p99,
                sent, distinct, achieved, sendSeconds, maxWindow, RATE, maxWindow <= RATE ? "never above" : "ABOVE",
                completeSeconds, memory.peakHeapMb(), Runtime.getRuntime().maxMemory() / (1024 * 1024), memory.peakRssMb(),
                summary);
        Files.writeString(dir.resolve(stamp + "-outbound.md"), md.replace("GRAPH_LATENCY", STUB.latency().toString())
                .replace("MESSAGES", OPEN ? "text replies in as many open conversations (each customer wrote first)"
                        : "template messages (`hello_world`) to as many new phone numbers"));
    }
}
