import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fault tests of the webhook intake and the outbound path, JDK only (plus the PostgreSQL JDBC driver on the
 * class path for the checks). One file, one scenario per run:
 *
 * <pre>java -cp postgresql.jar bench/faults/FaultKit.java SCENARIO --jar app.jar --work DIR --db NAME ... --out-json F --out-md F</pre>
 *
 * Scenarios: crash, duplicates, postgres-outage, redis-outage, graph-faults, two-instances (see bench/faults/README.md).
 * Shared parts: a service launcher (child processes, pids written to WORK/pids so the calling script can kill them),
 * a Meta simulator (signed webhooks, every non-200 or unanswered delivery is sent again), a Graph API stub in Meta's
 * formats, a TCP proxy that can drop and refuse connections, and the database checks. Every scenario ends with a
 * line "RESULT: PASS|FAIL" and a "SUMMARY name PASS|FAIL key=value ..." line.
 */
public class FaultKit {

    static final String SECRET = "fault-secret";
    static final String ADMIN_EMAIL = "admin@faults.local";
    static final String ADMIN_PASSWORD = "fault-password";
    static final String PHONE_NUMBER_ID = "110000000000001";
    static final String DISPLAY_NUMBER = "254700000001";
    static final String WABA_ID = "220000000000002";
    static final String GRAPH_VERSION = "/v21.0";
    static final long T0 = System.nanoTime();

    public static void main(String[] argv) throws Exception {
        System.setProperty("http.maxConnections", "128");
        System.setProperty("sun.net.http.retryPost", "false");
        Args a = new Args(argv);
        Run run = new Run(a);
        Runtime.getRuntime().addShutdownHook(new Thread(run::cleanup));
        try {
            switch (a.mode) {
                case "crash" -> Scenarios.crash(run);
                case "duplicates" -> Scenarios.duplicates(run);
                case "postgres-outage" -> Scenarios.postgresOutage(run);
                case "redis-outage" -> Scenarios.redisOutage(run);
                case "graph-faults" -> Scenarios.graphFaults(run);
                case "two-instances" -> Scenarios.twoInstances(run);
                default -> throw new IllegalArgumentException("unknown scenario " + a.mode);
            }
        } catch (Throwable t) {
            t.printStackTrace();
            run.check("scenario ran to the end", false, t.toString());
        }
        run.finish();
        run.cleanup();
        System.exit(run.passed() ? 0 : 1);
    }

    static void log(String fmt, Object... args) {
        System.out.printf(Locale.ROOT, "[%7.1fs] %s%n", secs(), String.format(Locale.ROOT, fmt, args));
        System.out.flush();
    }

    static double secs() {
        return (System.nanoTime() - T0) / 1e9;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static double round1(double d) {
        return Math.round(d * 10) / 10.0;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Arguments and the run: options, checks, figures, results files, cleanup
    // ------------------------------------------------------------------------------------------------------------

    static final class Args {
        final String mode;
        final Map<String, String> v = new HashMap<>();

        Args(String[] argv) {
            mode = argv.length == 0 ? "help" : argv[0];
            for (int i = 1; i < argv.length; i++) {
                if (!argv[i].startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument " + argv[i]);
                }
                String key = argv[i].substring(2);
                v.put(key, i + 1 < argv.length && !argv[i + 1].startsWith("--") ? argv[++i] : "true");
            }
        }

        String s(String k, String def) {
            String x = v.get(k);
            return x == null || x.isBlank() ? def : x;
        }

        int i(String k, int def) {
            return Integer.parseInt(s(k, String.valueOf(def)));
        }

        double d(String k, double def) {
            return Double.parseDouble(s(k, String.valueOf(def)));
        }
    }

    record Check(String name, boolean pass, String detail) {
    }

    static final class Run {
        final Args a;
        final String name;
        final Path work;
        final List<Check> checks = new CopyOnWriteArrayList<>();
        final Map<String, Object> figures = new LinkedHashMap<>();
        final Map<String, Object> config = new LinkedHashMap<>();
        final List<Service> services = new CopyOnWriteArrayList<>();
        final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();
        final List<String> notes = new CopyOnWriteArrayList<>();
        final AtomicInteger nextPort;
        final long seed;
        final Random random;
        final String runTag;
        private final AtomicBoolean cleaned = new AtomicBoolean();

        Run(Args a) throws IOException {
            this.a = a;
            this.name = a.mode;
            this.work = Path.of(a.s("work", "/tmp"));
            Files.createDirectories(work);
            this.nextPort = new AtomicInteger(a.i("port-base", 18500));
            this.seed = Long.parseLong(a.s("seed", String.valueOf(System.nanoTime() & 0xffffff)));
            this.random = new Random(seed);
            this.runTag = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36).toUpperCase(Locale.ROOT);
            config.put("seed", seed);
        }

        String db(int index) {
            String[] dbs = a.s("db", "").split(",");
            if (index >= dbs.length || dbs[index].isBlank()) {
                throw new IllegalArgumentException("--db needs at least " + (index + 1) + " database names");
            }
            return dbs[index];
        }

        String jdbc(String db) {
            return "jdbc:postgresql://127.0.0.1:5432/" + db + "?user=postgres";
        }

        synchronized int freePort() {
            for (int p = nextPort.get(); p < nextPort.get() + 400; p++) {
                try (ServerSocket s = new ServerSocket()) {
                    s.setReuseAddress(true);
                    s.bind(new InetSocketAddress("127.0.0.1", p));
                    nextPort.set(p + 1);
                    return p;
                } catch (IOException busy) {
                    // next one
                }
            }
            throw new IllegalStateException("no free port from " + nextPort.get());
        }

        void check(String n, boolean pass, String detail) {
            checks.add(new Check(n, pass, detail));
            log("check %-4s %s: %s", pass ? "ok" : "FAIL", n, detail);
        }

        void figure(String k, Object v) {
            figures.put(k, v);
        }

        boolean passed() {
            return !checks.isEmpty() && checks.stream().allMatch(Check::pass);
        }

        void note(String n) {
            notes.add(n);
            log("note: %s", n);
        }

        void cleanup() {
            if (!cleaned.compareAndSet(false, true)) {
                return;
            }
            for (Service s : services) {
                s.kill9();
            }
            for (AutoCloseable c : closeables) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing anyway
                }
            }
        }

