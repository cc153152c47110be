package ke.co.datacare.whatsapp.app.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What a fuzz run sent and got back, and the figures it writes to bench/results. */
final class FuzzFigures {

    private final Map<String, AtomicLong> byKind = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> byAnswer = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> bySigning = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> byContentType = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> broken = new ConcurrentHashMap<>();
    private final Map<String, String> brokenExamples = new ConcurrentHashMap<>();
    private final Set<String> acceptedHashes = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong bodies = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile long startNanos;
    private volatile long elapsedNanos;
    private volatile long drainMillis;
    private volatile long failedRows;
    private final AtomicLong inputs = new AtomicLong();
    private volatile List<String> healthProblems = List.of();
    private final Instant startedAt = Instant.now();

    void start() {
        startNanos = System.nanoTime();
    }

    void stop() {
        elapsedNanos = System.nanoTime() - startNanos;
    }

    void count(Delivery delivery, int status, String code) {
        bodies.incrementAndGet();
        bytes.addAndGet(delivery.body().length);
        increment(byKind, delivery.kind());
        increment(byAnswer, status + (code.isEmpty() ? "" : " " + code));
        increment(bySigning, delivery.signing().name());
        increment(byContentType, delivery.contentType().isEmpty() ? "(none)" : delivery.contentType());
    }

    void accepted(byte[] body) {
        accepted.incrementAndGet();
        acceptedHashes.add(sha256(body));
    }

    void broken(String expectation, Delivery delivery, HttpResponse<String> answer) {
        increment(broken, expectation);
        brokenExamples.putIfAbsent(expectation, "answered " + answer.statusCode() + " "
                + answer.headers().firstValue("Content-Type").orElse("") + " " + answer.body() + " for " + delivery);
    }

    boolean anyBroken() {
        return !broken.isEmpty();
    }

    String brokenSummary() {
        StringBuilder summary = new StringBuilder();
        new TreeMap<>(broken).forEach((name, count) -> summary.append("\n - ").append(count).append(" x ").append(name)
                .append("\n   e.g. ").append(brokenExamples.get(name)));
        return summary.toString();
    }

    long acceptedCount() {
        return accepted.get();
    }

    Set<String> acceptedHashes() {
        return acceptedHashes;
    }

    void drainMillis(long millis) {
        drainMillis = millis;
    }

    void failedRows(long count) {
        failedRows = count;
    }

    /** One more input of the fuzzer (it posts one to eight bodies). */
    void input() {
        inputs.incrementAndGet();
    }

    void healthProblems(List<String> problems) {
        healthProblems = List.copyOf(problems);
    }

    private static void increment(Map<String, AtomicLong> counts, String key) {
        counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code <UTC time>-fuzz.md} and {@code .json} into the directory, if one is given. */
    void writeIfAsked(String directory, JdbcTemplate jdbc) {
        write(directory, jdbc, false);
    }

    /** Every 500 bodies of a long run, the figures so far (overwritten by the final ones). */
    void progress(String directory, JdbcTemplate jdbc) {
        if (bodies.get() % 500 == 0) {
            write(directory, jdbc, true);
        }
    }

