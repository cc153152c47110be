package ke.co.datacare.whatsapp.app.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.WhatsAppPlatformApplication;
import ke.co.datacare.whatsapp.app.support.BenchSupport;
import ke.co.datacare.whatsapp.app.support.BenchSupport.MemoryWatch;
import ke.co.datacare.whatsapp.app.support.BenchSupport.StubGraph;
import ke.co.datacare.whatsapp.app.support.ServiceClient;
import ke.co.datacare.whatsapp.app.support.TestDatabase;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Benchmark, not part of the test run (its name is not a test class name, and it runs only with {@code -Dbench=true}):
 * one campaign to {@code -Dbench.recipients} (default 100,000) new phone numbers, the whole service on a fresh
 * PostgreSQL database, sending through a minimal local Graph API stub at a configured per-number rate of
 * {@code -Dbench.rate} (default 1,000 msg/s; campaigns get all of it but the reserved share
 * {@code -Dbench.reserved}, default 0.2), while an agent replies every 200 ms ({@code -Dbench.replies}, default 100).
 * With {@code -Dbench.warmup-recipients=N} a first campaign to N other numbers runs to its end before, unmeasured.
 * It reports the achieved send rate, the highest number of sends in any one second (checked against the limit), the
 * agents' replies from the API call to the stand-in (p50, p99), the time to complete, the CPU per message of the JVM
 * (service and driver) and of PostgreSQL, and the memory used, prints a SUMMARY line and writes
 * {@code bench/results/<date>-campaign.json} and {@code .md}.
 * <pre>
 * ./mvnw -o -pl app -am test -Dtest=CampaignBench -Dbench=true -Dbench.recipients=10000 -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
