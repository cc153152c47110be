package ke.co.datacare.whatsapp.app.media;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import ke.co.datacare.whatsapp.app.WhatsAppPlatformApplication;
import ke.co.datacare.whatsapp.app.support.BenchSupport;
import ke.co.datacare.whatsapp.app.support.ServiceClient;
import ke.co.datacare.whatsapp.app.support.TestDatabase;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import ke.co.datacare.whatsapp.command.media.MediaArchiveProperties;
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

/**
 * How far media archival falls behind while webhooks with media arrive. For {@code -Dbench.seconds} (default 60)
 * signed webhooks are posted open loop: {@code -Dbench.media-rate} image messages per second (default 10), each with a
 * media id of its own, and {@code -Dbench.text-rate} text messages per second (default 50) beside them. A Graph API
 * stand-in (WireMock) answers the media look-up and the download each after 150-400 ms (Meta's latency), the
 * download {@code -Dbench.media-kb} KB (default 100). Every second the backlog (media queued, not yet stored) is read;
 * after the load, the time until the archive is empty. The lag of each media is {@code stored_at - queued_at} (queued
 * when the message's events were recorded) and from the webhook's acknowledgement to stored. Prints a SUMMARY line
 * and writes {@code bench/results/<date>-media-archive.json} and {@code .md}.
 * <pre>
 * flock /tmp/datacare-bench.lock ./mvnw -o -B -pl app -am test-compile surefire:test@default-test -Dexec.skip=true \
 *   -Dbench=true -Dtest=MediaArchiveBench -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
@SpringBootTest(classes = WhatsAppPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MediaArchiveBench {

    private static final int SECONDS = Integer.getInteger("bench.seconds", 60);
    private static final int MEDIA_RATE = Integer.getInteger("bench.media-rate", 10);
    private static final int TEXT_RATE = Integer.getInteger("bench.text-rate", 50);
    private static final int MEDIA_KB = Integer.getInteger("bench.media-kb", 100);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(Long.getLong("bench.drain-minutes", 10));
    private static final WireMockServer META = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .containerThreads(64).globalTemplating(true));

    static {
        META.start();
        // the media's description (a download URL on the stand-in) and its bytes, each after Meta's latency
        META.stubFor(get(urlPathMatching("/v21.0/(9\\d+)")).willReturn(aResponse().withUniformRandomDelay(150, 400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"messaging_product\":\"whatsapp\",\"url\":\"" + META.baseUrl()
                        + "/lookaside/{{request.pathSegments.[1]}}\",\"mime_type\":\"image/jpeg\",\"sha256\":\"00\","
                        + "\"file_size\":" + MEDIA_KB * 1024 + ",\"id\":\"{{request.pathSegments.[1]}}\"}")));
        META.stubFor(get(urlPathMatching("/lookaside/(\\d+)")).willReturn(aResponse().withUniformRandomDelay(150, 400)
                .withHeader("Content-Type", "image/jpeg")
                .withBody("{{request.pathSegments.[1]}}{{randomValue length=" + (MEDIA_KB * 1024 - 24)
                        + " type='ALPHANUMERIC'}}")));
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MediaArchiveProperties archive;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String url = TestDatabase.create("bench_media_" + System.currentTimeMillis());
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> TestDatabase.USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("datacare.whatsapp.api-url", () -> META.baseUrl() + "/v21.0");
        registry.add("datacare.webhook.max-deferral", () -> "30s");
        registry.add("logging.level.ke.co.datacare", () -> "WARN");
    }

    @AfterAll
    static void stopStandIn() {
        META.stop();
    }

    private record Sample(double second, long backlog, long stored) {
    }

    @Test
    void media_archival_keeps_up_with_webhooks_carrying_media_or_its_lag_is_measured() throws Exception {
        ServiceClient client = new ServiceClient(port, "test-app-secret");
        long base = 9_000_000_000_000L + (System.currentTimeMillis() % 1_000_000) * 1_000_000;
        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        BenchSupport.Cpu cpuBefore = BenchSupport.Cpu.now(jdbc);
        ScheduledExecutorService senders = Executors.newScheduledThreadPool(16);
        long started = System.nanoTime();
        int media = MEDIA_RATE * SECONDS;
        int texts = TEXT_RATE * SECONDS;
        for (int i = 0; i < media; i++) {
            String mediaId = String.valueOf(base + i);
            String waId = "2547" + String.format("%08d", 20_000_000 + i % 2_000);
            senders.schedule(() -> {
                var answer = client.postWebhook(Webhooks.messages(waId, "Picha", List.of(Webhooks.message(waId,
                        "wamid.media-" + mediaId, Instant.now().getEpochSecond(), "image", "{\"id\":\"" + mediaId
                                + "\",\"mime_type\":\"image/jpeg\",\"caption\":\"receipt\"}"))));
                if (answer.statusCode() == 200) {
                    acknowledged.put(mediaId, System.currentTimeMillis());
                } else {
                    refused.incrementAndGet();
                }
            }, i * 1_000_000_000L / MEDIA_RATE, TimeUnit.NANOSECONDS);
        }
        for (int i = 0; i < texts; i++) {
            String waId = "2547" + String.format("%08d", 30_000_000 + i % 5_000);
            String wamid = "wamid.text-" + base + "-" + i;
            senders.schedule(() -> client.postWebhook(Webhooks.text(waId, "Maandishi", wamid,
                    Instant.now().getEpochSecond(), "Habari, nina swali kuhusu bili yangu")),
                    i * 1_000_000_000L / TEXT_RATE, TimeUnit.NANOSECONDS);
        }
        List<Sample> samples = new ArrayList<>();
        while (true) {
            Thread.sleep(1_000);
            double second = (System.nanoTime() - started) / 1e9;
            Map<String, Object> counts = jdbc.queryForMap("select count(*) filter (where state not in ('stored', "
                    + "'failed')) backlog, count(*) filter (where state = 'stored') stored from media_archive");
            Sample sample = new Sample(second, ((Number) counts.get("backlog")).longValue(),
                    ((Number) counts.get("stored")).longValue());
            samples.add(sample);
            boolean loadOver = second > SECONDS;
            if (loadOver && sample.backlog() == 0 && sample.stored() + failed() >= acknowledged.size()
                    || second > SECONDS + DRAIN_TIMEOUT.toSeconds()) {
                break;
            }
        }
        senders.shutdown();
        double total = (System.nanoTime() - started) / 1e9;
        BenchSupport.Cpu cpuAfter = BenchSupport.Cpu.now(jdbc);

        List<Map<String, Object>> rows = jdbc.queryForList("select media_id, extract(epoch from stored_at - queued_at) "
                + "* 1000 as lag_ms, extract(epoch from stored_at) * 1000 as stored_ms from media_archive "
                + "where state = 'stored'");
        double[] queuedLag = rows.stream().mapToDouble(row -> ((Number) row.get("lag_ms")).doubleValue()).sorted()
                .toArray();
        double[] ackLag = rows.stream().filter(row -> acknowledged.containsKey((String) row.get("media_id")))
                .mapToDouble(row -> ((Number) row.get("stored_ms")).doubleValue()
                        - acknowledged.get((String) row.get("media_id"))).sorted().toArray();
        long peakBacklog = samples.stream().mapToLong(Sample::backlog).max().orElse(0);
        long backlogAtEnd = samples.stream().filter(sample -> sample.second() >= SECONDS).findFirst()
                .map(Sample::backlog).orElse(0L);
        double drained = samples.get(samples.size() - 1).second() - SECONDS;
        double storeRate = rows.size() / total;
        long duringLoad = samples.stream().filter(sample -> sample.second() >= SECONDS).findFirst()
                .map(Sample::stored).orElse(0L);

        String summary = String.format(Locale.ROOT, "SUMMARY media-archive workers=%d seconds=%d media_rate=%d/s "
                        + "text_rate=%d/s media_kb=%d acknowledged=%d refused=%d stored=%d failed=%d stored_during_load=%d "
                        + "archive_rate=%.1f/s lag_p50_s=%.1f lag_p99_s=%.1f lag_max_s=%.1f ack_to_stored_p50_s=%.1f "
                        + "ack_to_stored_p99_s=%.1f peak_backlog=%d backlog_at_load_end=%d drained_after_load_s=%.1f "
                        + "jvm_cpu_ms_per_media=%.1f pg_cpu_ms_per_media=%.1f load=%s",
                archive.workers(), SECONDS, MEDIA_RATE, TEXT_RATE, MEDIA_KB, acknowledged.size(), refused.get(), rows.size(), failed(),
                duringLoad, storeRate, pct(queuedLag, 0.5), pct(queuedLag, 0.99), pct(queuedLag, 1.0), pct(ackLag, 0.5),
                pct(ackLag, 0.99), peakBacklog, backlogAtEnd, drained,
                cpuAfter.jvmMsSince(cpuBefore) / (double) Math.max(1, rows.size()),
                cpuAfter.pgMsSince(cpuBefore) / (double) Math.max(1, rows.size()),
                BenchSupport.loadAverage().replace(' ', '/'));
        System.out.println(summary);
        write(summary, samples, archive.workers());

        assertThat(rows.size() + failed()).isEqualTo(acknowledged.size());
    }

    private long failed() {
        return jdbc.queryForObject("select count(*) from media_archive where state = 'failed'", Long.class);
    }

    /** The quantile in seconds of lags in milliseconds, sorted. */
    private static double pct(double[] sortedMs, double quantile) {
        if (sortedMs.length == 0) {
            return 0;
        }
        return sortedMs[Math.min(sortedMs.length - 1, (int) Math.floor(quantile * sortedMs.length))] / 1000;
    }

    private static void write(String summary, List<Sample> samples, int workers) throws IOException {
        String stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        Path dir = Path.of(System.getProperty("bench.results", "../bench/results"));
        Files.createDirectories(dir);
        StringBuilder json = new StringBuilder("{\"date\":\"" + stamp + "\",\"machine\":\"" + BenchSupport.machine()
                + "\",\"summary\":\"" + summary + "\",\"backlog_by_second\":[");
        StringBuilder table = new StringBuilder("| second | backlog | stored |\n|---|---|---|\n");
        for (int i = 0; i < samples.size(); i++) {
            Sample sample = samples.get(i);
            json.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%.1f,%d,%d]", sample.second(),
                    sample.backlog(), sample.stored()));
            if (i % 10 == 9 || i == samples.size() - 1) {
                table.append(String.format(Locale.ROOT, "| %.0f | %d | %d |%n", sample.second(), sample.backlog(),
                        sample.stored()));
            }
        }
        Files.writeString(dir.resolve(stamp + "-media-archive.json"), json.append("]}\n").toString());
        Files.writeString(dir.resolve(stamp + "-media-archive.md"), String.format(Locale.ROOT, """
                # Media archive lag under load %s

                - machine: %s
                - %d s of signed webhooks, open loop: %d image messages/s (a media id each) and %d text messages/s;
                  whole service on a fresh PostgreSQL database, media kept in the database store (the default)
                - Graph API stand-in (WireMock, in the same JVM) answering the media look-up and the %d KB download
                  each after 150-400 ms
                - the archiver with %d workers (`datacare.media.archive.workers`), rounds of up to 4 claims per worker,
                  the next round at once while rounds come full, polled every second when idle

                ```
                %s
                ```

                Backlog (media queued, not yet stored) every 10 s:

                %s
                """, stamp, BenchSupport.machine(), SECONDS, MEDIA_RATE, TEXT_RATE, MEDIA_KB, workers, summary, table));
    }
}
