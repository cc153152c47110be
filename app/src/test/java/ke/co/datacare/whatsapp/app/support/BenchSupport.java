package ke.co.datacare.whatsapp.app.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
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
     * A Graph API stand-in that costs next to nothing: sends get a wamid and their arrival time is recorded; the
     * template listing has {@code december_offer} (marketing, one parameter) and {@code hello_world} (utility).
     */
    public static final class StubGraph {
        private static final String TEMPLATES = "{\"data\":[{\"id\":\"5010000000000003\",\"name\":\"december_offer\","
                + "\"status\":\"APPROVED\",\"category\":\"MARKETING\",\"language\":\"en\",\"components\":[{\"type\":\"BODY\","
                + "\"text\":\"Hi {{1}}, 20% off fibre this December\"}]},{\"id\":\"5010000000000001\",\"name\":\"hello_world\","
                + "\"status\":\"APPROVED\",\"category\":\"UTILITY\",\"language\":\"en_US\",\"components\":[{\"type\":\"BODY\","
                + "\"text\":\"Hello from DataCare\"}]}]}";
        private final HttpServer server;
        private final long[] arrivals;
        private final String[] recipients;
        private final AtomicInteger count = new AtomicInteger();

        public StubGraph(int capacity) {
            arrivals = new long[capacity * 2];
            recipients = new String[capacity * 2];
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(Executors.newFixedThreadPool(16));
            server.createContext("/", this::handle);
            server.start();
        }

        public String apiUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/v21.0";
        }

        private void handle(HttpExchange exchange) throws IOException {
            long at = System.nanoTime();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String answer;
            if (exchange.getRequestURI().getPath().endsWith("/message_templates")) {
                answer = TEMPLATES;
            } else if (body.contains("\"status\":\"read\"")) {
                answer = "{\"success\":true}";
            } else {
                int i = count.getAndIncrement();
                int to = body.indexOf("\"to\":\"");
                String recipient = to < 0 ? "?" : body.substring(to + 6, body.indexOf('"', to + 6));
                if (i < arrivals.length) {
                    arrivals[i] = at;
                    recipients[i] = recipient;
                }
                answer = "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + recipient + "\",\"wa_id\":\""
                        + recipient + "\"}],\"messages\":[{\"id\":\"wamid.BENCH" + i + "\"}]}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        public long[] arrivals() {
            return Arrays.copyOf(arrivals, Math.min(count.get(), arrivals.length));
        }

        public long distinctRecipients() {
            return Arrays.stream(recipients, 0, Math.min(count.get(), recipients.length)).distinct().count();
        }

        public void stop() {
            server.stop(0);
        }
    }
}