@SpringBootTest(classes = WhatsAppPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CampaignBench {

    private static final int RECIPIENTS = Integer.getInteger("bench.recipients", 100_000);
    private static final int RATE = Integer.getInteger("bench.rate", 1_000);
    private static final double RESERVED = Double.parseDouble(System.getProperty("bench.reserved", "0.2"));
    private static final Duration TIMEOUT = Duration.ofMinutes(Long.getLong("bench.timeout-minutes", 60));
    private static final int REPLIES = Integer.getInteger("bench.replies", 100);
    /** A first campaign to other numbers (and replies), run and left out of the figures: a service that has run. */
    private static final int WARMUP = Integer.getInteger("bench.warmup-recipients", 0);
    private static final StubGraph STUB = new StubGraph(RECIPIENTS + REPLIES + (WARMUP > 0 ? WARMUP + REPLIES : 0));
    private static final java.util.function.Predicate<String> CAMPAIGN = recipient -> recipient.startsWith("2547");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabase::url);
        registry.add("spring.datasource.username", () -> TestDatabase.USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("datacare.whatsapp.api-url", STUB::apiUrl);
        registry.add("datacare.whatsapp.messages-per-second", () -> RATE);
        registry.add("datacare.whatsapp.reserved-share-for-conversations", () -> RESERVED);
        registry.add("datacare.campaigns.messaging-limit", () -> "unlimited");
        registry.add("logging.level.ke.co.datacare", () -> "WARN");
    }

    @AfterAll
    static void stopStub() {
        STUB.stop();
    }

    @Test
    void a_campaign_of_many_recipients_never_exceeds_the_per_number_rate() throws Exception {
        ServiceClient client = new ServiceClient(port, "test-app-secret");
        CampaignApi api = new CampaignApi(port);
        String token = client.login("admin@test.datacare.local", "admin-password");
        await().atMost(Duration.ofSeconds(30)).until(() -> client.post("/api/templates/sync", token, "{}").statusCode() == 200);
        if (WARMUP > 0) {
            warmUp(client, api, token);
        }
        String csv = "phone\n" + IntStream.range(0, RECIPIENTS).mapToObj(i -> "+2547" + String.format("%08d", i))
                .collect(Collectors.joining("\n"));
        String campaign = api.create(token, "{\"name\":\"Bench\",\"template\":{\"name\":\"december_offer\",\"language\":\"en\","
                + "\"parameters\":[{\"source\":\"profileName\",\"default\":\"customer\"}]},\"audience\":{}}");
        BenchSupport.Cpu cpuBeforeUpload = BenchSupport.Cpu.now(jdbc);
        long uploadStarted = System.nanoTime();
        api.upload(campaign, token, csv);
        double uploadSeconds = (System.nanoTime() - uploadStarted) / 1e9;
        // the upload registers the numbers as contacts: their read-model work is the upload's, not the sending's
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.queryForObject(
                "select count(*) from contact_view", Long.class) >= RECIPIENTS + WARMUP);
        MemoryWatch memory = new MemoryWatch();
        memory.start();
        BenchSupport.Cpu cpuBefore = BenchSupport.Cpu.now(jdbc);

        double[] waitsBefore = {waitedFor("rate"), waitedFor("claims"), waitedFor("work")};
        long started = System.nanoTime();
        assertThat(api.control(campaign, "start", token).statusCode()).isEqualTo(202);
        Replies replies = new Replies(client, token, "2548");
        replies.start();
        await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() -> jdbc.queryForObject(
                "select status from campaign_dispatch where campaign_id = ?", String.class, campaign).equals("COMPLETED"));
        double completeSeconds = (System.nanoTime() - started) / 1e9;
        BenchSupport.Cpu cpuAfter = BenchSupport.Cpu.now(jdbc);
        memory.stopWatching();
        replies.stopAndWait();
        double[] replyMs = replies.apiToMetaMs();

        long[] arrivals = STUB.arrivals(CAMPAIGN);
        Arrays.sort(arrivals);
        int maxWindow = BenchSupport.maxInAnySecond(arrivals);
        double sendSeconds = arrivals.length < 2 ? 0 : (arrivals[arrivals.length - 1] - arrivals[0]) / 1e9;
        double achieved = sendSeconds == 0 ? 0 : (arrivals.length - 1) / sendSeconds;
        long distinct = STUB.distinctRecipients(CAMPAIGN);
        long[] all = sorted(STUB.arrivals());
        int maxWindowAll = BenchSupport.maxInAnySecond(all);
        // every send of the number (the campaign's and the replies') while the campaign sent
        long allInSpan = Arrays.stream(all).filter(at -> arrivals.length > 1 && at >= arrivals[0]
                && at <= arrivals[arrivals.length - 1]).count();
        double achievedAll = sendSeconds == 0 ? 0 : (allInSpan - 1) / sendSeconds;
        // every send of the number in each whole second of the campaign's span: the first and the last second, partly
        // ramp-up and tail, are left out of the median
        int[] perSecondAll = arrivals.length < 2 ? new int[0]
                : BenchSupport.perSecond(all, arrivals[0], arrivals[arrivals.length - 1]);
        int[] inner = perSecondAll.length > 2 ? Arrays.copyOfRange(perSecondAll, 1, perSecondAll.length - 1)
                : perSecondAll;
        double steadyAll = percentile(Arrays.stream(inner).asDoubleStream().sorted().toArray(), 0.5);
        io.micrometer.core.instrument.Timer admission = meters.find("whatsapp.outbound.admission").timer();
        double admissionMeanMs = admission == null ? Double.NaN : admission.mean(java.util.concurrent.TimeUnit.MILLISECONDS);
        double total = Math.max(1e-9, waitedFor("rate") + waitedFor("claims") + waitedFor("work")
                - waitsBefore[0] - waitsBefore[1] - waitsBefore[2]);
        String campaignWaits = String.format(Locale.ROOT, "%.2f/%.2f/%.2f", (waitedFor("rate") - waitsBefore[0]) / total,
                (waitedFor("claims") - waitsBefore[1]) / total, (waitedFor("work") - waitsBefore[2]) / total);
        double admissionMaxMs = admission == null ? Double.NaN : admission.max(java.util.concurrent.TimeUnit.MILLISECONDS);
        Long queued = jdbc.queryForObject("select count(*) from campaign_recipient where campaign_id = ? and state = 'queued'",
                Long.class, campaign);
        int campaignLimit = Math.max(1, (int) Math.floor(RATE * (1 - RESERVED)));
        JsonNode progress = api.campaign(campaign, token);

        String summary = String.format(Locale.ROOT, "SUMMARY campaign graph_latency_ms=%s stand_in_peak_in_flight=%d warmup_recipients=%d recipients=%d sent=%d distinct=%d duplicates=%d "
                        + "rate_limit=%d/s campaign_share=%d/s achieved=%.1f/s achieved_all=%.1f/s max_1s_window=%d within_limit=%s "
                        + "token_to_request_mean_ms=%.2f token_to_request_max_ms=%.1f campaign_waits_rate_claims_work=%s "
                        + "complete_s=%.1f heap_peak_mb=%d rss_peak_mb=%d replies=%d reply_p50_ms=%.0f reply_p99_ms=%.0f "
                        + "reply_max_ms=%.0f max_1s_window_all=%d jvm_cpu_ms_per_msg=%.2f pg_cpu_ms_per_msg=%.2f "
                        + "upload_s=%.1f upload_jvm_cpu_ms_per_number=%.2f upload_pg_cpu_ms_per_number=%.2f "
                        + "median_second_all=%.0f load=%s", STUB.latency().meanMs() + "/" + STUB.latency().minMs() + "-" + STUB.latency().maxMs(), STUB.peakInFlight(), WARMUP, RECIPIENTS, arrivals.length, distinct,
                arrivals.length - distinct, RATE, campaignLimit, achieved, achievedAll, maxWindow, maxWindow <= RATE,
                admissionMeanMs, admissionMaxMs, campaignWaits, completeSeconds,
                memory.peakHeapMb(), memory.peakRssMb(), replyMs.length, percentile(replyMs, 0.5), percentile(replyMs, 0.99),
                percentile(replyMs, 1.0), maxWindowAll, cpuAfter.jvmMsSince(cpuBefore) / (double) Math.max(1, arrivals.length),
                cpuAfter.pgMsSince(cpuBefore) / (double) Math.max(1, arrivals.length), uploadSeconds,
                cpuBefore.jvmMsSince(cpuBeforeUpload) / (double) RECIPIENTS, cpuBefore.pgMsSince(cpuBeforeUpload) / (double) RECIPIENTS,
                steadyAll, BenchSupport.loadAverage().replace(' ', '/')) + " " + replies.stages(jdbc);
        System.out.println(summary);
        System.out.println("sends of the number per second of the campaign: " + Arrays.toString(perSecondAll));
        write(summary, campaign, arrivals.length, distinct, queued, campaignLimit, achieved, maxWindow, sendSeconds,
                completeSeconds, memory, progress, perSecondAll);

        assertThat(arrivals.length).isEqualTo(RECIPIENTS);
        assertThat(distinct).isEqualTo(RECIPIENTS);
        assertThat(maxWindow).isLessThanOrEqualTo(RATE);
    }

    /**
     * A campaign to {@link #WARMUP} numbers of {@code +2541...} while an agent replies to {@code +2549...}, run to its
     * end before the measured one: the figures are then those of a service that has run (its code compiled by the JIT),
     * not of one that has just started.
     */
    private void warmUp(ServiceClient client, CampaignApi api, String token) throws Exception {
        String campaign = api.create(token, "{\"name\":\"Warm-up\",\"template\":{\"name\":\"december_offer\","
                + "\"language\":\"en\",\"parameters\":[{\"source\":\"profileName\",\"default\":\"customer\"}]},"
                + "\"audience\":{}}");
        api.upload(campaign, token, "phone\n" + IntStream.range(0, WARMUP).mapToObj(i -> "+2541" + String.format("%08d", i))
                .collect(Collectors.joining("\n")));
        assertThat(api.control(campaign, "start", token).statusCode()).isEqualTo(202);
        Replies replies = new Replies(client, token, "2549");
        replies.start();
        await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() -> jdbc.queryForObject(
                "select status from campaign_dispatch where campaign_id = ?", String.class, campaign).equals("COMPLETED"));
        replies.stopAndWait();
    }

    /** Seconds the sender's campaign traffic has waited for the rate, claims or work so far. */
    private double waitedFor(String what) {
        io.micrometer.core.instrument.FunctionCounter counter = meters.find("whatsapp.outbound.waits")
                .tag("traffic", "campaign").tag("for", what).functionCounter();
        return counter == null ? 0 : counter.count();
    }

    private static long[] sorted(long[] values) {
        Arrays.sort(values);
        return values;
    }

    private static double percentile(double[] sortedValues, double p) {
        return sortedValues.length == 0 ? Double.NaN
                : sortedValues[Math.min(sortedValues.length - 1, (int) Math.ceil(p * sortedValues.length) - 1)];
    }

    /**
     * Agent replies while the campaign runs: one template message every 200 ms through {@code POST /api/messages/send}
     * to a new number (conversation traffic), timed from the API call to its arrival at the stand-in.
     */
    private static final class Replies extends Thread {
        private final ServiceClient client;
        private final String token;
        private final String prefix;
        private final java.util.List<long[]> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile boolean running = true;

        Replies(ServiceClient client, String token, String prefix) {
            this.prefix = prefix;
            this.client = client;
            this.token = token;
            setDaemon(true);
        }

        @Override
        public void run() {
            for (int i = 0; running && i < REPLIES; i++) {
                long at = System.nanoTime();
                client.post("/api/messages/send", token, "{\"to\":\"+" + prefix + String.format("%08d", i)
                        + "\",\"type\":\"template\",\"template\":{\"name\":\"hello_world\",\"language\":\"en_US\"}}");
                sent.add(new long[]{i, at, System.nanoTime()});
                try {
                    Thread.sleep(Math.max(0, 200 - (System.nanoTime() - at) / 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stopAndWait() throws InterruptedException {
            running = false;
            join(30_000);
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.stream()
                    .allMatch(s -> STUB.arrivalOf(prefix + String.format("%08d", s[0])) != null));
        }

        /**
         * Where the replies' time went, p50/p99 in ms of each step: the API's answer, from the call to the message written
         * down for the sender ({@code pending_since}, in the command's transaction), from there to its claim
         * ({@code claimed_at}), and from the claim to its arrival at the stand-in (the rate's token and the request).
         */
        String stages(JdbcTemplate jdbc) {
            long wallMinusNano = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
            java.util.List<double[]> rows = new java.util.ArrayList<>();
            for (long[] s : sent) {
                String number = prefix + String.format("%08d", s[0]);
                Long arrived = STUB.arrivalOf(number);
                java.util.List<java.util.Map<String, Object>> found = jdbc.queryForList("select o.pending_since, o.claimed_at "
                        + "from outbound_message o join contact_identity i on i.contact_id = o.contact_id "
                        + "where i.identity = ?", "wa_id:" + number);
                if (arrived == null || found.isEmpty() || found.get(0).get("claimed_at") == null) {
                    continue;
                }
                double call = (s[1] + wallMinusNano) / 1e6;
                double pending = ((java.sql.Timestamp) found.get(0).get("pending_since")).getTime();
                double claimed = ((java.sql.Timestamp) found.get(0).get("claimed_at")).getTime();
                rows.add(new double[]{(s[2] - s[1]) / 1e6, pending - call, claimed - pending,
                        (arrived + wallMinusNano) / 1e6 - claimed});
            }
            String[] names = {"api_answer", "call_to_written", "written_to_claimed", "claimed_to_meta"};
            StringBuilder line = new StringBuilder("reply_stages_p50/p99_ms");
            for (int step = 0; step < names.length; step++) {
                int index = step;
                double[] values = rows.stream().mapToDouble(r -> r[index]).sorted().toArray();
                line.append(String.format(Locale.ROOT, " %s=%.0f/%.0f", names[step], percentile(values, 0.5),
                        percentile(values, 0.99)));
            }
            return line.toString();
        }

        double[] apiToMetaMs() {
            return sent.stream().mapToDouble(s -> {
                Long arrived = STUB.arrivalOf(prefix + String.format("%08d", s[0]));
                return arrived == null ? Double.POSITIVE_INFINITY : (arrived - s[1]) / 1e6;
            }).sorted().toArray();
        }
    }

    private void write(String summary, String campaign, int sent, long distinct, Long queued, int campaignLimit,
                       double achieved, int maxWindow, double sendSeconds, double completeSeconds, MemoryWatch memory,
                       JsonNode progress, int[] perSecondAll) throws IOException {
        String stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        Path dir = Path.of(System.getProperty("bench.results", "../bench/results"));
        Files.createDirectories(dir);
        String machine = BenchSupport.machine();
        String json = String.format(Locale.ROOT, """
                {"date":"%s","machine":"%s","recipients":%d,"sent":%d,"distinct_recipients":%d,"queued":%d,\
                "per_number_limit_per_s":%d,"reserved_share":%.2f,"campaign_share_per_s":%d,"achieved_rate_per_s":%.1f,\
                "max_sends_in_any_1s_window":%d,"within_limit":%s,"send_span_s":%.1f,"time_to_complete_s":%.1f,\
                "heap_peak_mb":%d,"rss_peak_mb":%d,"heap_max_mb":%d,"campaign":"%s","progress":%s,"sends_per_second_all":%s,\
                "summary":"%s"}
                """, stamp, machine, RECIPIENTS, sent, distinct, queued, RATE, RESERVED, campaignLimit, achieved, maxWindow,
                maxWindow <= RATE, sendSeconds, completeSeconds, memory.peakHeapMb(), memory.peakRssMb(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), campaign,
                progress == null ? "null" : progress.path("progress").toString(), Arrays.toString(perSecondAll), summary);
        Files.writeString(dir.resolve(stamp + "-campaign.json"), json);
        String md = String.format(Locale.ROOT, """
                # Campaign benchmark %s

                - machine: %s
                - one campaign to %,d new phone numbers (CSV upload, which registers the numbers as contacts; each \
                recipient's conversation opened and its template queued when its turn comes), whole service on a fresh PostgreSQL database, Graph API \
                stand-in (`BenchSupport.StubGraph`) answering every send with a wamid after GRAPH_LATENCY
                - WARM_UP
                - per-number limit %,d msg/s, reserved for conversations %.0f%%, so campaigns may use %,d msg/s

                | figure | value |
                |---|---|
                | messages the stub received | %,d (distinct recipients %,d) |
                | achieved send rate (first to last send) | %.1f msg/s over %.1f s |
                | highest count in any 1 s window | %,d (limit %,d: %s) |
                | time to complete (start to completed) | %.1f s |
                | memory (service and test in one JVM) | heap peak %,d MB of %,d MB max; RSS peak %,d MB |
                | sends of the number (campaign and replies) in each second of the campaign | %s |

                ```
                %s
                ```
                """, stamp, machine, RECIPIENTS, RATE, RESERVED * 100, campaignLimit, sent, distinct, achieved, sendSeconds,
                maxWindow, RATE, maxWindow <= RATE ? "never above" : "ABOVE", completeSeconds, memory.peakHeapMb(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), memory.peakRssMb(),
                Arrays.toString(perSecondAll).replaceAll("[\\[\\]]", ""), summary);
        String warmUp = WARMUP == 0 ? "no warm-up: the service had just started"
                : String.format(Locale.ROOT, "after a warm-up campaign of %,d other numbers (with replies), left out of "
                + "the figures", WARMUP);
        Files.writeString(dir.resolve(stamp + "-campaign.md"), md.replace("GRAPH_LATENCY", STUB.latency().toString())
                .replace("WARM_UP", warmUp));
    }

}
