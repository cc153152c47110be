package ke.co.datacare.whatsapp.app.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import ke.co.datacare.whatsapp.app.WhatsAppPlatformApplication;
import ke.co.datacare.whatsapp.app.support.BenchSupport;
import ke.co.datacare.whatsapp.app.support.BenchSupport.Cpu;
import ke.co.datacare.whatsapp.app.support.ServiceClient;
import ke.co.datacare.whatsapp.app.support.TestDatabase;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import ke.co.datacare.whatsapp.chatbot.context.ChatbotConfigHolder;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark of deciding (not part of the test run; runs only with {@code -Dbench=true}): how fast stored webhooks become
 * conversation state. The whole service on a fresh PostgreSQL database, a Graph API stand-in on 127.0.0.1 answering after
 * Meta's latency (250 ms, jittered 150-400 ms).
 * <ol>
 *   <li><b>drain</b>: the dispatcher is stopped, {@code -Dbench.messages} (20,000) single-message text webhooks from
 *   {@code -Dbench.senders} (5,000) new customers are acknowledged, then the dispatcher starts and the clock runs until
 *   every message is in {@code timeline_message}: that time gives the rate. The CPU window runs on until what the
 *   drained messages set off is done (every processor at the event store's head, every queued message accepted or
 *   failed, every handoff's reply deadline set, every Graph API call answered, the head unchanged between two checks),
 *   so that JVM and PostgreSQL CPU per message and events per message (by type) count the same work in every run;</li>
 *   <li><b>sustained</b> (bot on only, {@code -Dbench.sustained-seconds}, 60): an open loop of
 *   {@code -Dbench.sustained-rate} (1,000) webhooks/s from new customers; every 10th message's lag from its
 *   acknowledgement to its timeline row (polled every 25 ms), p50/p99, and the acknowledgement latency.</li>
 * </ol>
 * {@code -Dbench.warmup-messages=N} (0) first drains N messages from other new customers, untimed, so that the timed
 * drain runs on compiled code (a fresh JVM's JIT compiler otherwise takes a quarter of the CPU of a 6,000-message drain).
 * {@code -Dbench.label=NAME} is added to the results' file names. {@code -Dbench.bot=false} turns the bot (handoff) and read receipts off;
 * {@code -Dbench.bot-hours=closed|open|shipped} (closed) pins the bot's business hours, so that what the bot does (and
 * costs) does not depend on the time of day: closed, each new customer gets the out-of-office reply and a handoff. The load driver runs in the service's JVM
 * (JDK HttpClient), so the JVM CPU figure of the sustained phase includes it; the drain phase's does not (nothing is sent
 * then). PostgreSQL CPU counts the backends of the bench database only.
 * <pre>
 * flock /tmp/datacare-bench.lock ./mvnw -o -B -pl app -am test -Dtest=DrainBench -Dbench=true -Dbench.bot=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