    private void write(String directory, JdbcTemplate jdbc, boolean partial) {
        if (directory == null || directory.isBlank()) {
            return;
        }
        double seconds = (partial ? System.nanoTime() - startNanos : elapsedNanos) / 1e9;
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("startedAt", startedAt.toString());
        figures.put("complete", !partial);
        figures.put("bodies", bodies.get());
        figures.put("megabytes", Math.round(bytes.get() / 1e4) / 100.0);
        figures.put("seconds", Math.round(seconds * 10) / 10.0);
        figures.put("bodiesPerSecond", Math.round(bodies.get() / Math.max(seconds, 1e-9)));
        figures.put("answered200", accepted.get());
        figures.put("drainAfterLastBodySeconds", Math.round(drainMillis / 100.0) / 10.0);
        figures.put("failedInboxRows", failedRows);
        figures.put("brokenExpectations", new TreeMap<>(counts(broken)));
        figures.put("healthProblems", healthProblems);
        figures.put("healthy", partial ? null : healthProblems.isEmpty());
        figures.put("inputs", inputs.get());
        figures.put("mode", fuzzing() ? "coverage-guided (JAZZER_FUZZ)" : "regression (committed corpus)");
        figures.put("answers", sorted(byAnswer));
        figures.put("kinds", sorted(byKind));
        figures.put("signings", sorted(bySigning));
        figures.put("contentTypes", sorted(byContentType));
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("jvmMaxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        machine.put("memoryMb", memoryMb());
        machine.put("java", System.getProperty("java.version"));
        machine.put("loadAverageAtEnd", loadAverage());
        machine.put("postgresql", jdbc.queryForObject("show server_version", String.class));
        figures.put("machine", machine);

        String name = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'").withZone(ZoneOffset.UTC).format(startedAt) + "-fuzz";
        try {
            Path dir = Path.of(directory);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".json"), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(figures) + "\n");
            Files.writeString(dir.resolve(name + ".md"), markdown(figures, seconds));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String markdown(Map<String, Object> figures, double seconds) {
        StringBuilder md = new StringBuilder();
        md.append("# Webhook fuzz run, ").append(startedAt).append("\n\n");
        if (!Boolean.TRUE.equals(figures.get("complete"))) {
            md.append("**Partial figures: the run was still going when they were written.**\n\n");
        }
        md.append(String.format("%,d bodies (%s MB) in %.1f s: **%,d bodies/s**, up to 8 at a time over HTTP. "
                        + "%,d answered 200; the dispatcher finished them %.1f s after the last body. The machine is shared "
                        + "with other work (load average in the machine line below).%n%n",
                bodies.get(), figures.get("megabytes"), seconds, (Long) figures.get("bodiesPerSecond"), accepted.get(),
                drainMillis / 1000.0));
        md.append("Broken expectations: ").append(broken.isEmpty() ? "none" : brokenSummary()).append(". ");
        if (!Boolean.TRUE.equals(figures.get("complete"))) {
            md.append("The dispatcher and the service's health are checked at the end of the run only.\n\n");
        } else {
            md.append("Stored bodies that failed in the dispatcher: ").append(failedRows).append(". ");
            md.append("After the run: ").append(healthProblems.isEmpty() ? "healthy (all checks passed)"
                    : "NOT healthy: " + String.join("; ", healthProblems)).append(".\n\n");
        }
        md.append(String.format("Jazzer, %s: %,d inputs, each posting one to eight bodies at once.%n%n",
                figures.get("mode"), inputs.get()));
        table(md, "Answers (status and code)", "answer", sorted(byAnswer));
        table(md, "Bodies by kind", "kind", sorted(byKind));
        table(md, "Signatures", "signature", sorted(bySigning));
        table(md, "Content types", "content type", sorted(byContentType));
        md.append("Machine: ").append(figures.get("machine")).append("\n");
        return md.toString();
    }

    private static void table(StringBuilder md, String title, String column, Map<String, Long> counts) {
        md.append("## ").append(title).append("\n\n| ").append(column).append(" | bodies |\n|---|---:|\n");
        counts.forEach((key, count) -> md.append("| ").append(key.replace("|", "\\|")).append(" | ")
                .append(String.format("%,d", count)).append(" |\n"));
        md.append("\n");
    }

    private static Map<String, Long> counts(Map<String, AtomicLong> counts) {
        Map<String, Long> plain = new LinkedHashMap<>();
        counts.forEach((key, value) -> plain.put(key, value.get()));
        return plain;
    }

    private static Map<String, Long> sorted(Map<String, AtomicLong> counts) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts(counts).entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Long> result = new LinkedHashMap<>();
        entries.forEach(entry -> result.put(entry.getKey(), entry.getValue()));
        return result;
    }

    static boolean fuzzing() {
        String value = System.getenv("JAZZER_FUZZ");
        return value != null && !value.isEmpty() && !value.equals("0");
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long memoryMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