        void finish() throws IOException {
            boolean pass = passed();
            long failed = checks.stream().filter(c -> !c.pass()).count();
            StringBuilder summary = new StringBuilder("SUMMARY " + name + " " + (pass ? "PASS" : "FAIL")
                    + " checks=" + (checks.size() - failed) + "/" + checks.size());
            for (String k : a.s("summary-keys", "").split(",")) {
                if (!k.isBlank() && figures.containsKey(k)) {
                    summary.append(' ').append(k).append('=').append(Json.scalar(figures.get(k)));
                }
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("test", name);
            doc.put("result", pass ? "PASS" : "FAIL");
            doc.put("date", a.s("stamp", Instant.now().toString()));
            doc.put("duration_s", round1(secs()));
            Map<String, Object> machine = new LinkedHashMap<>();
            machine.put("nproc", Runtime.getRuntime().availableProcessors());
            machine.put("loadavg_end", loadavg());
            machine.put("facts", a.s("machine", ""));
            machine.put("git_head", a.s("git-head", ""));
            doc.put("machine", machine);
            doc.put("config", config);
            List<Object> cs = new ArrayList<>();
            for (Check c : checks) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("check", c.name());
                m.put("pass", c.pass());
                m.put("detail", c.detail());
                cs.add(m);
            }
            doc.put("checks", cs);
            doc.put("figures", figures);
            doc.put("notes", notes);
            doc.put("summary", summary.toString());
            String outJson = a.s("out-json", null);
            if (outJson != null) {
                Files.writeString(Path.of(outJson), Json.write(doc) + "\n");
            }
            String outMd = a.s("out-md", null);
            if (outMd != null) {
                StringBuilder md = new StringBuilder();
                md.append("# Fault test `").append(name).append("`: ").append(pass ? "PASS" : "FAIL").append("\n\n");
                md.append(a.s("stamp", "")).append(", ").append(round1(secs())).append(" s, service `")
                        .append(a.s("git-head", "?")).append("`; ").append(a.s("machine", "")).append("; load average at the end ")
                        .append(loadavg()).append(".\n\n");
                md.append(a.s("what", "")).append("\n\n");
                md.append("| check | result | found |\n|---|---|---|\n");
                for (Check c : checks) {
                    md.append("| ").append(c.name()).append(" | ").append(c.pass() ? "ok" : "**FAIL**").append(" | ")
                            .append(c.detail().replace("|", "/")).append(" |\n");
                }
                md.append("\n## Figures\n\n");
                for (Map.Entry<String, Object> e : figures.entrySet()) {
                    md.append("- ").append(e.getKey()).append(": ").append(Json.write(e.getValue()).replace("\n", " ")
                            .replaceAll(" +", " ")).append('\n');
                }
                if (!notes.isEmpty()) {
                    md.append("\n## Notes\n\n");
                    for (String n : notes) {
                        md.append("- ").append(n).append('\n');
                    }
                }
                md.append("\nConfiguration: `").append(Json.write(config).replace("\n", " ").replaceAll(" +", " ")).append("`\n\n");
                md.append("```\n").append(summary).append("\n```\n");
                Files.writeString(Path.of(outMd), md.toString());
            }
            System.out.println("RESULT: " + (pass ? "PASS" : "FAIL") + " (" + (checks.size() - failed) + " of " + checks.size()
                    + " checks passed)");
            System.out.println(summary);
        }
    }

    static String loadavg() {
        try {
            String[] p = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return p[0] + " " + p[1] + " " + p[2];
        } catch (IOException e) {
            return "?";
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // The service under test: a child process; pid recorded in WORK/pids for the calling script's trap
    // ------------------------------------------------------------------------------------------------------------

    static final class Service {
        final Run run;
        final String label;
        final int port;
        final Map<String, String> env;
        final Path logFile;
        Process process;
        int starts;
        double lastStartupSeconds = Double.NaN;

        Service(Run run, String label, int port, String databaseUrl, Map<String, String> extraEnv) {
            this.run = run;
            this.label = label;
            this.port = port;
            this.env = new LinkedHashMap<>();
            env.put("DATABASE_URL", databaseUrl);
            // without the Graph API stub's token the built-in sandbox answers, on this PostgreSQL database
            env.put("DATACARE_WHATSAPP_SANDBOX_ALLOWPOSTGRESQL", "true");
            env.put("PORT", String.valueOf(port));
            env.put("WHATSAPP_WEBHOOK_SECRET", SECRET);
            env.put("ADMIN_EMAIL", ADMIN_EMAIL);
            env.put("ADMIN_PASSWORD", ADMIN_PASSWORD);
            // the service refuses weak or placeholder secrets at start (32 bytes for the JWT secret; the sandbox's
            // verify token once a Graph API token is set)
            env.put("JWT_SECRET", "fault-jwt-secret-of-this-run-only-" + run.runTag);
            env.put("DATACARE_WEBHOOK_VERIFYTOKEN", "fault-verify-token-" + run.runTag);
            env.put("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", run.a.s("pool-size", "12"));
            // the health poller reads the db and redis components without a token; the service shows them only to
            // admins by default
            env.put("MANAGEMENT_ENDPOINT_HEALTH_SHOWCOMPONENTS", "always");
            // the API rate limiter is not under test here; an unusual limit also keeps its Redis keys apart
            env.put("RATE_LIMIT_MAX_REQUESTS", "100003");
            env.put("RATE_LIMIT_WINDOW_MS", "60000");
            env.putAll(extraEnv);
            this.logFile = run.work.resolve("service-" + label + ".log");
            run.services.add(this);
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        long pid() {
            return process == null ? -1 : process.pid();
        }

        boolean alive() {
            return process != null && process.isAlive();
        }

        void start() throws IOException {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String f : run.a.s("jvm-flags", "-Xmx1g").split("\\s+")) {
                if (!f.isBlank()) {
                    cmd.add(f);
                }
            }
            cmd.add("-jar");
            cmd.add(run.a.s("jar", "app.jar"));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(run.work.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            Map<String, String> e = pb.environment();
            e.keySet().removeIf(k -> k.startsWith("WHATSAPP_") || k.startsWith("DATACARE_") || k.startsWith("SPRING_")
                    || k.startsWith("AXON_") || k.equals("REDIS_URL") || k.equals("DATABASE_URL") || k.equals("PORT")
                    || k.startsWith("JWT_") || k.startsWith("ADMIN_") || k.startsWith("RATE_LIMIT") || k.equals("JAVA_TOOL_OPTIONS"));
            e.putAll(env);
            Files.writeString(logFile, "\n==== start " + (starts + 1) + " at " + Instant.now() + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            process = pb.start();
            starts++;
            Files.writeString(run.work.resolve("pids"), process.pid() + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            log("service %s started (pid %d, port %d)", label, process.pid(), port);
        }

        /** Starts and waits until /actuator/health says UP; the seconds it took, or NaN. */
        double startAndWait(double timeoutSeconds) throws IOException {
            double t = secs();
            start();
            boolean up = waitHealthy(timeoutSeconds);
            lastStartupSeconds = up ? round1(secs() - t) : Double.NaN;
            log("service %s %s after %.1f s", label, up ? "UP" : "NOT UP", secs() - t);
            return lastStartupSeconds;
        }

        boolean waitHealthy(double timeoutSeconds) {
            double end = secs() + timeoutSeconds;
            while (secs() < end) {
                if (!alive()) {
                    log("service %s exited with %d", label, process.exitValue());
                    return false;
                }
                Http.Response r = Http.get(url() + "/actuator/health", null, 2000);
                if (r.code() == 200 && r.body().startsWith("{\"status\":\"UP\"")) {
                    return true;
                }
                sleep(250);
            }
            return false;
        }

        void kill9() {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
                try {
                    process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                log("service %s (pid %d) killed with SIGKILL", label, process.pid());
            }
        }

        /** SIGTERM, the service's graceful shutdown; SIGKILL after the timeout. */
        double stop(double timeoutSeconds) {
            double t = secs();
            if (process != null && process.isAlive()) {
                process.destroy();
                try {
                    if (!process.waitFor((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS)) {
                        log("service %s did not stop within %.0f s", label, timeoutSeconds);
                        kill9();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return round1(secs() - t);
        }

        int countLog(String needle) {
            try {
                return (int) Files.readAllLines(logFile).stream().filter(l -> l.contains(needle)).count();
            } catch (IOException e) {
                return -1;
            }
        }

        List<String> grepLog(String regex, int max) {
            List<String> out = new ArrayList<>();
            try {
                Pattern p = Pattern.compile(regex);
                for (String l : Files.readAllLines(logFile)) {
                    if (p.matcher(l).find() && out.size() < max) {
                        out.add(l.length() > 400 ? l.substring(0, 400) : l);
                    }
                }
            } catch (IOException ignored) {
                // none
            }
            return out;
        }
    }

    /** The service's environment for the Graph API stub: a token switches the sandbox off. */
    static Map<String, String> graphEnv(GraphStub stub) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("WHATSAPP_API_URL", "http://127.0.0.1:" + stub.port + GRAPH_VERSION);
        e.put("WHATSAPP_ACCESS_TOKEN", "fault-token");
        e.put("WHATSAPP_PHONE_NUMBER_ID", PHONE_NUMBER_ID);
        e.put("WHATSAPP_BUSINESS_ACCOUNT_ID", WABA_ID);
        return e;
    }

    // ------------------------------------------------------------------------------------------------------------
    // HTTP: small blocking client (HttpURLConnection, keep-alive pool), JSON picking by regex
    // ------------------------------------------------------------------------------------------------------------

    static final class Http {
        record Response(int code, String body, Map<String, String> headers) {
        }

        static Response get(String url, String bearer, int timeoutMs) {
            return call("GET", url, null, null, bearer, timeoutMs);
        }

        static Response postJson(String url, String json, String bearer, int timeoutMs) {
            return call("POST", url, json.getBytes(StandardCharsets.UTF_8), null, bearer, timeoutMs);
        }

        /** code 0 = no answer (connection refused, reset, timeout). */
        static Response call(String method, String url, byte[] body, String signature, String bearer, int timeoutMs) {
            HttpURLConnection c = null;
            try {
                c = (HttpURLConnection) new URL(url).openConnection();
                c.setRequestMethod(method);
                c.setConnectTimeout(Math.min(timeoutMs, 3000));
                c.setReadTimeout(timeoutMs);
                c.setRequestProperty("Accept", "application/json");
                if (bearer != null) {
                    c.setRequestProperty("Authorization", "Bearer " + bearer);
                }
                if (signature != null) {
                    c.setRequestProperty("X-Hub-Signature-256", signature);
                    c.setRequestProperty("User-Agent", "facebookexternalua");
                }
                if (body != null) {
                    c.setDoOutput(true);
                    c.setRequestProperty("Content-Type", "application/json");
                    c.setFixedLengthStreamingMode(body.length);
                    try (OutputStream o = c.getOutputStream()) {
                        o.write(body);
                    }
                }
                int code = c.getResponseCode();
                InputStream in = code >= 400 ? c.getErrorStream() : c.getInputStream();
                String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (in != null) {
                    in.close();
                }
                Map<String, String> h = new HashMap<>();
                for (Map.Entry<String, List<String>> e : c.getHeaderFields().entrySet()) {
                    if (e.getKey() != null && !e.getValue().isEmpty()) {
                        h.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().get(0));
                    }
                }
                return new Response(code, text, h);
            } catch (IOException e) {
                if (c != null) {
                    c.disconnect();
                }
                return new Response(0, e.toString(), Map.of());
            }
        }

        static String field(String json, String name) {
            Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
            return m.find() ? m.group(1) : null;
        }

        static String login(String base) {
            for (int i = 0; i < 10; i++) {
                Response r = postJson(base + "/api/auth/login", "{\"email\":\"" + ADMIN_EMAIL + "\",\"password\":\""
                        + ADMIN_PASSWORD + "\"}", null, 10_000);
                if (r.code() == 200) {
                    return field(r.body(), "accessToken");
                }
                sleep(1000);
            }
            throw new IllegalStateException("login failed at " + base);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Webhook bodies in Meta's format (compact JSON, non-ASCII as backslash-u escapes), signed with the App Secret
    // ------------------------------------------------------------------------------------------------------------

    static final class Payloads {
        static final String[] NAMES = {"Wanjiku Kamau", "Otieno Odhiambo", "Achieng Atieno", "Kiprop Cheruiyot",
                "Njeri Muthoni", "Mutua Kilonzo", "Zo\\u00eb Wairimu", "Halima Mohamed", "Kibet Kiptoo \\ud83d\\ude4f"};
        static final String[] TEXTS = {"Habari, my internet has been down since morning \\ud83d\\ude2d",
                "Router light is blinking red, nimejaribu kuirestart mara mbili lakini bado.",
                "Nimelipa 2,999 via M-Pesa, confirmation code QK7XH2L9PD, please activate \\ud83d\\ude4f",
                "Speed is very slow today, I am paying for 20 Mbps but getting less than 2.",
                "Hello, is there an outage in Westlands? \\ud83d\\udcf6"};

        final String[] customers;
        final String runTag;
        final AtomicLong seq = new AtomicLong();

        Payloads(Random random, int pool, String runTag) {
            this.runTag = runTag;
            Set<String> seen = new HashSet<>();
            customers = new String[pool];
            for (int i = 0; i < pool; i++) {
                String n;
                do {
                    n = "2547" + String.format("%08d", random.nextInt(100_000_000));
                } while (!seen.add(n));
                customers[i] = n;
            }
        }

        String nextWamid(char kind) {
            String tag = runTag + kind + String.format("%09d", seq.incrementAndGet());
            return "wamid.HBgM" + java.util.Base64.getEncoder().withoutPadding()
                    .encodeToString(tag.getBytes(StandardCharsets.US_ASCII));
        }

        static String envelope(String values) {
            return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + WABA_ID + "\",\"changes\":[" + values + "]}]}";
        }

        static String change(String inner) {
            return "{\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"" + DISPLAY_NUMBER
                    + "\",\"phone_number_id\":\"" + PHONE_NUMBER_ID + "\"}," + inner + "},\"field\":\"messages\"}";
        }

        String messageJson(int customer, String wamid, long ts, int textIndex) {
            String waId = customers[customer];
            return "{\"from\":\"" + waId + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" + ts + "\",\"text\":{\"body\":\""
                    + TEXTS[Math.floorMod(textIndex, TEXTS.length)] + " [" + wamid.substring(wamid.length() - 6) + "]\"},\"type\":\"text\"}";
        }

        String contactJson(int customer) {
            return "{\"profile\":{\"name\":\"" + NAMES[customer % NAMES.length] + "\"},\"wa_id\":\"" + customers[customer] + "\"}";
        }

        /** One inbound text message. */
        String inbound(int customer, String wamid, long ts) {
            return envelope(change("\"contacts\":[" + contactJson(customer) + "],\"messages\":["
                    + messageJson(customer, wamid, ts, (int) (ts % 7)) + "]"));
        }

        /** Several inbound messages of one customer in one body. */
        String inboundBatch(int customer, List<String> wamids, long ts) {
            List<String> msgs = new ArrayList<>();
            for (String w : wamids) {
                msgs.add(messageJson(customer, w, ts, (int) (ts % 7)));
            }
            return envelope(change("\"contacts\":[" + contactJson(customer) + "],\"messages\":[" + String.join(",", msgs) + "]"));
        }

        static String status(String wamid, String recipient, String status, long ts) {
            String pricing = status.equals("read") ? ""
                    : ",\"pricing\":{\"billable\":false,\"pricing_model\":\"PMP\",\"type\":\"free_customer_service\",\"category\":\"service\"}";
            return "{\"id\":\"" + wamid + "\",\"status\":\"" + status + "\",\"timestamp\":\"" + ts + "\",\"recipient_id\":\""
                    + recipient + "\"" + pricing + "}";
        }

        static String statuses(List<String> items) {
            return envelope(change("\"statuses\":[" + String.join(",", items) + "]"));
        }
    }

    static final class Signer {
        static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return m;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        static String sign(byte[] body) {
            return "sha256=" + HexFormat.of().formatHex(MAC.get().doFinal(body));
        }

        static String sha256(byte[] body) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Meta's side of the webhook: deliveries, and every non-200 or unanswered one is sent again
    // ------------------------------------------------------------------------------------------------------------

    static final class Hook {
        final int id;
        final byte[] body;
        final String signature;
        final String sha256;
        final List<String> wamids;
        final AtomicInteger attempts = new AtomicInteger();
        volatile double firstSentAt = -1;
        volatile double ackedAt = -1;
        volatile int lastCode = -1;

        Hook(int id, String body, List<String> wamids) {
            this.id = id;
            this.body = body.getBytes(StandardCharsets.UTF_8);
            this.signature = Signer.sign(this.body);
            this.sha256 = Signer.sha256(this.body);
            this.wamids = wamids;
        }

        boolean acked() {
            return ackedAt >= 0;
        }
    }

    /** One delivery attempt: when (seconds of the run), to which target, with what answer (0 = none). */
    record Attempt(double at, int target, int code, double ms) {
    }

    static final class MetaSim implements AutoCloseable {
        private record Due(Hook hook, long dueNanos) implements Delayed {
            public long getDelay(TimeUnit unit) {
                return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
            }

            public int compareTo(Delayed o) {
                return Long.compare(dueNanos, ((Due) o).dueNanos);
            }
        }

        final List<String> targets;
        final List<Hook> hooks = new CopyOnWriteArrayList<>();
        final List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
        final DelayQueue<Due> queue = new DelayQueue<>();
        final Map<Integer, AtomicInteger> codes = new ConcurrentHashMap<>();
        final double[] downUntil;
        final List<Thread> workers = new ArrayList<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final int timeoutMs;
        final double maxBackoff;
        volatile boolean stop;

        MetaSim(List<String> targets, int threads, int timeoutMs, double maxBackoffSeconds) {
            this.targets = targets;
            this.timeoutMs = timeoutMs;
            this.maxBackoff = maxBackoffSeconds;
            this.downUntil = new double[targets.size()];
            for (int i = 0; i < threads; i++) {
                Thread t = new Thread(this::work, "meta-" + i);
                t.setDaemon(true);
                t.start();
                workers.add(t);
            }
        }

        Hook submit(String body, List<String> wamids) {
            Hook h = new Hook(hooks.size(), body, wamids);
            hooks.add(h);
            queue.add(new Due(h, System.nanoTime()));
            return h;
        }

        /** A delivery now, from the caller's thread (the duplicates test sends copies side by side). */
        int deliverNow(Hook h) {
            return attempt(h);
        }

        Hook register(String body, List<String> wamids) {
            Hook h = new Hook(hooks.size(), body, wamids);
            hooks.add(h);
            return h;
        }

        void retryLater(Hook h) {
            double backoff = Math.min(maxBackoff, 0.5 * (1 << Math.min(h.attempts.get(), 6)));
            queue.add(new Due(h, System.nanoTime() + (long) (backoff * 1e9)));
        }

        /** Open loop: body i is due at start + i / rate, whatever happened before. */
        void drive(double rate, double seconds, java.util.function.IntFunction<Object[]> make) {
            int n = (int) Math.round(rate * seconds);
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                Object[] bw = make.apply(i);
                @SuppressWarnings("unchecked") List<String> w = (List<String>) bw[1];
                submit((String) bw[0], w);
            }
        }

        private void work() {
            while (!stop) {
                Due d;
                try {
                    d = queue.poll(200, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                if (d == null || d.hook().acked()) {
                    continue;
                }
                int code = attempt(d.hook());
                if (code != 200 && !stop) {
                    retryLater(d.hook());
                }
            }
        }

        private int pickTarget(Hook h) {
            int n = targets.size();
            int first = Math.floorMod(h.id + h.attempts.get(), n);
            double now = secs();
            for (int k = 0; k < n; k++) {
                int t = (first + k) % n;
                if (downUntil[t] <= now) {
                    return t;
                }
            }
            return first;
        }

        private int attempt(Hook h) {
            int target = pickTarget(h);
            h.attempts.incrementAndGet();
            double at = secs();
            if (h.firstSentAt < 0) {
                h.firstSentAt = at;
            }
            inFlight.incrementAndGet();
            Http.Response r = Http.call("POST", targets.get(target) + "/webhook/whatsapp", h.body, h.signature, null, timeoutMs);
            inFlight.decrementAndGet();
            double ms = (secs() - at) * 1000;
            attempts.add(new Attempt(at, target, r.code(), ms));
            codes.computeIfAbsent(r.code(), k -> new AtomicInteger()).incrementAndGet();
            h.lastCode = r.code();
            if (r.code() == 200) {
                synchronized (h) {
                    if (h.ackedAt < 0) {
                        h.ackedAt = secs();
                    }
                }
            } else if (r.code() == 0 && targets.size() > 1) {
                downUntil[target] = secs() + 3; // the load balancer's health check takes it out for a while
            }
            return r.code();
        }

        /** Waits until every delivery so far got its 200; false on timeout. */
        boolean awaitAcked(double timeoutSeconds) {
            double end = secs() + timeoutSeconds;
            while (secs() < end) {
                if (unacked() == 0) {
                    return true;
                }
                sleep(250);
            }
            return unacked() == 0;
        }

        long unacked() {
            return hooks.stream().filter(h -> !h.acked()).count();
        }

        Set<String> ackedWamids() {
            Set<String> s = new HashSet<>();
            for (Hook h : hooks) {
                if (h.acked()) {
                    s.addAll(h.wamids);
                }
            }
            return s;
        }

        Set<String> allWamids() {
            Set<String> s = new HashSet<>();
            for (Hook h : hooks) {
                s.addAll(h.wamids);
            }
            return s;
        }

        Map<String, Object> stats() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("webhooks", hooks.size());
            m.put("acknowledged", hooks.stream().filter(Hook::acked).count());
            m.put("deliveries", attempts.size());
            m.put("resent_webhooks", hooks.stream().filter(h -> h.attempts.get() > 1).count());
            m.put("max_deliveries_of_one", hooks.stream().mapToInt(h -> h.attempts.get()).max().orElse(0));
            Map<String, Object> c = new TreeMap<>();
            codes.forEach((k, v) -> c.put(k == 0 ? "no_answer" : String.valueOf(k), v.get()));
            m.put("answers", c);
            return m;
        }

        /** Answers per code for deliveries that started in [from, to) seconds of the run. */
        Map<String, Integer> codesBetween(double from, double to) {
            Map<String, Integer> c = new TreeMap<>();
            synchronized (attempts) {
                for (Attempt a : attempts) {
                    if (a.at() >= from && a.at() < to) {
                        c.merge(a.code() == 0 ? "no_answer" : String.valueOf(a.code()), 1, Integer::sum);
                    }
                }
            }
            return c;
        }

        double firstCodeAfter(double from, int code) {
            synchronized (attempts) {
                return attempts.stream().filter(a -> a.at() >= from && a.code() == code).mapToDouble(Attempt::at).min().orElse(Double.NaN);
            }
        }

        @Override
        public void close() {
            stop = true;
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Graph API stub, in Meta's formats; what it answers is decided per message id and attempt
    // ------------------------------------------------------------------------------------------------------------

    /** What the stub does with one send: status + body, after a delay (past the client timeout for "slow"). */
    record StubAnswer(int status, String body, long delayMs) {
        static StubAnswer ok(String to, String wamid) {
            return new StubAnswer(200, "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + to + "\",\"wa_id\":\""
                    + to.replace("+", "") + "\"}],\"messages\":[{\"id\":\"" + wamid + "\"}]}", 0);
        }

        static StubAnswer error(int http, int code, String title) {
            return new StubAnswer(http, "{\"error\":{\"message\":\"(#" + code + ") " + title + "\",\"type\":\"OAuthException\",\"code\":"
                    + code + ",\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"" + title + "\"},\"fbtrace_id\":\"AfaultX"
                    + code + "\"}}", 0);
        }
    }

    record StubSend(String messageId, String to, int attempt, double at, int status) {
    }

    static final class GraphStub implements AutoCloseable {
        final HttpServer server;
        final int port;
        final Map<String, List<StubSend>> sends = new ConcurrentHashMap<>();
        final AtomicInteger readReceipts = new AtomicInteger();
        final AtomicInteger templateLists = new AtomicInteger();
        final AtomicInteger other = new AtomicInteger();
        volatile BiFunction<String, Integer, StubAnswer> plan;
        final ExecutorService pool = Executors.newFixedThreadPool(48);

        GraphStub(int port) throws IOException {
            this.port = port;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
            server.setExecutor(pool);
            server.createContext("/", this::handle);
            server.start();
            log("Graph API stub on 127.0.0.1:%d", port);
        }

        private void handle(HttpExchange x) throws IOException {
            String path = x.getRequestURI().getPath();
            byte[] in = x.getRequestBody().readAllBytes();
            String body = new String(in, StandardCharsets.UTF_8);
            StubAnswer answer;
            if (x.getRequestMethod().equals("GET") && path.equals(GRAPH_VERSION + "/" + WABA_ID + "/message_templates")) {
                templateLists.incrementAndGet();
                answer = new StubAnswer(200, "{\"data\":[{\"id\":\"5010000000000001\",\"name\":\"hello_world\",\"status\":\"APPROVED\","
                        + "\"category\":\"UTILITY\",\"language\":\"en_US\",\"components\":[{\"type\":\"BODY\",\"text\":\"Hello from DataCare\"}]}],"
                        + "\"paging\":{\"cursors\":{\"before\":\"a\",\"after\":\"b\"}}}", 0);
            } else if (x.getRequestMethod().equals("POST") && path.equals(GRAPH_VERSION + "/" + PHONE_NUMBER_ID + "/messages")) {
                if (body.contains("\"status\":\"read\"")) {
                    readReceipts.incrementAndGet();
                    answer = new StubAnswer(200, "{\"success\":true}", 0);
                } else {
                    String id = Http.field(body, "biz_opaque_callback_data");
                    String to = Http.field(body, "to");
                    String key = id == null ? "(none)" : id;
                    List<StubSend> list = sends.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>()));
                    int attempt;
                    synchronized (list) {
                        attempt = list.size() + 1;
                        BiFunction<String, Integer, StubAnswer> p = plan;
                        answer = p == null ? null : p.apply(key, attempt);
                        if (answer == null) {
                            answer = StubAnswer.ok(to == null ? "0" : to, "wamid.STUB" + Long.toString(Math.abs((key + "#" + attempt).hashCode()), 36)
                                    + Integer.toString(attempt));
                        }
                        list.add(new StubSend(key, to, attempt, secs(), answer.status()));
                    }
                }
            } else {
                other.incrementAndGet();
                answer = StubAnswer.error(400, 100, "Unsupported request " + path);
            }
            if (answer.delayMs() > 0) {
                sleep(answer.delayMs());
            }
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "application/json");
            try {
                x.sendResponseHeaders(answer.status(), out.length);
                x.getResponseBody().write(out);
            } catch (IOException gone) {
                // the client gave up (timeout): that is the point of a slow answer
            } finally {
                x.close();
            }
        }

        int sendsOf(String messageId) {
            List<StubSend> l = sends.get(messageId);
            return l == null ? 0 : l.size();
        }

        int totalSends() {
            return sends.values().stream().mapToInt(List::size).sum();
        }

        @Override
        public void close() {
            server.stop(0);
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // TCP proxy (PostgreSQL, Redis): "down" drops every connection and refuses new ones (listening socket closed)
    // ------------------------------------------------------------------------------------------------------------

    static final class TcpProxy implements AutoCloseable {
        final int listenPort;
        final int upstreamPort;
        final Set<Socket> open = ConcurrentHashMap.newKeySet();
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger dropped = new AtomicInteger();
        volatile ServerSocket server;
        volatile boolean closed;

        TcpProxy(int listenPort, int upstreamPort) throws IOException {
            this.listenPort = listenPort;
            this.upstreamPort = upstreamPort;
            up();
        }

        synchronized void up() throws IOException {
            if (server != null) {
                return;
            }
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", listenPort), 128);
            server = s;
            Thread t = new Thread(() -> accept(s), "proxy-accept-" + listenPort);
            t.setDaemon(true);
            t.start();
            log("proxy 127.0.0.1:%d -> 127.0.0.1:%d UP", listenPort, upstreamPort);
        }

        synchronized void down() {
            ServerSocket s = server;
            server = null;
            try {
                if (s != null) {
                    s.close();
                }
            } catch (IOException ignored) {
                // closed
            }
            int n = 0;
            for (Socket so : open) {
                try {
                    so.setSoLinger(true, 0); // reset, as a dead host or a killed server would look
                    so.close();
                    n++;
                } catch (IOException ignored) {
                    // closed
                }
            }
            open.clear();
            dropped.addAndGet(n);
            log("proxy 127.0.0.1:%d DOWN (dropped %d sockets, refusing new connections)", listenPort, n);
        }

        private void accept(ServerSocket s) {
            while (!s.isClosed()) {
                try {
                    Socket client = s.accept();
                    if (server != s) {
                        client.close();
                        continue;
                    }
                    Socket upstream = new Socket();
                    upstream.connect(new InetSocketAddress("127.0.0.1", upstreamPort), 3000);
                    client.setTcpNoDelay(true);
                    upstream.setTcpNoDelay(true);
                    open.add(client);
                    open.add(upstream);
                    accepted.incrementAndGet();
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    if (!s.isClosed()) {
                        log("proxy %d accept: %s", listenPort, e);
                    }
                }
            }
        }

        private void pump(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[32768];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        out.write(buf, 0, n);
                    }
                } catch (IOException ignored) {
                    // one side closed
                } finally {
                    try {
                        from.close();
                        to.close();
                    } catch (IOException ignored) {
                        // closed
                    }
                    open.remove(from);
                    open.remove(to);
                }
            }, "proxy-pump");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() {
            closed = true;
            down();
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Health poller: /actuator/health (overall and components), liveness, readiness once a second
    // ------------------------------------------------------------------------------------------------------------

    record HealthSample(double at, String overall, String liveness, String readiness, String db, String redis) {
    }

    static final class HealthPoller implements AutoCloseable {
        final List<HealthSample> samples = new CopyOnWriteArrayList<>();
        final Thread thread;
        volatile boolean stop;

        HealthPoller(String base) {
            thread = new Thread(() -> {
                while (!stop) {
                    double at = secs();
                    Http.Response h = Http.get(base + "/actuator/health", null, 10_000);
                    Http.Response l = Http.get(base + "/actuator/health/liveness", null, 3000);
                    Http.Response r = Http.get(base + "/actuator/health/readiness", null, 3000);
                    samples.add(new HealthSample(at, status(h), status(l), status(r), component(h.body(), "db"),
                            component(h.body(), "redis")));
                    sleep(1000);
                }
            }, "health");
            thread.setDaemon(true);
            thread.start();
        }

        static String status(Http.Response r) {
            if (r.code() == 0) {
                return "NO_ANSWER";
            }
            String s = Http.field(r.body(), "status");
            return s == null ? "HTTP" + r.code() : s;
        }

        static String component(String body, String name) {
            Matcher m = Pattern.compile("\"" + name + "\":\\{\"status\":\"([A-Z_]+)\"").matcher(body);
            return m.find() ? m.group(1) : "-";
        }

        Map<String, Integer> count(double from, double to, java.util.function.Function<HealthSample, String> f) {
            Map<String, Integer> m = new TreeMap<>();
            for (HealthSample s : samples) {
                if (s.at() >= from && s.at() < to) {
                    m.merge(f.apply(s), 1, Integer::sum);
                }
            }
            return m;
        }

        double firstAfter(double from, java.util.function.Predicate<HealthSample> p) {
            return samples.stream().filter(s -> s.at() >= from && p.test(s)).mapToDouble(HealthSample::at).min().orElse(Double.NaN);
        }

        @Override
        public void close() {
            stop = true;
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Database checks (direct JDBC to 127.0.0.1:5432, never through a proxy)
    // ------------------------------------------------------------------------------------------------------------

    static final class Db implements AutoCloseable {
        final String url;
        Connection c;

        Db(String url) {
            this.url = url;
        }

        Connection conn() throws Exception {
            if (c == null || c.isClosed() || !c.isValid(2)) {
                c = DriverManager.getConnection(url);
            }
            return c;
        }

        long count(String sql) {
            try (Statement s = conn().createStatement(); ResultSet rs = s.executeQuery(sql)) {
                return rs.next() ? rs.getLong(1) : -1;
            } catch (Exception e) {
                log("query failed: %s: %s", sql, e.getMessage());
                return -1;
            }
        }

        /** key -> count from a two-column query. */
        Map<String, Long> counts(String sql) {
            Map<String, Long> m = new HashMap<>();
            try (Statement s = conn().createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    m.put(rs.getString(1), rs.getLong(2));
                }
            } catch (Exception e) {
                log("query failed: %s: %s", sql, e.getMessage());
            }
            return m;
        }

        Map<String, String> pairs(String sql) {
            Map<String, String> m = new HashMap<>();
            try (Statement s = conn().createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    m.put(rs.getString(1), rs.getString(2));
                }
            } catch (Exception e) {
                log("query failed: %s: %s", sql, e.getMessage());
            }
            return m;
        }

        List<String> strings(String sql) {
            List<String> l = new ArrayList<>();
            try (Statement s = conn().createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    l.add(rs.getString(1));
                }
            } catch (Exception e) {
                log("query failed: %s: %s", sql, e.getMessage());
            }
            return l;
        }

        static final String INBOUND_EVENTS = "select convert_from(payload, 'UTF8')::jsonb->>'wamid', count(*) from domain_event_entry "
                + "where payload_type = 'ke.co.datacare.whatsapp.api.conversation.TextMessageReceived' group by 1";
        static final String INBOUND_TIMELINE = "select wamid, count(*) from timeline_message where direction = 'inbound' group by wamid";

        long pendingInbox() {
            return count("select count(*) from webhook_inbox where processed_at is null and not parked");
        }

        /** Waits until the inbox is dispatched and the timeline shows the expected inbound wamids. */
        boolean awaitInboundVisible(Set<String> wamids, double timeoutSeconds) {
            double end = secs() + timeoutSeconds;
            while (secs() < end) {
                if (pendingInbox() == 0 && counts(INBOUND_TIMELINE).keySet().containsAll(wamids)) {
                    return true;
                }
                sleep(1000);
            }
            return false;
        }

        @Override
        public void close() {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // closing anyway
            }
        }
    }

    /** The core "nothing lost, nothing twice" check over inbound text messages. */
    static void checkInbound(Run run, Db db, MetaSim meta, String prefix) {
        Set<String> acked = meta.ackedWamids();
        Set<String> all = meta.allWamids();
        Map<String, Long> events = db.counts(Db.INBOUND_EVENTS);
        Map<String, Long> timeline = db.counts(Db.INBOUND_TIMELINE);
        long missingEvents = acked.stream().filter(w -> !events.containsKey(w)).count();
        long missingTimeline = acked.stream().filter(w -> !timeline.containsKey(w)).count();
        long dupEvents = events.values().stream().filter(n -> n > 1).count();
        long dupTimeline = timeline.values().stream().filter(n -> n > 1).count();
        long strangers = events.keySet().stream().filter(w -> !all.contains(w)).count();
        List<String> someMissing = acked.stream().filter(w -> !events.containsKey(w) || !timeline.containsKey(w)).limit(5).toList();
        List<String> someDup = events.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).limit(5).toList();
        Set<String> ackedSha = new HashSet<>();
        for (Hook h : meta.hooks) {
            if (h.acked()) {
                ackedSha.add(h.sha256);
            }
        }
        Set<String> stored = new HashSet<>(db.strings("select distinct body_sha256 from webhook_inbox"));
        long ackedNotStored = ackedSha.stream().filter(s -> !stored.contains(s)).count();
        long parked = db.count("select count(*) from webhook_inbox where parked");
        // A row stored in the last seconds is in flight, not stuck: with the sandbox as Graph API the service posts the
        // statuses of its own replies (the bot's) to its webhook, and those keep arriving after the customers' messages are in.
        long pending = db.count("select count(*) from webhook_inbox where processed_at is null and not parked "
                + "and received_at < now() - interval '10 seconds'");
        run.figure(prefix + "rows_in_flight_at_check", db.strings("select case when convert_from(body, 'UTF8') like '%\"statuses\"%' "
                + "then 'statuses' else 'messages' end || ' ' || round(extract(epoch from now() - received_at)::numeric, 1) || ' s old' "
                + "from webhook_inbox where processed_at is null and not parked and received_at >= now() - interval '10 seconds' limit 20"));
        run.figure(prefix + "acknowledged_wamids", acked.size());
        run.figure(prefix + "inbound_events", events.values().stream().mapToLong(Long::longValue).sum());
        run.figure(prefix + "timeline_inbound_rows", timeline.values().stream().mapToLong(Long::longValue).sum());
        run.figure(prefix + "webhook_inbox_rows", db.count("select count(*) from webhook_inbox"));
        run.figure(prefix + "parked_rows", parked);
        run.check("every acknowledged body is stored in webhook_inbox (no 200 without persistence)", ackedNotStored == 0,
                ackedNotStored + " of " + ackedSha.size() + " acknowledged bodies have no webhook_inbox row (by sha256)");
        Set<String> pendingSha = new HashSet<>(db.strings("select distinct body_sha256 from webhook_inbox where processed_at is null"));
        long missingButPending = 0;
        for (Hook h : meta.hooks) {
            if (h.acked() && pendingSha.contains(h.sha256)) {
                missingButPending += h.wamids.stream().filter(w -> !events.containsKey(w)).count();
            }
        }
        run.check("every acknowledged message is in the event store", missingEvents == 0,
                missingEvents + " of " + acked.size() + " missing" + (missingEvents == 0 ? "" : " (" + missingButPending
                        + " of them still waiting in webhook_inbox, not dispatched yet)") + (someMissing.isEmpty() ? "" : " e.g. " + someMissing));
        run.check("every acknowledged message is in the inbox (timeline_message)", missingTimeline == 0,
                missingTimeline + " of " + acked.size() + " missing");
        run.check("no message twice in the event store", dupEvents == 0 && strangers == 0,
                dupEvents + " wamids with more than one event" + (someDup.isEmpty() ? "" : " e.g. " + someDup) + ", " + strangers + " unknown wamids");
        run.check("no message twice in the inbox", dupTimeline == 0, dupTimeline + " wamids with more than one timeline row");
        run.check("inbox dispatched, nothing parked", pending == 0 && parked == 0, pending + " rows pending for more than 10 s, " + parked + " parked");
    }

    // ------------------------------------------------------------------------------------------------------------
    // The scenarios
    // ------------------------------------------------------------------------------------------------------------

    static final class Scenarios {

        static String pgUrl(String db, int port) {
            return "postgresql://postgres@127.0.0.1:" + port + "/" + db;
        }

        static MetaSim meta(Run run, List<String> targets) {
            MetaSim m = new MetaSim(targets, run.a.i("senders", 32), 10_000, run.a.d("max-resend-backoff", 4));
            run.closeables.add(m);
            return m;
        }

        static Object[] inboundHook(Payloads p, Random r, char kind) {
            String w = p.nextWamid(kind);
            int customer = r.nextInt(p.customers.length);
            return new Object[]{p.inbound(customer, w, Instant.now().getEpochSecond()), List.of(w)};
        }

        static Thread background(String name, Runnable r) {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.start();
            return t;
        }

        static void join(Thread t, double seconds) {
            try {
                t.join((long) (seconds * 1000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        // ---- 1. crash -----------------------------------------------------------------------------------------------

        static void crash(Run run) throws Exception {
            double rate = run.a.d("rate", 250);
            double duration = run.a.d("duration", 40);
            double killFrom = run.a.d("kill-from", 0.3), killTo = run.a.d("kill-to", 0.7);
            double killAt = duration * (killFrom + run.random.nextDouble() * (killTo - killFrom));
            run.config.putAll(Map.of("rate_per_s", rate, "duration_s", duration, "kill_at_s_into_load", round1(killAt)));
            String db = run.db(0);
            Service svc = new Service(run, "crash", run.freePort(), pgUrl(db, 5432), Map.of());
            double startup = svc.startAndWait(run.a.d("startup-timeout", 180));
            run.figure("startup_s", startup);
            if (Double.isNaN(startup)) {
                run.check("service starts", false, "not UP, see " + svc.logFile);
                return;
            }
            Payloads p = new Payloads(run.random, run.a.i("customers", 500), run.runTag);
            MetaSim meta = meta(run, List.of(svc.url()));
            Random r = new Random(run.seed + 1);
            double loadStart = secs();
            Thread load = background("load", () -> meta.drive(rate, duration, i -> inboundHook(p, r, 'K')));
            sleep((long) (killAt * 1000));
            long ackedBeforeKill = meta.hooks.stream().filter(Hook::acked).count();
            int inFlight = meta.inFlight.get();
            double killedAt = secs();
            svc.kill9();
            run.figure("acknowledged_before_kill", ackedBeforeKill);
            run.figure("deliveries_in_flight_at_kill", inFlight);
            double restart = secs();
            svc.start();
            boolean up = svc.waitHealthy(run.a.d("startup-timeout", 180));
            double readyAt = secs();
            run.figure("restart_to_ready_s", round1(readyAt - restart));
            run.figure("kill_to_ready_s", round1(readyAt - killedAt));
            run.check("service is ready again after the restart", up, up ? "UP " + round1(readyAt - restart) + " s after the restart" : "not UP");
            join(load, duration + 300);
            double first200 = meta.firstCodeAfter(killedAt, 200);
            run.figure("kill_to_first_200_s", round1(first200 - killedAt));
            boolean allAcked = meta.awaitAcked(run.a.d("ack-timeout", 120));
            run.figure("meta", meta.stats());
            run.figure("answers_between_kill_and_ready", meta.codesBetween(killedAt, readyAt));
            run.check("Meta's resends got every webhook a 200 in the end", allAcked, meta.unacked() + " of " + meta.hooks.size() + " never got a 200");
            try (Db d = new Db(run.jdbc(db))) {
                boolean visible = d.awaitInboundVisible(meta.ackedWamids(), run.a.d("visible-timeout", 120));
                run.figure("load_start_to_all_visible_s", round1(secs() - loadStart));
                run.check("the inbox caught up", visible, visible ? "all acknowledged messages visible" : "timed out");
                checkInbound(run, d, meta, "");
                long beforeKillMissing = 0, beforeKillTwice = 0, beforeKillPending = 0;
                Map<String, Long> tl = d.counts(Db.INBOUND_TIMELINE);
                Set<String> pendingSha = new HashSet<>(d.strings("select distinct body_sha256 from webhook_inbox where processed_at is null"));
                for (Hook h : meta.hooks) {
                    if (h.acked() && h.ackedAt < killedAt) {
                        for (String w : h.wamids) {
                            long n = tl.getOrDefault(w, 0L);
                            beforeKillMissing += n == 0 ? 1 : 0;
                            beforeKillTwice += n > 1 ? 1 : 0;
                            beforeKillPending += n == 0 && pendingSha.contains(h.sha256) ? 1 : 0;
                        }
                    }
                }
                run.check("messages acknowledged before the kill survive it exactly once", beforeKillMissing == 0 && beforeKillTwice == 0,
                        "of " + ackedBeforeKill + ": " + beforeKillMissing + " not in the inbox (" + beforeKillPending
                                + " of them still waiting in webhook_inbox), " + beforeKillTwice + " more than once");
            }
            meta.close();
            run.figure("error_lines_in_log", svc.countLog(" ERROR "));
        }

        // ---- 2. duplicates and order --------------------------------------------------------------------------------

        static void duplicates(Run run) throws Exception {
            int customers = run.a.i("customers", 150);
            int perCustomer = run.a.i("messages-per-customer", 4);
            int outbound = run.a.i("outbound", 200);
            int parallel = run.a.i("parallel-groups", 8);
            run.config.putAll(Map.of("customers", customers, "messages_per_customer", perCustomer, "outbound", outbound,
                    "copies", 3, "parallel_groups", parallel));
            String db = run.db(0);
            GraphStub stub = new GraphStub(run.freePort());
            run.closeables.add(stub);
            stub.plan = (id, attempt) -> id.startsWith("dup-") ? StubAnswer.ok("0", "wamid.FAULTDUP." + id) : null;
            Service svc = new Service(run, "duplicates", run.freePort(), pgUrl(db, 5432), graphEnv(stub));
            double startup = svc.startAndWait(run.a.d("startup-timeout", 180));
            run.figure("startup_s", startup);
            if (Double.isNaN(startup)) {
                run.check("service starts", false, "not UP");
                return;
            }
            Payloads p = new Payloads(run.random, customers, run.runTag);
            MetaSim meta = meta(run, List.of(svc.url()));
            // Inbound: every message in three deliveries sent side by side: two byte-identical single bodies and a
            // third body that carries it together with the customer's next message (other bytes, same wamids).
            long ts = Instant.now().getEpochSecond();
            List<List<Hook>> groups = new ArrayList<>();
            for (int c = 0; c < customers; c++) {
                List<String> ws = new ArrayList<>();
                for (int k = 0; k < perCustomer; k++) {
                    ws.add(p.nextWamid('D'));
                }
                for (int k = 0; k < perCustomer; k++) {
                    String single = p.inbound(c, ws.get(k), ts + k);
                    List<String> pair = k + 1 < perCustomer ? List.of(ws.get(k), ws.get(k + 1)) : List.of(ws.get(k - 1), ws.get(k));
                    groups.add(List.of(meta.register(single, List.of(ws.get(k))), meta.register(single, List.of(ws.get(k))),
                            meta.register(p.inboundBatch(c, pair, ts + k), pair)));
                }
            }
            Collections.shuffle(groups, new Random(run.seed + 2));
            double t = secs();
            sendGroups(meta, groups, parallel);
            run.figure("inbound_phase_s", round1(secs() - t));
            Set<String> inboundWamids = meta.allWamids();
            try (Db d = new Db(run.jdbc(db))) {
                if (!d.awaitInboundVisible(inboundWamids, 120)) {
                    run.note("inbound messages not all visible after 120 s");
                }
                // Outbound messages with wamids of our choosing, sent through the API to the stub.
                String token = Http.login(svc.url());
                List<String> ids = new ArrayList<>();
                Map<String, String> recipient = new HashMap<>();
                int rejected = 0;
                for (int i = 0; i < outbound; i++) {
                    String id = "dup-" + run.runTag + "-" + i;
                    String to = p.customers[i % customers];
                    Http.Response rs = Http.postJson(svc.url() + "/api/messages/send", "{\"to\":\"" + to
                            + "\",\"type\":\"text\",\"text\":{\"body\":\"Asante, we are checking your line (" + i + ")\"},\"clientMessageId\":\""
                            + id + "\"}", token, 20_000);
                    if (rs.code() == 202) {
                        ids.add(id);
                        recipient.put(id, to);
                    } else {
                        rejected++;
                        if (rejected <= 3) {
                            run.note("send " + id + " answered " + rs.code() + " " + rs.body());
                        }
                    }
                }
                run.check("the API took every outbound message", rejected == 0, rejected + " of " + outbound + " rejected");
                double end = secs() + 120;
                while (secs() < end && d.count("select count(*) from outbound_message where message_id like 'dup-%' and wamid is not null") < ids.size()) {
                    sleep(1000);
                }
                // Statuses: sent, delivered, read for each wamid; each status body three times side by side; all
                // (wamid, status) groups shuffled; a third of the status bodies carry 2-5 statuses.
                List<String[]> items = new ArrayList<>();
                for (String id : ids) {
                    for (String st : new String[]{"sent", "delivered", "read"}) {
                        items.add(new String[]{"wamid.FAULTDUP." + id, recipient.get(id), st});
                    }
                }
                Random r = new Random(run.seed + 3);
                Collections.shuffle(items, r);
                List<List<Hook>> statusGroups = new ArrayList<>();
                int batched = 0;
                for (int i = 0; i < items.size(); ) {
                    int n = r.nextInt(3) == 0 ? 2 + r.nextInt(4) : 1;
                    List<String> bodyItems = new ArrayList<>();
                    for (int k = 0; k < n && i < items.size(); k++, i++) {
                        String[] it = items.get(i);
                        bodyItems.add(Payloads.status(it[0], it[1], it[2], ts + 60 + List.of("sent", "delivered", "read").indexOf(it[2])));
                    }
                    batched += bodyItems.size() > 1 ? 1 : 0;
                    String body = Payloads.statuses(bodyItems);
                    statusGroups.add(List.of(meta.register(body, List.of()), meta.register(body, List.of()), meta.register(body, List.of())));
                }
                run.figure("status_bodies", statusGroups.size());
                run.figure("batched_status_bodies", batched);
                t = secs();
                sendGroups(meta, statusGroups, parallel);
                run.figure("status_phase_s", round1(secs() - t));
                meta.awaitAcked(60);
                run.figure("meta", meta.stats());
                Map<String, Integer> codes = new TreeMap<>(meta.codesBetween(0, 1e9));
                run.check("every delivery, duplicates included, answered 200", codes.keySet().equals(Set.of("200")),
                        "answers " + codes);
                d.awaitInboundVisible(inboundWamids, 60);
                // wait for the statuses to be projected
                end = secs() + 90;
                while (secs() < end && (d.pendingInbox() > 0 || d.count("select count(*) from message_status where wamid like 'wamid.FAULTDUP.%' and status = 'read'") < ids.size())) {
                    sleep(1000);
                }
                sleep(3000);
                checkInbound(run, d, meta, "");
                run.check("inbound timeline rows = distinct inbound messages", d.counts(Db.INBOUND_TIMELINE).size() == inboundWamids.size(),
                        d.counts(Db.INBOUND_TIMELINE).size() + " rows for " + inboundWamids.size() + " messages");
                Map<String, Long> outRows = d.counts("select message_key, count(*) from timeline_message where direction = 'outbound' and message_key like 'dup-%' group by 1");
                Map<String, String> outWamid = d.pairs("select message_key, wamid from timeline_message where direction = 'outbound' and message_key like 'dup-%'");
                long badRows = ids.stream().filter(id -> outRows.getOrDefault(id, 0L) != 1 || !("wamid.FAULTDUP." + id).equals(outWamid.get(id))).count();
                run.check("one outbound timeline row per message, with our wamid", badRows == 0, badRows + " of " + ids.size() + " messages wrong");
                long wamidRows = d.count("select count(*) from timeline_message where wamid like 'wamid.FAULTDUP.%'");
                run.check("one timeline row per outbound wamid", wamidRows == ids.size(), wamidRows + " rows for " + ids.size() + " wamids");
                Map<String, String> status = d.pairs("select wamid, status from message_status where wamid like 'wamid.FAULTDUP.%'");
                long notRead = ids.stream().filter(id -> !"read".equals(status.get("wamid.FAULTDUP." + id))).count();
                Map<String, Long> st = new TreeMap<>();
                status.values().forEach(v -> st.merge(v, 1L, Long::sum));
                run.check("highest status wins: every wamid ends as read", notRead == 0, notRead + " of " + ids.size() + " not read; statuses " + st);
                Map<String, Long> statusEvents = d.counts("select payload_type || ' ' || (convert_from(payload, 'UTF8')::jsonb->>'wamid'), count(*) "
                        + "from domain_event_entry where payload_type in ('ke.co.datacare.whatsapp.api.conversation.OutboundMessageSent', "
                        + "'ke.co.datacare.whatsapp.api.conversation.OutboundMessageDelivered', 'ke.co.datacare.whatsapp.api.conversation.OutboundMessageRead') "
                        + "and convert_from(payload, 'UTF8')::jsonb->>'wamid' like 'wamid.FAULTDUP.%' group by 1");
                long dupStatus = statusEvents.values().stream().filter(n -> n > 1).count();
                long readEvents = statusEvents.entrySet().stream().filter(e -> e.getKey().contains("OutboundMessageRead ")).count();
                Map<String, Long> perType = new TreeMap<>();
                statusEvents.forEach((k, v) -> perType.merge(k.substring(k.lastIndexOf('.', k.indexOf(' ')) + 1, k.indexOf(' ')), v, Long::sum));
                run.figure("status_events", perType);
                run.check("no status event twice; one read event per wamid", dupStatus == 0 && readEvents == ids.size(),
                        dupStatus + " (wamid, status) pairs with more than one event; " + readEvents + " read events for " + ids.size() + " wamids; events " + perType);
                long notOnce = ids.stream().filter(id -> stub.sendsOf(id) != 1).count();
                run.check("every outbound message reached the Graph API exactly once", notOnce == 0, notOnce + " of " + ids.size() + " not sent exactly once");
                run.figure("stub_sends_total", stub.totalSends());
            }
            meta.close();
            run.figure("error_lines_in_log", svc.countLog(" ERROR "));
        }

        /** Each group's deliveries start together (a latch), `parallel` groups at a time; non-200s are sent again. */
        static void sendGroups(MetaSim meta, List<List<Hook>> groups, int parallel) throws InterruptedException {
            ExecutorService pool = Executors.newFixedThreadPool(parallel * 3);
            java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(parallel);
            for (List<Hook> g : groups) {
                slots.acquire();
                CountDownLatch go = new CountDownLatch(1);
                CountDownLatch done = new CountDownLatch(g.size());
                for (Hook h : g) {
                    pool.submit(() -> {
                        try {
                            go.await();
                            if (meta.deliverNow(h) != 200) {
                                meta.retryLater(h);
                            }
                        } catch (InterruptedException ignored) {
                            Thread.currentThread().interrupt();
                        } finally {
                            done.countDown();
                        }
                    });
                }
                go.countDown();
                pool.submit(() -> {
                    try {
                        done.await();
                    } catch (InterruptedException ignored) {
                        Thread.currentThread().interrupt();
                    }
                    slots.release();
                });
            }
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.MINUTES);
        }

        // ---- 3. PostgreSQL outage -------------------------------------------------------------------------------

        static void postgresOutage(Run run) throws Exception {
            double rate = run.a.d("rate", 200);
            double before = run.a.d("before", 15), outage = run.a.d("outage", 30), after = run.a.d("after", 25);
            run.config.putAll(Map.of("rate_per_s", rate, "load_before_outage_s", before, "outage_s", outage, "load_after_outage_s", after));
            String db = run.db(0);
            TcpProxy proxy = new TcpProxy(run.freePort(), 5432);
            run.closeables.add(proxy);
            Service svc = new Service(run, "pg-outage", run.freePort(), pgUrl(db, proxy.listenPort), Map.of());
            double startup = svc.startAndWait(run.a.d("startup-timeout", 180));
            run.figure("startup_s", startup);
            if (Double.isNaN(startup)) {
                run.check("service starts", false, "not UP");
                return;
            }
            Payloads p = new Payloads(run.random, run.a.i("customers", 500), run.runTag);
            MetaSim meta = meta(run, List.of(svc.url()));
            HealthPoller health = new HealthPoller(svc.url());
            run.closeables.add(health);
            Random r = new Random(run.seed + 1);
            double total = before + outage + after;
            Thread load = background("load", () -> meta.drive(rate, total, i -> inboundHook(p, r, 'P')));
            sleep((long) (before * 1000));
            double downAt = secs();
            proxy.down();
            sleep((long) (outage * 1000));
            double upAt = secs();
            proxy.up();
            join(load, total + 300);
            boolean allAcked = meta.awaitAcked(run.a.d("ack-timeout", 120));
            double firstOk = meta.firstCodeAfter(upAt, 200);
            double healthUp = health.firstAfter(upAt, s -> "UP".equals(s.db()) && "UP".equals(s.overall()));
            run.figure("outage_window_s", round1(upAt - downAt));
            run.figure("answers_before_outage", meta.codesBetween(0, downAt));
            Map<String, Integer> during = meta.codesBetween(downAt + 0.5, upAt);
            run.figure("answers_during_outage", during);
            run.figure("answers_after_outage", meta.codesBetween(upAt, 1e9));
            run.figure("back_up_to_first_200_s", round1(firstOk - upAt));
            run.figure("back_up_to_health_UP_s", round1(healthUp - upAt));
            run.figure("health_during_outage", health.count(downAt + 2, upAt, s -> "health=" + s.overall() + " db=" + s.db()
                    + " liveness=" + s.liveness() + " readiness=" + s.readiness()));
            run.figure("meta", meta.stats());
            Set<String> allowed = Set.of("200", "503");
            Map<String, Integer> all = meta.codesBetween(0, 1e9);
            run.check("webhooks sent while PostgreSQL was away answered 503 (or 200 once it was back)", during.getOrDefault("503", 0) > 0
                            && during.keySet().stream().allMatch(allowed::contains),
                    "answers during the outage " + during);
            run.check("no answer other than 200 or 503 at any time", all.keySet().stream().allMatch(allowed::contains), "answers " + all);
            run.check("liveness stayed UP during the outage", health.count(downAt, upAt, HealthSample::liveness).keySet().equals(Set.of("UP")),
                    "liveness " + health.count(downAt, upAt, HealthSample::liveness));
            run.check("health reported db DOWN during the outage", health.count(downAt + 5, upAt, HealthSample::db).containsKey("DOWN"),
                    "db " + health.count(downAt + 5, upAt, HealthSample::db));
            run.check("recovered by itself: 200s and health UP again", !Double.isNaN(firstOk) && !Double.isNaN(healthUp),
                    "first 200 " + round1(firstOk - upAt) + " s, health UP " + round1(healthUp - upAt) + " s after PostgreSQL was back");
            run.check("Meta's resends got every webhook a 200 in the end", allAcked, meta.unacked() + " of " + meta.hooks.size() + " never got a 200");
            try (Db d = new Db(run.jdbc(db))) {
                boolean visible = d.awaitInboundVisible(meta.ackedWamids(), run.a.d("visible-timeout", 120));
                run.check("the inbox caught up", visible, visible ? "all acknowledged messages visible" : "timed out");
                checkInbound(run, d, meta, "");
                long during200 = 0, during200Missing = 0;
                Set<String> stored = new HashSet<>(d.strings("select distinct body_sha256 from webhook_inbox"));
                List<String> ackTimes = new ArrayList<>();
                for (Hook h : meta.hooks) {
                    if (h.acked() && h.ackedAt >= downAt && h.ackedAt < upAt) {
                        during200++;
                        during200Missing += stored.contains(h.sha256) ? 0 : 1;
                        if (ackTimes.size() < 20) {
                            ackTimes.add(round1(h.ackedAt - upAt) + " s");
                        }
                    }
                }
                run.figure("acknowledged_during_outage_relative_to_back_up", ackTimes);
                run.figure("acknowledged_during_outage", during200);
                List<String> detail = new ArrayList<>();
                synchronized (meta.attempts) {
                    for (Attempt at : meta.attempts) {
                        if (at.code() == 200 && at.at() >= downAt && at.at() < upAt && detail.size() < 40) {
                            detail.add("sent +" + round1(at.at() - downAt) + " s after the drop, answered in " + Math.round(at.ms()) + " ms");
                        }
                    }
                }
                run.figure("acknowledgements_during_outage", detail);
                run.check("200s given during the outage were persisted", during200Missing == 0, during200 + " acknowledged during the outage, "
                        + during200Missing + " of them without a webhook_inbox row");
            }
            health.close();
            meta.close();
            run.figure("proxy_connections_accepted", proxy.accepted.get());
            run.figure("proxy_sockets_dropped", proxy.dropped.get());
            run.figure("log_lines_webhook_dispatch_round_failed", svc.countLog("Webhook dispatch round failed"));
            run.figure("error_lines_in_log", svc.countLog(" ERROR "));
        }

        // ---- 4. Redis outage -----------------------------------------------------------------------------------

        static void redisOutage(Run run) throws Exception {
            double rate = run.a.d("rate", 200);
            double before = run.a.d("before", 15), outage = run.a.d("outage", 30), after = run.a.d("after", 20);
            int sends = run.a.i("sends-during-outage", 40);
            run.config.putAll(Map.of("rate_per_s", rate, "load_before_outage_s", before, "outage_s", outage, "load_after_outage_s", after,
                    "api_sends_during_outage", sends));
            String db = run.db(0);
            TcpProxy proxy = new TcpProxy(run.freePort(), run.a.i("redis-port", 6379));
            run.closeables.add(proxy);
            GraphStub stub = new GraphStub(run.freePort());
            run.closeables.add(stub);
            Map<String, String> env = new LinkedHashMap<>(graphEnv(stub));
            env.put("REDIS_URL", "redis://127.0.0.1:" + proxy.listenPort);
            env.put("DATACARE_WHATSAPP_THROTTLE_KEYPREFIX", "faults:" + run.runTag + ":throttle:");
            Service svc = new Service(run, "redis-outage", run.freePort(), pgUrl(db, 5432), env);
            double startup = svc.startAndWait(run.a.d("startup-timeout", 180));
            run.figure("startup_s", startup);
            if (Double.isNaN(startup)) {
                run.check("service starts", false, "not UP");
                return;
            }
            Payloads p = new Payloads(run.random, run.a.i("customers", 500), run.runTag);
            MetaSim meta = meta(run, List.of(svc.url()));
            HealthPoller health = new HealthPoller(svc.url());
            run.closeables.add(health);
            String token = Http.login(svc.url());
            // today is a holiday for the bot: it answers out of office and keeps that in its Redis context store, which
            // within business hours it would not touch (its test below would depend on the time of day)
            String config = "shipped".equals(run.a.s("bot-hours", "closed")) ? ""
                    : Http.get(svc.url() + "/api/chatbot/config", token, 10_000).body();
            String closed = config.replaceFirst("\"holidays\"\\s*:\\s*\\[", "\"holidays\":[{\"date\":\""
                    + java.time.LocalDate.now(java.time.ZoneId.of("Africa/Nairobi")) + "\",\"name\":\"fault test\"},");
            int pinned = config.isEmpty() ? 0 : Http.call("PUT", svc.url() + "/api/chatbot/config", closed.getBytes(StandardCharsets.UTF_8), null, token,
                    10_000).code();
            run.figure("bot_hours_pinned_closed", pinned == 200 && !closed.equals(config));
            Random r = new Random(run.seed + 1);
            double total = before + outage + after;
            Thread load = background("load", () -> meta.drive(rate, total, i -> inboundHook(p, r, 'R')));
            sleep((long) (before * 1000));
            double downAt = secs();
            proxy.down();
            // customers new to the bot write during the outage: the bot reads a conversation's context from Redis only
            // when it does not know it yet (within business hours the pool's customers are all known by now)
            Payloads newcomers = new Payloads(new Random(run.seed + 7), run.a.i("newcomers-during-outage", 10), run.runTag);
            for (int i = 0; i < newcomers.customers.length; i++) {
                String w = newcomers.nextWamid('N');
                meta.submit(newcomers.inbound(i, w, Instant.now().getEpochSecond()), List.of(w));
            }
            // agents answer customers who wrote during the load (their window is open): the send throttle's Redis
            // buckets are away, so each message must still be sent once
            List<String> ids = new ArrayList<>();
            int rejected = 0;
            // customers whose message the service has already dispatched (their window is open in the Conversation):
            // one still waiting in the inbox would rightly get 422 window-closed
            List<String> writers = new ArrayList<>();
            try (Db d = new Db(run.jdbc(db))) {
                writers.addAll(d.strings("select c.wa_id from inbox_conversation i join contact_view c on c.contact_id = i.contact_id "
                        + "where i.last_customer_message_at is not null and c.wa_id is not null order by i.last_customer_message_at limit " + sends));
            }
            double sendEnd = secs() + outage * 0.7;
            for (int i = 0; i < writers.size() && secs() < sendEnd; i++) {
                String id = "redis-" + run.runTag + "-" + i;
                Http.Response rs = Http.postJson(svc.url() + "/api/messages/send", "{\"to\":\"" + writers.get(i)
                        + "\",\"type\":\"text\",\"text\":{\"body\":\"Pole, we are looking into it (" + i + ")\"},\"clientMessageId\":\"" + id + "\"}",
                        token, 20_000);
                if (rs.code() == 202) {
                    ids.add(id);
                } else if (++rejected <= 3) {
                    run.note("send " + id + " answered " + rs.code() + " " + rs.body());
                }
                sleep(200);
            }
            sleep((long) Math.max(0, (downAt + outage - secs()) * 1000));
            double upAt = secs();
            proxy.up();
            join(load, total + 300);
            boolean allAcked = meta.awaitAcked(run.a.d("ack-timeout", 120));
            Map<String, Integer> during = meta.codesBetween(downAt, upAt);
            Map<String, Integer> all = meta.codesBetween(0, 1e9);
            run.figure("answers_during_outage", during);
            run.figure("answers_all", all);
            run.figure("meta", meta.stats());
            run.check("webhook intake answered 200 throughout (none resent)", all.keySet().equals(Set.of("200")) && allAcked,
                    "answers " + all + ", unacknowledged " + meta.unacked());
            Map<String, Integer> live = health.count(downAt, upAt + 1, HealthSample::liveness);
            Map<String, Integer> ready = health.count(downAt, upAt + 1, HealthSample::readiness);
            Map<String, Integer> redisDuring = health.count(downAt + 3, upAt, HealthSample::redis);
            double redisBack = health.firstAfter(upAt, s -> "UP".equals(s.redis()));
            run.figure("health_during_outage", health.count(downAt + 3, upAt, s -> "health=" + s.overall() + " redis=" + s.redis()
                    + " db=" + s.db() + " liveness=" + s.liveness() + " readiness=" + s.readiness()));
            run.figure("back_up_to_health_redis_UP_s", round1(redisBack - upAt));
            run.check("liveness stayed UP", live.keySet().equals(Set.of("UP")), "liveness " + live);
            run.check("readiness stayed UP (docs/operations.md: Redis outage)", ready.keySet().equals(Set.of("UP")), "readiness " + ready);
            run.check("health shows redis DOWN during and UP after the outage", redisDuring.containsKey("DOWN") && !Double.isNaN(redisBack),
                    "redis during " + redisDuring + ", UP again " + round1(redisBack - upAt) + " s after");
            try (Db d = new Db(run.jdbc(db))) {
                boolean visible = d.awaitInboundVisible(meta.ackedWamids(), run.a.d("visible-timeout", 120));
                run.check("the inbox caught up", visible, visible ? "all acknowledged messages visible" : "timed out");
                checkInbound(run, d, meta, "");
                double end = secs() + 60;
                while (secs() < end && ids.stream().anyMatch(id -> stub.sendsOf(id) == 0)) {
                    sleep(1000);
                }
                long notOnce = ids.stream().filter(id -> stub.sendsOf(id) != 1).count();
                run.figure("api_sends_during_outage_accepted", ids.size());
                Map<String, String> sendState = d.pairs("select message_key, coalesce(send_state, '-') from timeline_message where message_key like 'redis-%'");
                Map<String, Long> states = new TreeMap<>();
                ids.forEach(id -> states.merge(sendState.getOrDefault(id, "missing"), 1L, Long::sum));
                run.figure("api_sends_during_outage_states", states);
                run.check("the API took every agent message during the outage (202, no 5xx)", rejected == 0 && !ids.isEmpty(),
                        ids.size() + " taken, " + rejected + " rejected");
                run.check("every agent message taken during the outage reached the Graph API exactly once and was accepted",
                        notOnce == 0 && states.keySet().equals(Set.of("accepted")),
                        notOnce + " of " + ids.size() + " not sent exactly once; timeline send states " + states);
                long botQueued = d.count("select count(*) from domain_event_entry where payload_type = 'ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued' "
                        + "and convert_from(payload, 'UTF8')::jsonb->>'messageId' like 'bot-%'");
                run.figure("bot_messages_queued", botQueued);
            }
            int unavailable = svc.countLog("Chatbot context store unavailable");
            List<String> redisLines = svc.grepLog("(?i)(context store|throttle).*(unavailable|redis|recover|back)", 6);
            run.figure("log_chatbot_context_store_unavailable", unavailable);
            run.figure("log_lines_redis_fallbacks", redisLines);
            run.check("the bot degraded (its context store went to the fallback, logged)", unavailable > 0,
                    unavailable + " 'Chatbot context store unavailable' lines");
            health.close();
            meta.close();
            run.figure("error_lines_in_log", svc.countLog(" ERROR "));
            run.figure("stub_sends_total", stub.totalSends());
        }

        // ---- 5. Graph API faults -------------------------------------------------------------------------------

        /** The stub's plan for a message id "gf-KIND-FAILS-n": fail the first FAILS attempts in the KIND's way. */
        static StubAnswer graphPlan(String id, int attempt, long slowMs) {
            if (!id.startsWith("gf-")) {
                return null;
            }
            String[] p = id.split("-");
            String kind = p[1];
            int fails = Integer.parseInt(p[2]);
            String wamid = "wamid.FAULTGF." + id;
            switch (kind) {
                case "ok":
                    return StubAnswer.ok("0", wamid);
                case "p131047":
                    return StubAnswer.error(400, 131047, "Re-engagement message");
                case "p131026":
                    return StubAnswer.error(400, 131026, "Message Undeliverable");
                default:
                    break;
            }
            if (attempt > fails) {
                return StubAnswer.ok("0", wamid);
            }
            return switch (kind) {
                case "h500", "r500" -> new StubAnswer(500, "<html><body>Internal Server Error</body></html>", 0);
                case "c130429" -> StubAnswer.error(400, 130429, "Rate limit hit");
                case "slow" -> new StubAnswer(503, "{\"error\":{\"message\":\"late\",\"code\":2}}", slowMs);
                default -> StubAnswer.error(400, 100, "unknown plan " + kind);
            };
        }

        static void graphFaults(Run run) throws Exception {
            int perKind = run.a.i("per-kind", 12);
            int restartBatch = run.a.i("restart-batch", 16);
            long slowMs = run.a.i("slow-ms", 4000);
            String readTimeout = run.a.s("client-read-timeout", "2s");
            run.config.putAll(Map.of("messages_per_kind", perKind, "restart_batch", restartBatch, "slow_answer_ms", slowMs,
                    "client_read_timeout", readTimeout));
            String db = run.db(0);
            GraphStub stub = new GraphStub(run.freePort());
            run.closeables.add(stub);
            stub.plan = (id, attempt) -> graphPlan(id, attempt, slowMs);
            Map<String, String> env = new LinkedHashMap<>(graphEnv(stub));
            env.put("DATACARE_WHATSAPP_READTIMEOUT", readTimeout);
            Service svc = new Service(run, "graph-faults", run.freePort(), pgUrl(db, 5432), env);
            double startup = svc.startAndWait(run.a.d("startup-timeout", 180));
            run.figure("startup_s", startup);
            if (Double.isNaN(startup)) {
                run.check("service starts", false, "not UP");
                return;
            }
            // customers write first: their 24-hour windows open
            String[] kinds = {"h500", "c130429", "slow", "p131047", "p131026", "ok"};
            int customers = kinds.length * perKind + restartBatch;
            Payloads p = new Payloads(run.random, customers, run.runTag);
            MetaSim meta = meta(run, List.of(svc.url()));
            long ts = Instant.now().getEpochSecond();
            for (int c = 0; c < customers; c++) {
                meta.submit(p.inbound(c, p.nextWamid('G'), ts), List.of());
            }
            meta.awaitAcked(60);
            try (Db d = new Db(run.jdbc(db))) {
                double end = secs() + 90;
                while (secs() < end && (d.pendingInbox() > 0 || d.count("select count(*) from inbox_conversation where last_customer_message_at is not null") < customers)) {
                    sleep(500);
                }
                String token = Http.login(svc.url());
                Map<String, Integer> expected = new LinkedHashMap<>();
                Map<String, String> kindOf = new HashMap<>();
                List<String> ids = new ArrayList<>();
                int c = 0;
                Random r = new Random(run.seed + 5);
                for (String kind : kinds) {
                    for (int i = 0; i < perKind; i++) {
                        int fails = kind.startsWith("p") ? 1 : kind.equals("ok") ? 0 : 1 + r.nextInt(3);
                        ids.add("gf-" + kind + "-" + fails + "-" + run.runTag + "x" + i + "-" + c++);
                    }
                }
                Collections.shuffle(ids, r);
                int rejected = send(run, svc, token, p, ids, 0);
                for (String id : ids) {
                    String[] parts = id.split("-");
                    kindOf.put(id, parts[1]);
                    expected.put(id, parts[1].startsWith("p") ? 1 : Integer.parseInt(parts[2]) + 1);
                }
                // the restart batch: four 500s each (backoff 2, 4, 8, 16 s); the service restarts while they wait
                List<String> restartIds = new ArrayList<>();
                for (int i = 0; i < restartBatch; i++) {
                    restartIds.add("gf-r500-4-" + run.runTag + "x" + i + "-" + c++);
                }
                rejected += send(run, svc, token, p, restartIds, kinds.length * perKind);
                for (String id : restartIds) {
                    kindOf.put(id, "r500");
                    expected.put(id, 5);
                }
                run.check("the API took every message", rejected == 0, rejected + " rejected");
                // wait until every restart-batch message failed at least twice: its retry now waits 4-8 s or more
                end = secs() + 60;
                while (secs() < end && restartIds.stream().anyMatch(id -> stub.sendsOf(id) < 2)) {
                    sleep(200);
                }
                Map<String, Integer> sendsAtStop = new HashMap<>();
                double stopAt = secs();
                double stopSeconds = svc.stop(60);
                for (String id : restartIds) {
                    sendsAtStop.put(id, stub.sendsOf(id));
                }
                long pendingDeadlines = d.count("select count(*) from scheduled_tasks");
                run.figure("restart_stop_s", stopSeconds);
                run.figure("scheduled_tasks_while_stopped", pendingDeadlines);
                run.figure("restart_batch_sends_when_stopped", new TreeMap<>(sendsAtStop.values().stream()
                        .collect(java.util.stream.Collectors.groupingBy(x -> "sends=" + x, java.util.stream.Collectors.counting()))));
                double t = secs();
                svc.start();
                boolean up = svc.waitHealthy(run.a.d("startup-timeout", 180));
                run.figure("restart_to_ready_s", round1(secs() - t));
                run.check("service is ready again after the restart", up, "UP " + round1(secs() - t) + " s after the start, "
                        + round1(secs() - stopAt) + " s after the stop");
                // wait until every message has its final answer at the stub
                end = secs() + run.a.d("settle-timeout", 120);
                while (secs() < end && expected.entrySet().stream().anyMatch(e -> stub.sendsOf(e.getKey()) < e.getValue())) {
                    sleep(1000);
                }
                sleep(run.a.i("quiet-ms", 10_000)); // time for a wrong retry to show up
                Map<String, String> state = d.pairs("select message_key, coalesce(send_state, '-') from timeline_message where message_key like 'gf-%'");
                Map<String, String> wamid = d.pairs("select message_key, wamid from timeline_message where message_key like 'gf-%'");
                Map<String, Map<String, Long>> byKind = new TreeMap<>();
                long transientBad = 0, permanentBad = 0, lost = 0;
                List<String> examples = new ArrayList<>();
                for (Map.Entry<String, Integer> e : expected.entrySet()) {
                    String id = e.getKey();
                    String kind = kindOf.get(id);
                    int n = stub.sendsOf(id);
                    String s = state.getOrDefault(id, "missing");
                    byKind.computeIfAbsent(kind, k -> new TreeMap<>()).merge("sends=" + n + "/" + s, 1L, Long::sum);
                    if (!state.containsKey(id)) {
                        lost++;
                    }
                    if (kind.startsWith("p")) {
                        if (n != 1 || !(s.equals("failed") || s.equals("abandoned"))) {
                            permanentBad++;
                            if (examples.size() < 6) {
                                examples.add(id + " sends=" + n + " state=" + s);
                            }
                        }
                    } else if (n != e.getValue() || !s.equals("accepted") || !("wamid.FAULTGF." + id).equals(wamid.get(id))) {
                        transientBad++;
                        if (examples.size() < 6) {
                            examples.add(id + " sends=" + n + " expected=" + e.getValue() + " state=" + s);
                        }
                    }
                }
                run.figure("outcome_by_kind", byKind);
                if (!examples.isEmpty()) {
                    run.figure("examples_of_wrong_outcomes", examples);
                }
                long transientCount = expected.keySet().stream().filter(id -> !kindOf.get(id).startsWith("p")).count();
                long permanentCount = expected.size() - transientCount;
                run.check("transient failures (HTTP 500, 130429, slow past the timeout) retried until accepted, one send per failure + 1",
                        transientBad == 0, transientBad + " of " + transientCount + " wrong");
                run.check("permanent failures (131047, 131026) sent exactly once, never retried", permanentBad == 0,
                        permanentBad + " of " + permanentCount + " wrong");
                run.check("nothing lost: every message taken by the API is in the timeline", lost == 0, lost + " missing");
                long resumed = restartIds.stream().filter(id -> stub.sendsOf(id) > sendsAtStop.get(id)).count();
                long restartOk = restartIds.stream().filter(id -> stub.sendsOf(id) == 5 && "accepted".equals(state.get(id))).count();
                run.check("retries waiting in their backoff happened after the restart", resumed == restartIds.size() && restartOk == restartIds.size(),
                        resumed + " of " + restartIds.size() + " sent again after the restart, " + restartOk + " accepted after exactly 5 sends");
                long abandoned = d.count("select count(*) from domain_event_entry where payload_type = 'ke.co.datacare.whatsapp.api.conversation.OutboundMessageAbandoned' "
                        + "and convert_from(payload, 'UTF8')::jsonb->>'messageId' like 'gf-%'");
                run.figure("abandoned_events", abandoned);
                run.figure("send_failed_events", d.count("select count(*) from domain_event_entry where payload_type = "
                        + "'ke.co.datacare.whatsapp.api.conversation.OutboundMessageSendFailed' and convert_from(payload, 'UTF8')::jsonb->>'messageId' like 'gf-%'"));
            }
            meta.close();
            run.check("templates synced from the stub (after each start)", stub.templateLists.get() >= 2,
                    stub.templateLists.get() + " template list requests for 2 starts");
            run.figure("stub_sends_total", stub.totalSends());
            run.figure("stub_read_receipts", stub.readReceipts.get());
            run.figure("error_lines_in_log", svc.countLog(" ERROR "));
        }

        /** Sends text messages with our ids through the API, to customers[offset + i]; the number rejected. */
        static int send(Run run, Service svc, String token, Payloads p, List<String> ids, int offset) {
            int rejected = 0;
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                Http.Response rs = Http.postJson(svc.url() + "/api/messages/send", "{\"to\":\"" + p.customers[offset + i]
                        + "\",\"type\":\"text\",\"text\":{\"body\":\"Karibu, your ticket is open (" + i + ")\"},\"clientMessageId\":\"" + id + "\"}",
                        token, 20_000);
                if (rs.code() != 202) {
                    rejected++;
                    if (rejected <= 3) {
                        run.note("send " + id + " answered " + rs.code() + " " + rs.body());
                    }
                }
            }
            return rejected;
        }

        // ---- 6. two instances ----------------------------------------------------------------------------------

        static void twoInstances(Run run) throws Exception {
            double rate = run.a.d("rate", 150);
            double duration = run.a.d("duration", 50);
            double killAt = run.a.d("kill-at", 20);
            double sendRate = run.a.d("send-rate", 3);
            run.config.putAll(Map.of("rate_per_s", rate, "duration_s", duration, "kill_at_s", killAt, "api_sends_per_s", sendRate));
            String db = run.db(0);
            GraphStub stub = new GraphStub(run.freePort());
            run.closeables.add(stub);
            Service a = new Service(run, "A", run.freePort(), pgUrl(db, 5432), graphEnv(stub));
            Service b = new Service(run, "B", run.freePort(), pgUrl(db, 5432), graphEnv(stub));
            double t0 = secs();
            a.start();
            b.start();
            double sa = a.waitHealthy(run.a.d("startup-timeout", 180)) ? round1(secs() - t0) : Double.NaN;
            double sb = b.waitHealthy(run.a.d("startup-timeout", 180)) ? round1(secs() - t0) : Double.NaN;
            log("services UP after %.1f and %.1f s (started together)", sa, sb);
            run.figure("startup_s", List.of(sa, sb));
            if (Double.isNaN(sa) || Double.isNaN(sb)) {
                run.check("both services start", false, "not UP");
                return;
            }
            Payloads p = new Payloads(run.random, run.a.i("customers", 300), run.runTag);
            // open the windows of the customers the agents will answer
            MetaSim meta = meta(run, List.of(a.url(), b.url()));
            long ts = Instant.now().getEpochSecond();
            for (int c = 0; c < p.customers.length; c++) {
                String w = p.nextWamid('O');
                meta.submit(p.inbound(c, w, ts), List.of(w));
            }
            meta.awaitAcked(60);
            try (Db d = new Db(run.jdbc(db))) {
                d.awaitInboundVisible(meta.allWamids(), 120);
                String[] tokens = {Http.login(a.url()), Http.login(b.url())};
                Random r = new Random(run.seed + 1);
                Thread load = background("load", () -> meta.drive(rate, duration, i -> inboundHook(p, r, 'T')));
                // agents send through both instances; a send without an answer is sent again with the same id
                List<String> taken = new CopyOnWriteArrayList<>();
                AtomicInteger agentRejected = new AtomicInteger();
                AtomicInteger agentResent = new AtomicInteger();
                Thread agents = background("agents", () -> {
                    int n = (int) (sendRate * duration);
                    long start = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        long due = start + (long) (i * 1e9 / sendRate);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                        String id = "two-" + run.runTag + "-" + i;
                        String body = "{\"to\":\"" + p.customers[i % p.customers.length] + "\",\"type\":\"text\",\"text\":{\"body\":\"Habari, "
                                + "this is your agent (" + i + ")\"},\"clientMessageId\":\"" + id + "\"}";
                        for (int k = 0; k < 6; k++) {
                            Service s = (i + k) % 2 == 0 ? a : b;
                            if (!s.alive()) {
                                s = s == a ? b : a;
                            }
                            Http.Response rs = Http.postJson(s.url() + "/api/messages/send", body, tokens[s == a ? 0 : 1], 20_000);
                            if (rs.code() == 202) {
                                taken.add(id);
                                break;
                            }
                            agentResent.incrementAndGet();
                            if (rs.code() != 0 && rs.code() < 500) {
                                agentRejected.incrementAndGet();
                                run.note("send " + id + " answered " + rs.code() + " " + rs.body());
                                break;
                            }
                            sleep(500);
                        }
                    }
                });
                sleep((long) (killAt * 1000));
                String ownerA = a.pid() + "@";
                String ownerB = b.pid() + "@";
                Map<String, Long> before = d.counts("select case when owner like '" + ownerA + "%' then 'A' when owner like '" + ownerB
                        + "%' then 'B' else coalesce(owner, 'none') end, count(*) from token_entry group by 1");
                run.figure("token_claims_before_kill", before);
                double killedAt = secs();
                a.kill9();
                // B must take over every segment of every processor
                double takeover = Double.NaN;
                Map<String, Long> after = Map.of();
                double end = secs() + run.a.d("takeover-timeout", 90);
                while (secs() < end) {
                    after = d.counts("select processor_name || '/' || segment, 1 from token_entry where owner is null or owner not like '" + ownerB + "%'");
                    if (after.isEmpty()) {
                        takeover = secs() - killedAt;
                        break;
                    }
                    sleep(500);
                }
                run.figure("kill_to_all_segments_on_B_s", round1(takeover));
                run.figure("segments", d.count("select count(*) from token_entry"));
                run.check("B took over every event-processor segment (token_entry owners)", !Double.isNaN(takeover),
                        Double.isNaN(takeover) ? "still not B's: " + after.keySet() : "all " + d.count("select count(*) from token_entry")
                                + " segments owned by B " + round1(takeover) + " s after the kill");
                join(load, duration + 300);
                join(agents, duration + 300);
                boolean allAcked = meta.awaitAcked(run.a.d("ack-timeout", 120));
                run.figure("meta", meta.stats());
                run.figure("answers_per_instance_after_kill", Map.of("A", codesFor(meta, 0, killedAt), "B", codesFor(meta, 1, killedAt)));
                run.check("Meta's resends got every webhook a 200 in the end", allAcked, meta.unacked() + " of " + meta.hooks.size() + " never got a 200");
                boolean visible = d.awaitInboundVisible(meta.ackedWamids(), run.a.d("visible-timeout", 120));
                run.check("the inbox caught up", visible, visible ? "all acknowledged messages visible" : "timed out");
                checkInbound(run, d, meta, "");
                // every queued outbound message (agents' and the bot's) reaches the stub exactly once
                end = secs() + 90;
                List<String> queued = List.of();
                while (secs() < end) {
                    queued = d.strings("select convert_from(payload, 'UTF8')::jsonb->>'messageId' from domain_event_entry "
                            + "where payload_type = 'ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued'");
                    if (queued.stream().allMatch(id -> stub.sendsOf(id) >= 1)) {
                        break;
                    }
                    sleep(1000);
                }
                sleep(3000);
                queued = d.strings("select convert_from(payload, 'UTF8')::jsonb->>'messageId' from domain_event_entry "
                        + "where payload_type = 'ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued'");
                Set<String> queuedSet = new HashSet<>(queued);
                long never = queuedSet.stream().filter(id -> stub.sendsOf(id) == 0).count();
                List<String> twice = queuedSet.stream().filter(id -> stub.sendsOf(id) > 1).sorted().toList();
                long agentMissing = taken.stream().filter(id -> !queuedSet.contains(id)).count();
                run.figure("outbound_messages_queued", queuedSet.size());
                run.figure("agent_messages_taken", taken.size());
                run.figure("agent_sends_repeated_after_no_answer", agentResent.get());
                run.figure("stub_sends_total", stub.totalSends());
                run.check("every agent message taken by the API was queued", agentMissing == 0 && agentRejected.get() == 0,
                        agentMissing + " of " + taken.size() + " missing, " + agentRejected.get() + " rejected");
                run.check("every queued message reached the Graph API", never == 0, never + " of " + queuedSet.size() + " never sent");
                run.check("no message sent to the Graph API twice (no duplicate side effects)", twice.isEmpty(),
                        twice.size() + " of " + queuedSet.size() + " sent more than once" + (twice.isEmpty() ? "" : " e.g. "
                                + twice.subList(0, Math.min(5, twice.size())) + " sends " + twice.stream().limit(5).map(stub::sendsOf).toList()));
                if (!twice.isEmpty()) {
                    for (String id : twice.subList(0, Math.min(3, twice.size()))) {
                        run.note("sent twice: " + id + " at " + stub.sends.get(id).stream().map(s -> round1(s.at() - killedAt) + "s").toList()
                                + " relative to the kill");
                    }
                }
            }
            meta.close();
            run.figure("error_lines_in_log_B", b.countLog(" ERROR "));
        }

        static Map<String, Integer> codesFor(MetaSim meta, int target, double from) {
            Map<String, Integer> c = new TreeMap<>();
            synchronized (meta.attempts) {
                for (Attempt at : meta.attempts) {
                    if (at.target() == target && at.at() >= from) {
                        c.merge(at.code() == 0 ? "no_answer" : String.valueOf(at.code()), 1, Integer::sum);
                    }
                }
            }
            return c;
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Minimal JSON writer
    // ------------------------------------------------------------------------------------------------------------

    static final class Json {
        static String scalar(Object o) {
            return o instanceof String s ? s : write(o).replace("\n", "").replaceAll(" +", "");
        }

        static String write(Object o) {
            StringBuilder sb = new StringBuilder();
            write(sb, o, 0);
            return sb.toString();
        }

        static void write(StringBuilder sb, Object o, int indent) {
            if (o == null) {
                sb.append("null");
            } else if (o instanceof Map<?, ?> map) {
                sb.append('{');
                int i = 0;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    sb.append(i++ == 0 ? "\n" : ",\n").append("  ".repeat(indent + 1));
                    string(sb, String.valueOf(e.getKey()));
                    sb.append(": ");
                    write(sb, e.getValue(), indent + 1);
                }
                sb.append(map.isEmpty() ? "}" : "\n" + "  ".repeat(indent) + "}");
            } else if (o instanceof List<?> list) {
                sb.append('[');
                int i = 0;
                for (Object x : list) {
                    sb.append(i++ == 0 ? "" : ", ");
                    write(sb, x, indent + 1);
                }
                sb.append(']');
            } else if (o instanceof Double d) {
                sb.append(d.isNaN() || d.isInfinite() ? "null" : String.valueOf(round1(d * 10) / 10));
            } else if (o instanceof Number || o instanceof Boolean) {
                sb.append(o);
            } else {
                string(sb, o.toString());
            }
        }

        static void string(StringBuilder sb, String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            sb.append('"');
        }
    }
}