@SpringBootTest(classes = WhatsAppPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DrainBench {

    private static final boolean BOT = Boolean.parseBoolean(System.getProperty("bench.bot", "true"));
    private static final int MESSAGES = Integer.getInteger("bench.messages", 20_000);
    private static final int SENDERS = Integer.getInteger("bench.senders", 5_000);
    private static final int WARMUP = Integer.getInteger("bench.warmup-messages", 0);
    private static final int RATE = Integer.getInteger("bench.sustained-rate", 1_000);
    private static final int SUSTAINED_SECONDS = BOT ? Integer.getInteger("bench.sustained-seconds", 60) : 0;
    private static final int DRAIN_TIMEOUT_S = Integer.getInteger("bench.drain-timeout-seconds", 900);
    private static final String BOT_HOURS = System.getProperty("bench.bot-hours", "closed");
    private static final int SETTLE_TIMEOUT_S = DRAIN_TIMEOUT_S + Integer.getInteger("bench.settle-timeout-seconds", 120);
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    private static final LatencyGraph GRAPH = new LatencyGraph();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabase::url);
        registry.add("spring.datasource.username", () -> TestDatabase.USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("datacare.whatsapp.api-url", GRAPH::apiUrl);
        registry.add("datacare.whatsapp.messages-per-second", () -> 1_000);
        registry.add("datacare.handoff.enabled", () -> BOT);
        registry.add("datacare.whatsapp.mark-as-read", () -> BOT);
        registry.add("datacare.webhook.max-deferral", () -> "30s");
        registry.add("logging.level.ke.co.datacare", () -> "WARN");
    }

    @AfterAll
    static void stopGraph() {
        GRAPH.stop();
    }

    @Test
    void stored_webhooks_become_conversation_state() throws Exception {
        ServiceClient client = new ServiceClient(port, "test-app-secret");
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("bot", BOT);
        results.put("bot_hours", BOT ? BOT_HOURS : "-");
        results.put("load_average_start", BenchSupport.loadAverage());

        pinBusinessHours();
        if (WARMUP > 0) {
            Drain warmup = drain(client, "w", WARMUP, SENDERS);
            results.put("warmup", Map.of("messages", WARMUP, "drain_rate", round(warmup.rate()),
                    "drain_s", round(warmup.seconds)));
        }
        Drain drain = drain(client, "d", MESSAGES, 0);
        results.put("drain", drain.figures());
        results.put("load_average_after_drain", BenchSupport.loadAverage());
        Map<String, Object> sustained = SUSTAINED_SECONDS > 0 ? sustained(client) : Map.of();
        results.put("sustained", sustained);
        results.put("load_average_end", BenchSupport.loadAverage());
        results.put("graph_calls", GRAPH.calls.get());

        String summary = String.format(Locale.ROOT, "SUMMARY drain bot=%s%s messages=%d senders=%d%s ack_rate=%.0f/s "
                        + "drain_rate=%.1f/s drain_s=%.1f cpu_window_s=%.1f%s jvm_cpu_ms_per_msg=%.2f pg_cpu_ms_per_msg=%.2f "
                        + "events_per_msg=%.2f%s",
                BOT ? "on" : "off", BOT ? " bot_hours=" + BOT_HOURS : "", MESSAGES, SENDERS,
                WARMUP > 0 ? " warmup=" + WARMUP : "", drain.ackRate, drain.rate(), drain.seconds, drain.settledSeconds,
                "settled".equals(drain.settled) ? "" : " cpu_window=unsettled", drain.jvmCpuMsPerMessage(),
                drain.pgCpuMsPerMessage(), drain.eventsPerMessage(), sustained.isEmpty() ? ""
                        : String.format(Locale.ROOT, " sustained_rate=%d/s sustained_s=%d lag_p50_ms=%s lag_p99_ms=%s "
                                + "ack_p99_ms=%s complete=%s", RATE, SUSTAINED_SECONDS, sustained.get("lag_p50_ms"),
                        sustained.get("lag_p99_ms"), sustained.get("ack_p99_ms"), sustained.get("complete")));
        results.put("summary", summary);
        System.out.println(drain.table());
        if (!sustained.isEmpty()) {
            System.out.println("sustained: " + sustained);
        }
        System.out.println(summary);
        write(results, summary, drain, sustained);

        assertThat(drain.visible).isEqualTo(MESSAGES);
    }

    /**
     * The bot's business hours, so that its work does not depend on the time of day the bench runs at: {@code closed}
     * (the default; today, yesterday and tomorrow in the business zone are holidays): every new customer gets the
     * out-of-office reply and is handed off (a reply deadline, no agent); {@code open} (every day, all day): the bot
     * answers every message itself. {@code shipped} keeps the shipped hours (Nairobi office hours).
     */
    private void pinBusinessHours() {
        if (!BOT || "shipped".equals(BOT_HOURS)) {
            return;
        }
        ChatbotConfigHolder holder = context.getBean(ChatbotConfigHolder.class);
        ChatbotConfig shipped = holder.current();
        ChatbotConfig.OpeningHours hours = shipped.businessHours();
        ChatbotConfig.OpeningHours pinned;
        if ("open".equals(BOT_HOURS)) {
            List<ChatbotConfig.OpeningWindow> allDay = List.of(
                    new ChatbotConfig.OpeningWindow(LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59)));
            Map<DayOfWeek, List<ChatbotConfig.OpeningWindow>> week = new EnumMap<>(DayOfWeek.class);
            for (DayOfWeek day : DayOfWeek.values()) {
                week.put(day, allDay);
            }
            pinned = new ChatbotConfig.OpeningHours(hours.zone(), week, List.of());
        } else {
            LocalDate today = LocalDate.now(ZoneId.of(hours.zone()));
            List<ChatbotConfig.Holiday> holidays = new ArrayList<>(hours.holidays());
            for (int day = -1; day <= 1; day++) {
                holidays.add(new ChatbotConfig.Holiday(today.plusDays(day), "bench"));
            }
            pinned = new ChatbotConfig.OpeningHours(hours.zone(), hours.weekly(), holidays);
        }
        holder.replace(new ChatbotConfig(shipped.faqs(), shipped.intents(), shipped.menu(), shipped.replies(),
                shipped.maxNotUnderstood(), pinned, shipped.lateDeliveries()));
    }

    /**
     * Acknowledges {@code messages} webhooks (wamids of {@code phase}, senders from {@code firstSender} on) with the
     * dispatcher stopped, then times the drain.
     */
    private Drain drain(ServiceClient client, String phase, int messages, int firstSender) throws Exception {
        Lifecycle dispatcher = (Lifecycle) context.getBean("webhookDispatcher");
        dispatcher.stop();
        long ackStart = System.nanoTime();
        post(client, messages, 16, i -> body(phase, firstSender + i % SENDERS, i));
        double ackSeconds = (System.nanoTime() - ackStart) / 1e9;
        long eventsBefore = count("select coalesce(max(global_index), 0) from domain_event_entry");
        Map<String, Long> typesBefore = eventTypes(eventsBefore, Long.MAX_VALUE);
        Cpu before = Cpu.now(jdbc);
        long start = System.nanoTime();
        dispatcher.start();
        long visible = 0;
        long deadline = start + TimeUnit.SECONDS.toNanos(DRAIN_TIMEOUT_S);
        List<String> progress = new ArrayList<>();
        long lastReport = start;
        while (System.nanoTime() < deadline) {
            visible = count("select count(*) from timeline_message where direction = 'inbound' and wamid like 'wamid.BENCH" + RUN + phase + "%'");
            if (visible >= messages) {
                break;
            }
            if (System.nanoTime() - lastReport > 10_000_000_000L) {
                lastReport = System.nanoTime();
                progress.add(String.format(Locale.ROOT, "%.0fs:%d", (lastReport - start) / 1e9, visible));
            }
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Settled settled = settle(eventsBefore, start + TimeUnit.SECONDS.toNanos(SETTLE_TIMEOUT_S));
        double settledSeconds = (System.nanoTime() - start) / 1e9;
        Cpu after = Cpu.now(jdbc);
        long eventsAfter = settled.head();
        Drain drain = new Drain(messages / ackSeconds, seconds, settledSeconds, settled.reason(), visible,
                after.jvmMsSince(before), after.pgMsSince(before), eventsAfter - eventsBefore,
                eventTypes(eventsBefore, eventsAfter), progress);
        typesBefore.clear();
        return drain;
    }

    /** What the drain's CPU window waited for, and the event store's head when it closed. */
    private record Settled(long head, String reason) {
    }

    /**
     * The drain's CPU window closes only once everything the drained messages set off is done, so that CPU per message
     * counts the same work in every run: every streaming processor (bot, handoff saga, reactions, read models, ...) has
     * processed the event store up to its head, every message queued since the drain started is accepted or failed
     * (the sender's work), every reply deadline the handoff saga asks for is set (one per handoff: the bench has no
     * agents), the Graph API stand-in has answered every call (read receipts, sends), and the head did not move between
     * two such checks. At {@code bench.settle-timeout-seconds} (after the drain's start) it closes anyway and says so.
     */
    private Settled settle(long eventsBefore, long deadline) throws InterruptedException {
        EventProcessingConfiguration processing = context.getBean(EventProcessingConfiguration.class);
        long lastHead = -1;
        String waiting = "";
        while (System.nanoTime() < deadline) {
            long head = count("select coalesce(max(global_index), 0) from domain_event_entry");
            waiting = waitingFor(processing, eventsBefore, head);
            if (waiting.isEmpty() && head == lastHead) {
                return new Settled(head, "settled");
            }
            lastHead = waiting.isEmpty() ? head : -1;
            Thread.sleep(100);
        }
        return new Settled(count("select coalesce(max(global_index), 0) from domain_event_entry"),
                "timed out waiting for " + waiting);
    }

    /** What is not done yet (empty: nothing). */
    private String waitingFor(EventProcessingConfiguration processing, long eventsBefore, long head) {
        List<String> waiting = new ArrayList<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming && streaming.isRunning()) {
                Map<Integer, EventTrackerStatus> status = streaming.processingStatus();
                boolean behind = status.isEmpty() || status.values().stream()
                        .anyMatch(s -> s.isErrorState() || s.getCurrentPosition().orElse(0) < head);
                if (behind) {
                    waiting.add("processor " + name);
                }
            }
        });
        Map<String, Long> types = eventTypes(eventsBefore, head);
        long queued = types.getOrDefault("OutboundMessageQueued", 0L);
        long done = types.getOrDefault("OutboundMessageAccepted", 0L) + types.getOrDefault("OutboundMessageFailed", 0L);
        if (done < queued) {
            waiting.add((queued - done) + " sends");
        }
        long handoffs = types.getOrDefault("HandoffRequested", 0L);
        long deadlines = types.getOrDefault("ReplyDeadlineSet", 0L);
        if (BOT && deadlines < handoffs) {
            waiting.add((handoffs - deadlines) + " reply deadlines");
        }
        int unanswered = GRAPH.calls.get() - GRAPH.answered.get();
        if (unanswered > 0) {
            waiting.add(unanswered + " Graph API calls");
        }
        return String.join(", ", waiting);
    }

    /** Open loop at {@code RATE} webhooks/s for {@code SUSTAINED_SECONDS} s; every 10th message's lag to its timeline row. */
    private Map<String, Object> sustained(ServiceClient client) throws Exception {
        waitQuiet();
        int total = RATE * SUSTAINED_SECONDS;
        long[] ackedAt = new long[total];
        long[] ackLatency = new long[total];
        Map<String, Integer> outstanding = new ConcurrentHashMap<>();
        long[] seenAt = new long[total];
        AtomicInteger failures = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(64);
        Thread poller = new Thread(() -> poll(outstanding, seenAt));
        poller.setDaemon(true);
        Cpu before = Cpu.now(jdbc);
        long eventsBefore = count("select coalesce(max(global_index), 0) from domain_event_entry");
        long start = System.nanoTime();
        poller.start();
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * 1e9 / RATE);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int n = i;
            senders.submit(() -> {
                int status = client.postWebhook(body("s", SENDERS + n % SENDERS, n)).statusCode();
                long now = System.nanoTime();
                ackLatency[n] = now - due;
                if (status != 200) {
                    failures.incrementAndGet();
                } else if (n % 10 == 0) {
                    ackedAt[n] = now;
                    outstanding.put(wamid("s", n), n);
                }
            });
        }
        senders.shutdown();
        senders.awaitTermination(120, TimeUnit.SECONDS);
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!outstanding.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        poller.interrupt();
        long visible = count("select count(*) from timeline_message where direction = 'inbound' and wamid like 'wamid.BENCH" + RUN + "s%'");
        double seconds = (System.nanoTime() - start) / 1e9;
        Cpu after = Cpu.now(jdbc);
        long events = count("select coalesce(max(global_index), 0) from domain_event_entry") - eventsBefore;
        long[] lags = new long[total / 10 + 1];
        int sampled = 0;
        for (int i = 0; i < total; i += 10) {
            if (ackedAt[i] != 0 && seenAt[i] != 0) {
                lags[sampled++] = seenAt[i] - ackedAt[i];
            }
        }
        long[] lag = Arrays.copyOf(lags, sampled);
        Arrays.sort(lag);
        long[] acks = ackLatency.clone();
        Arrays.sort(acks);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("rate_per_s", RATE);
        figures.put("seconds", SUSTAINED_SECONDS);
        figures.put("sent", total);
        figures.put("non200", failures.get());
        figures.put("send_span_s", round(sendSeconds));
        figures.put("visible", visible);
        figures.put("complete", visible == total - failures.get());
        figures.put("sampled", sampled);
        figures.put("not_seen_samples", outstanding.size());
        figures.put("lag_p50_ms", sampled == 0 ? null : round(lag[sampled / 2] / 1e6));
        figures.put("lag_p99_ms", sampled == 0 ? null : round(lag[(int) (sampled * 0.99)] / 1e6));
        figures.put("lag_max_ms", sampled == 0 ? null : round(lag[sampled - 1] / 1e6));
        figures.put("ack_p50_ms", round(acks[total / 2] / 1e6));
        figures.put("ack_p99_ms", round(acks[(int) (total * 0.99)] / 1e6));
        figures.put("jvm_cpu_ms_per_msg_incl_driver", round((after.jvmMsSince(before)) / (double) total));
        figures.put("pg_cpu_ms_per_msg", round(after.pgMsSince(before) / (double) total));
        figures.put("events_per_msg", round(events / (double) total));
        figures.put("span_s", round(seconds));
        return figures;
    }

    private void poll(Map<String, Integer> outstanding, long[] seenAt) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (!outstanding.isEmpty()) {
                    String[] wamids = outstanding.keySet().toArray(String[]::new);
                    List<String> seen = jdbc.queryForList("select wamid from timeline_message where wamid = any(?)",
                            String.class, (Object) wamids);
                    long now = System.nanoTime();
                    for (String wamid : seen) {
                        Integer n = outstanding.remove(wamid);
                        if (n != null) {
                            seenAt[n] = now;
                        }
                    }
                }
                Thread.sleep(25);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a poll that fails is retried at the next tick
            }
        }
    }

    /** Waits (at most 120 s) until no event has been appended for 2 s: the drain's bot replies and receipts are done. */
    private void waitQuiet() throws InterruptedException {
        long last = -1;
        long quietSince = System.nanoTime();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            long now = count("select coalesce(max(global_index), 0) from domain_event_entry");
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > 2_000_000_000L) {
                return;
            }
            Thread.sleep(200);
        }
    }

    private interface Body {
        String of(int i);
    }

    private static void post(ServiceClient client, int count, int threads, Body bodies) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    if (client.postWebhook(bodies.of(i)).statusCode() != 200) {
                        failed.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
        assertThat(failed.get()).isZero();
    }

    private static String wamid(String phase, int i) {
        return "wamid.BENCH" + RUN + phase + i;
    }

    private static String body(String phase, int sender, int i) {
        String waId = String.format(Locale.ROOT, "2547%02d%06d", Math.abs(RUN.hashCode()) % 100, sender);
        // the time of sending, as Meta sends it: a past time would make every reply deadline overdue at once
        return Webhooks.text(waId, "Customer " + sender, wamid(phase, i), System.currentTimeMillis() / 1000,
                "Habari, my fibre connection at home has been down since this morning, message " + i
                        + ". Can someone help me please?");
    }

    private long count(String sql) {
        Long value = jdbc.queryForObject(sql, Long.class);
        return value == null ? 0 : value;
    }

    private Map<String, Long> eventTypes(long after, long upTo) {
        Map<String, Long> types = new LinkedHashMap<>();
        jdbc.query("select payload_type, count(*) from domain_event_entry where global_index > ? and global_index <= ? "
                        + "group by payload_type order by 2 desc", rs -> {
                    String type = rs.getString(1);
                    types.put(type.substring(type.lastIndexOf('.') + 1), rs.getLong(2));
                }, after, upTo);
        return types;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private record Drain(double ackRate, double seconds, double settledSeconds, String settled, long visible,
                         long jvmCpuMs, long pgCpuMs, long events,
                         Map<String, Long> types, List<String> progress) {
        double rate() {
            return visible / seconds;
        }

        double jvmCpuMsPerMessage() {
            return jvmCpuMs / (double) MESSAGES;
        }

        double pgCpuMsPerMessage() {
            return pgCpuMs / (double) MESSAGES;
        }

        double eventsPerMessage() {
            return events / (double) MESSAGES;
        }

        Map<String, Object> figures() {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("messages", MESSAGES);
            figures.put("senders", SENDERS);
            figures.put("ack_rate_per_s", round(ackRate));
            figures.put("drain_seconds", round(seconds));
            figures.put("visible", visible);
            figures.put("drain_rate_per_s", round(rate()));
            figures.put("cpu_window_seconds", round(settledSeconds));
            figures.put("cpu_window_closed", settled);
            figures.put("jvm_cpu_ms_per_msg", round(jvmCpuMsPerMessage()));
            figures.put("pg_cpu_ms_per_msg", round(pgCpuMsPerMessage()));
            figures.put("events_per_msg", round(eventsPerMessage()));
            figures.put("events_by_type_in_cpu_window", types);
            figures.put("progress_every_10s", progress);
            return figures;
        }

        String table() {
            return String.format(Locale.ROOT, "drain: %,d messages from %,d senders acknowledged at %.0f/s, all visible "
                            + "after %.1f s = %.1f msg/s; CPU window %.1f s (%s): per message JVM %.2f ms, PostgreSQL "
                            + "%.2f ms; %.2f events/msg %s",
                    MESSAGES, SENDERS, ackRate, seconds, rate(), settledSeconds, settled, jvmCpuMsPerMessage(),
                    pgCpuMsPerMessage(), eventsPerMessage(), types);
        }
    }

    private void write(Map<String, Object> results, String summary, Drain drain, Map<String, Object> sustained)
            throws IOException {
        String stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        Path dir = Path.of(System.getProperty("bench.results", "../bench/results"));
        Files.createDirectories(dir);
        results.put("date", stamp);
        results.put("machine", BenchSupport.machine());
        results.put("shared_machine", "other workstreams' builds, tests and benchmarks may run at the same time; see the load averages");
        String label = System.getProperty("bench.label", "");
        String name = stamp + "-drain-bot-" + (BOT ? "on" : "off") + (label.isBlank() ? "" : "-" + label);
        Files.writeString(dir.resolve(name + ".json"), json(results) + "\n");
        String md = String.format(Locale.ROOT, """
                # Drain benchmark %s, bot %s

                - machine: %s (shared: other work may have run; load averages below)
                - load average: start %s, after the drain %s, end %s
                - whole service on a fresh PostgreSQL database; Graph API stand-in on 127.0.0.1 answering after 150-400 ms
                  (mean about 250 ms); bot (handoff) and read receipts %s

                %s

                Sustained phase: %s

                ```
                %s
                ```
                """, stamp, BOT ? "on" : "off", BenchSupport.machine(), results.get("load_average_start"),
                results.get("load_average_after_drain"), results.get("load_average_end"), BOT ? "on" : "off",
                drain.table(), sustained.isEmpty() ? "not run" : sustained, summary);
        Files.writeString(dir.resolve(name + ".md"), md);
    }

    private static String json(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + json(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(DrainBench::json).collect(Collectors.joining(",", "[", "]"));
        }
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        return "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The Graph API with Meta's latency: each answer leaves after 150-400 ms (about 250 ms on average). */
    static final class LatencyGraph {
        private final HttpServer server;
        private final ScheduledExecutorService delays = Executors.newScheduledThreadPool(4);
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger answered = new AtomicInteger();

        LatencyGraph() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.createContext("/", this::handle);
            server.start();
        }

        String apiUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/v21.0";
        }

        private void handle(HttpExchange exchange) throws IOException {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int i = calls.getAndIncrement();
            String answer;
            if (exchange.getRequestURI().getPath().endsWith("/message_templates")) {
                answer = "{\"data\":[]}";
            } else if (body.contains("\"status\":\"read\"")) {
                answer = "{\"success\":true}";
            } else {
                int to = body.indexOf("\"to\":\"");
                String recipient = to < 0 ? "?" : body.substring(to + 6, body.indexOf('"', to + 6));
                answer = "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + recipient + "\",\"wa_id\":\""
                        + recipient + "\"}],\"messages\":[{\"id\":\"wamid.OUT" + RUN + "x" + i + "\"}]}";
            }
            Random random = ThreadLocalRandom.current();
            long delay = Math.max(150, Math.min(400, Math.round(250 + random.nextGaussian() * 60)));
            delays.schedule(() -> respond(exchange, answer), delay, TimeUnit.MILLISECONDS);
        }

        private void respond(HttpExchange exchange, String answer) {
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = exchange.getResponseBody()) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                out.write(bytes);
            } catch (IOException e) {
                exchange.close();
            } finally {
                answered.incrementAndGet();
            }
        }

        void stop() {
            server.stop(0);
            delays.shutdownNow();
        }
    }
}
