import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load driver for the WhatsApp webhook intake (POST /webhook/whatsapp), pure JDK 17, one file.
 *
 * Modes: ack (closed loop at several client counts), rate (open loop at a fixed rate), statuses
 * (Meta's 3x status rule mixed with inbound messages), e2e (sustained rate until the messages are
 * visible in timeline_message; needs the PostgreSQL JDBC driver on the class path) and selftest
 * (the driver against an in-process null server, to show the driver is not the bottleneck).
 *
 * Run: java [-cp postgresql.jar] bench/src/WebhookBench.java MODE [--option value ...]
 * See bench/README.md for every option.
 */
public class WebhookBench {

    static final String PATH = "/webhook/whatsapp";

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        if (args.mode.equals("help") || args.has("help")) {
            System.out.println(HELP);
            return;
        }
        Bench bench = new Bench(args);
        Map<String, Object> result;
        switch (args.mode) {
            case "ack" -> result = bench.ack();
            case "rate" -> result = bench.rate();
            case "statuses" -> result = bench.statuses();
            case "e2e" -> result = bench.e2e();
            case "selftest" -> result = bench.selftest();
            default -> throw new IllegalArgumentException("unknown mode " + args.mode + "\n" + HELP);
        }
        String summary = (String) result.get("summary");
        System.out.println(summary);
        String out = args.s("out", null);
        if (out != null) {
            Path path = Path.of(out);
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            Files.writeString(path, Json.write(result) + "\n");
            System.out.println("wrote " + path);
        }
        bench.close();
    }

    static final String HELP = """
            usage: java [-cp postgresql-<v>.jar] bench/src/WebhookBench.java MODE [options]
            modes:
              ack       closed loop: --clients 1,8,32,128 --requests 60000 (per level) --max-seconds 20 (per level)
              rate      open loop:   --rate R (webhooks/s) --duration 30 --clients 128 --send-grace 30
              statuses  3x rule:     --outbound 10000 --inbound-ratio 1.0 --batch-fraction 0.3 --max-batch 5 --clients 32
              e2e       sustained:   --rate R --duration 30 --clients 128 --sample-every 10 --poll-ms 25
                                     --visible-timeout 300 --drain-timeout 300 --send-grace 30
                                     --warmup-requests 3000 --warmup-seconds 30 --warmup-drain-timeout 90
                                     (needs --jdbc and the driver jar on -cp)
              selftest  the driver against an in-process null server: --clients 1,8,32,128 --requests 50000
            common:
              --url http://127.0.0.1:3000   --secret bench-secret   --client raw|jdk (default raw)
              --senders 5000 (pool of 2547xxxxxxxx numbers)   --seed 42
              --warmup-requests N --warmup-seconds S --warmup-clients 32: warm-up (not counted) until N requests
                or S seconds, whichever comes first (ack: 20000 / 120 s; rate, statuses: 5 s; e2e: 3000 / 30 s)
              --pause-seconds 2 (between levels)
              --jdbc jdbc:postgresql://127.0.0.1:5432/DB?user=postgres (inbox backlog, pg wait events, e2e)
              --service-pid PID (CPU split service/postgres/driver/other from /proc)
              --email admin@bench.local --password bench-password (e2e checks GET /api/conversations)
              --out result.json
            """;

    // ------------------------------------------------------------------------------------------
    // Arguments
    // ------------------------------------------------------------------------------------------

    static final class Args {
        final String mode;
        final Map<String, String> values = new HashMap<>();

        Args(String[] argv) {
            mode = argv.length == 0 ? "help" : argv[0];
            for (int i = 1; i < argv.length; i++) {
                String a = argv[i];
                if (!a.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument " + a);
                }
                String key = a.substring(2);
                int eq = key.indexOf('=');
                if (eq >= 0) {
                    values.put(key.substring(0, eq), key.substring(eq + 1));
                } else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
                    values.put(key, argv[++i]);
                } else {
                    values.put(key, "true");
                }
            }
        }

        boolean has(String k) {
            return values.containsKey(k);
        }

        String s(String k, String def) {
            return values.getOrDefault(k, def);
        }

        int i(String k, int def) {
            return values.containsKey(k) ? Integer.parseInt(values.get(k)) : def;
        }

        double d(String k, double def) {
            return values.containsKey(k) ? Double.parseDouble(values.get(k)) : def;
        }

        List<Integer> ints(String k, String def) {
            List<Integer> list = new ArrayList<>();
            for (String part : s(k, def).split("[,\\s]+")) {
                if (!part.isBlank()) {
                    list.add(Integer.parseInt(part.trim()));
                }
            }
            return list;
        }
    }

    // ------------------------------------------------------------------------------------------
    // Payloads: Meta's webhook format, compact JSON, non-ASCII written as backslash-u escapes
    // ------------------------------------------------------------------------------------------

    record Req(byte[] body, String signature, String wamid, int updates) {
    }

    static final class Payloads {
        static final String PHONE_NUMBER_ID = "110000000000001";
        static final String DISPLAY_NUMBER = "254700000001";
        static final String WABA_ID = "220000000000002";

        static final String[] FIRST = {"Wanjiku", "Otieno", "Achieng", "Kiprop", "Mwangi", "Njeri", "Mutua", "Chebet",
                "Wafula", "Akinyi", "Kamau", "Wambui", "Omondi", "Jeptoo", "Mumbua", "Kariuki", "Nafula", "Barasa",
                "Zo\\u00eb", "Ren\\u00e9e", "Halima", "Abdi", "Fatuma", "Kibet"};
        static final String[] LAST = {"Kamau", "Odhiambo", "Mwangi", "Cheruiyot", "Wekesa", "Njoroge", "Muthoni",
                "Ochieng", "Kiptoo", "Wairimu", "Mohamed", "Atieno", "Kilonzo", "Owino"};
        static final String[] EMOJI = {"\\ud83d\\ude00", "\\ud83d\\ude4f", "\\ud83d\\ude21", "\\u2764\\ufe0f",
                "\\ud83d\\udcf6", "\\ud83d\\udc4d", "\\ud83d\\ude2d", "\\ud83d\\udd25", "\\ud83c\\uddf0\\ud83c\\uddea",
                "\\ud83d\\ude0a"};
        static final String[] PHRASES = {
                "Habari, my internet has been down since morning and I work from home.",
                "Router light is blinking red, nimejaribu kuirestart mara mbili lakini bado.",
                "Please send me the M-Pesa paybill number for my account, I want to pay today.",
                "Asante sana for the quick help yesterday, everything is working now.",
                "Speed is very slow today, I am paying for 20 Mbps but getting less than 2.",
                "When will the technician come? I have been waiting since 10am in Kilimani.",
                "Nimelipa 2,999 via M-Pesa, confirmation code QK7XH2L9PD, please activate.",
                "The WiFi drops every evening around 8pm, can you check the line?",
                "My account number is DC-204118, the bill says I owe 5,998 but I paid.",
                "Tafadhali nisaidie, hakuna mtandao hapa Rongai tangu jana usiku.",
                "Can I upgrade to the 40 Mbps package without changing the router?",
                "Hello, is there an outage in Westlands? My neighbours also have no internet.",
                "I moved to a new house in Ruaka, how do I relocate my connection?",
                "The fibre cable outside was cut by road works on Ngong Road.",
                "Thank you! Internet ni poa sasa, you guys are the best.",
                "Please call me back on this number when you are free, ni urgent."};

        final String[] senders;
        final String[] names;
        final Random random;
        final String runTag;
        final long baseTimestamp = Instant.now().getEpochSecond();

        Payloads(long seed, int pool, String runTag) {
            this.random = new Random(seed);
            this.runTag = runTag;
            this.senders = new String[pool];
            this.names = new String[pool];
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < pool; i++) {
                String number;
                do {
                    number = "2547" + String.format("%08d", random.nextInt(100_000_000));
                } while (!seen.add(number));
                senders[i] = number;
                String name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
                if (random.nextInt(10) == 0) {
                    name = name + " " + EMOJI[random.nextInt(EMOJI.length)];
                }
                names[i] = name;
            }
        }

        /** A realistic, unique wamid: "wamid.HBgM" + base64 of the wa_id and a run/kind/sequence tag. */
        String wamid(String waId, char kind, long seq) {
            String tag = (runTag + kind + String.format("%023d", seq)).toUpperCase(Locale.ROOT);
            tag = tag.length() > 32 ? tag.substring(tag.length() - 32) : tag;
            byte[] head = {0x1c, 0x18, 0x0c};
            byte[] mid = {0x15, 0x02, 0x00, 0x12, 0x18, 0x20};
            byte[] id = waId.getBytes(StandardCharsets.US_ASCII);
            byte[] t = tag.getBytes(StandardCharsets.US_ASCII);
            byte[] all = new byte[head.length + id.length + mid.length + t.length + 1];
            int p = 0;
            for (byte[] part : new byte[][]{head, id, mid, t}) {
                System.arraycopy(part, 0, all, p, part.length);
                p += part.length;
            }
            return "wamid." + Base64.getEncoder().encodeToString(all);
        }

        String envelope(String value) {
            return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + WABA_ID + "\",\"changes\":[{\"value\":"
                    + value + ",\"field\":\"messages\"}]}]}";
        }

        String metadata() {
            return "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"" + DISPLAY_NUMBER
                    + "\",\"phone_number_id\":\"" + PHONE_NUMBER_ID + "\"}";
        }

        /** One inbound text message; the whole body is 700-1,000 bytes. */
        String inbound(int sender, String wamid, long timestamp) {
            String waId = senders[sender];
            String context = random.nextInt(10) == 0
                    ? ",\"context\":{\"from\":\"" + DISPLAY_NUMBER + "\",\"id\":\"" + wamid(waId, 'C', random.nextInt(1_000_000)) + "\"}"
                    : "";
            String before = "{" + metadata() + ",\"contacts\":[{\"profile\":{\"name\":\"" + names[sender] + "\"},\"wa_id\":\""
                    + waId + "\"}],\"messages\":[{" + (context.isEmpty() ? "" : context.substring(1) + ",") + "\"from\":\"" + waId
                    + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" + timestamp + "\",\"text\":{\"body\":\"";
            String after = "\"},\"type\":\"text\"}]}";
            int fixed = envelope(before + after).length();
            int target = 700 + random.nextInt(181);
            StringBuilder text = new StringBuilder();
            while (fixed + text.length() < target) {
                if (text.length() > 0) {
                    text.append(' ');
                }
                text.append(PHRASES[random.nextInt(PHRASES.length)]);
                if (random.nextInt(3) == 0) {
                    text.append(' ').append(EMOJI[random.nextInt(EMOJI.length)]);
                }
            }
            if (text.indexOf("\\u") < 0) {
                text.append(' ').append(EMOJI[random.nextInt(EMOJI.length)]);
            }
            return envelope(before + text + after);
        }

        String status(String wamid, String recipient, String status, long timestamp) {
            String pricing = status.equals("read") ? ""
                    : ",\"pricing\":{\"billable\":false,\"pricing_model\":\"PMP\",\"type\":\"free_customer_service\",\"category\":\"service\"}";
            return "{\"id\":\"" + wamid + "\",\"status\":\"" + status + "\",\"timestamp\":\"" + timestamp
                    + "\",\"recipient_id\":\"" + recipient + "\"" + pricing + "}";
        }

        String statuses(List<String> items) {
            return envelope("{" + metadata() + ",\"statuses\":[" + String.join(",", items) + "]}");
        }
    }

    static final class Signer {
        private final Mac mac;

        Signer(String secret) {
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        String sign(byte[] body) {
            return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
        }
    }

    // ------------------------------------------------------------------------------------------
    // HTTP clients: raw keep-alive sockets (default) or java.net.http.HttpClient over HTTP/1.1
    // ------------------------------------------------------------------------------------------

    interface Client extends Closeable {
        /** Sends and reads the whole answer; returns the HTTP status. */
        int post(Req req) throws IOException;

        default void connect() throws IOException {
        }

        default long reconnects() {
            return 0;
        }

        @Override
        void close();
    }

    /** One persistent HTTP/1.1 connection per sender thread; reconnects when the server closes it. */
    static final class RawClient implements Client {
        private final String host;
        private final int port;
        private final byte[] head;
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private int served;
        private long reconnects;
        private byte[] send = new byte[4096];
        private final byte[] buf = new byte[16384];
        private int pos;
        private int lim;

        RawClient(URI base) {
            host = base.getHost();
            port = base.getPort() < 0 ? 80 : base.getPort();
            head = ("POST " + PATH + " HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nUser-Agent: facebookexternalua\r\nAccept: */*\r\nContent-Type: application/json\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public void connect() throws IOException {
            if (socket == null) {
                Socket s = new Socket();
                s.setTcpNoDelay(true);
                s.setSoTimeout(30_000);
                s.connect(new InetSocketAddress(host, port), 5_000);
                socket = s;
                in = s.getInputStream();
                out = s.getOutputStream();
                served = 0;
                pos = lim = 0;
            }
        }

        @Override
        public long reconnects() {
            return reconnects;
        }

        @Override
        public int post(Req req) throws IOException {
            boolean reused = socket != null && served > 0;
            try {
                return once(req);
            } catch (IOException e) {
                close();
                if (reused && gotNothing) {
                    reconnects++;
                    return once(req);
                }
                throw e;
            }
        }

        private boolean gotNothing;

        private int once(Req req) throws IOException {
            connect();
            gotNothing = true;
            byte[] extra = ("X-Hub-Signature-256: " + req.signature() + "\r\nContent-Length: " + req.body().length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            int n = head.length + extra.length + req.body().length;
            if (send.length < n) {
                send = new byte[Math.max(n, send.length * 2)];
            }
            System.arraycopy(head, 0, send, 0, head.length);
            System.arraycopy(extra, 0, send, head.length, extra.length);
            System.arraycopy(req.body(), 0, send, head.length + extra.length, req.body().length);
            out.write(send, 0, n);
            out.flush();
            String statusLine = line();
            gotNothing = false;
            if (!statusLine.startsWith("HTTP/1.")) {
                throw new IOException("bad status line: " + statusLine);
            }
            int code = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean closeAfter = statusLine.startsWith("HTTP/1.0");
            for (String h = line(); !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                    default -> {
                    }
                }
            }
            if (chunked) {
                while (true) {
                    String size = line();
                    int semi = size.indexOf(';');
                    long chunk = Long.parseLong((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
                    if (chunk == 0) {
                        for (String t = line(); !t.isEmpty(); t = line()) {
                            // trailers
                        }
                        break;
                    }
                    skip(chunk);
                    line();
                }
            } else if (length >= 0) {
                skip(length);
            } else if (code >= 200 && code != 204 && code != 304) {
                while (fill()) {
                    pos = lim;
                }
                closeAfter = true;
            }
            served++;
            if (closeAfter) {
                close();
            }
            return code;
        }

        private boolean fill() throws IOException {
            if (pos < lim) {
                return true;
            }
            int r = in.read(buf, 0, buf.length);
            if (r <= 0) {
                return false;
            }
            pos = 0;
            lim = r;
            return true;
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder(64);
            while (true) {
                if (!fill()) {
                    throw new EOFException("connection closed by the server");
                }
                byte b = buf[pos++];
                if (b == '\n') {
                    int len = sb.length();
                    if (len > 0 && sb.charAt(len - 1) == '\r') {
                        sb.setLength(len - 1);
                    }
                    return sb.toString();
                }
                sb.append((char) (b & 0xff));
            }
        }

        private void skip(long n) throws IOException {
            while (n > 0) {
                if (!fill()) {
                    throw new EOFException("connection closed in the body");
                }
                int take = (int) Math.min(n, lim - pos);
                pos += take;
                n -= take;
            }
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            socket = null;
            in = null;
            out = null;
        }
    }

    /** java.net.http.HttpClient, HTTP/1.1; one shared client, one connection per concurrent request. */
    static final class JdkClient implements Client {
        private static volatile HttpClient shared;
        private final URI uri;

        JdkClient(URI base) {
            uri = base.resolve(PATH);
            if (shared == null) {
                synchronized (JdkClient.class) {
                    if (shared == null) {
                        shared = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                                .connectTimeout(Duration.ofSeconds(5)).build();
                    }
                }
            }
        }

        @Override
        public int post(Req req) throws IOException {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "facebookexternalua")
                    .header("X-Hub-Signature-256", req.signature())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(req.body())).build();
            try {
                return shared.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        @Override
        public void close() {
        }
    }

    /** A null webhook server (thread per connection, checks every signature) for the selftest. */
    static final class Sink implements Closeable {
        final ServerSocket server;
        final AtomicLong requests = new AtomicLong();
        final AtomicLong badSignatures = new AtomicLong();
        final AtomicLong withEscapes = new AtomicLong();
        private final String secret;
        private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());

        Sink(String secret) throws IOException {
            this.secret = secret;
            server = new ServerSocket();
            server.bind(new InetSocketAddress("127.0.0.1", 0), 512);
            Thread acceptor = new Thread(this::accept, "sink-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    s.setTcpNoDelay(true);
                    open.add(s);
                    Thread t = new Thread(() -> serve(s), "sink-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket s) {
            Signer signer = new Signer(secret);
            byte[] answer = "HTTP/1.1 200 \r\nContent-Type: application/json\r\nContent-Length: 21\r\n\r\n{\"status\":\"received\"}"
                    .getBytes(StandardCharsets.US_ASCII);
            try (s; InputStream in = new java.io.BufferedInputStream(s.getInputStream(), 16384);
                 OutputStream out = s.getOutputStream()) {
                while (true) {
                    String requestLine = readLine(in);
                    if (requestLine == null) {
                        return;
                    }
                    int length = 0;
                    String signature = null;
                    for (String h = readLine(in); h != null && !h.isEmpty(); h = readLine(in)) {
                        int colon = h.indexOf(':');
                        String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                        if (name.equals("content-length")) {
                            length = Integer.parseInt(h.substring(colon + 1).trim());
                        } else if (name.equals("x-hub-signature-256")) {
                            signature = h.substring(colon + 1).trim();
                        }
                    }
                    byte[] body = in.readNBytes(length);
                    if (signature == null || !signature.equals(signer.sign(body))) {
                        badSignatures.incrementAndGet();
                    }
                    if (new String(body, StandardCharsets.US_ASCII).contains("\\ud83")) {
                        withEscapes.incrementAndGet();
                    }
                    requests.incrementAndGet();
                    out.write(answer);
                    out.flush();
                }
            } catch (IOException e) {
                // client went away
            }
        }

        private static String readLine(InputStream in) throws IOException {
            StringBuilder sb = new StringBuilder();
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    int len = sb.length();
                    if (len > 0 && sb.charAt(len - 1) == '\r') {
                        sb.setLength(len - 1);
                    }
                    return sb.toString();
                }
                sb.append((char) c);
            }
            return sb.length() == 0 ? null : sb.toString();
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (open) {
                for (Socket s : open) {
                    s.close();
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Measurement
    // ------------------------------------------------------------------------------------------

    /** Per-thread record of latencies and outcomes; merged after a level. */
    static final class Rec {
        long[] latency = new long[4096];
        long[] service = new long[0];
        int n;
        long ok;
        long non200;
        long ioErrors;
        long late;
        long updates;
        long lastEnd;
        final Map<Integer, Long> codes = new TreeMap<>();
        String firstError;

        void add(long latencyNanos, long serviceNanos, boolean keepService) {
            if (n == latency.length) {
                latency = Arrays.copyOf(latency, n * 2);
            }
            latency[n] = latencyNanos;
            if (keepService) {
                if (service.length <= n) {
                    service = Arrays.copyOf(service, Math.max(4096, latency.length));
                }
                service[n] = serviceNanos;
            }
            n++;
        }
    }

    static final class Stats {
        final double p50;
        final double p90;
        final double p99;
        final double p999;
        final double max;
        final double mean;
        final long count;

        Stats(long[] values, int n) {
            long[] v = Arrays.copyOf(values, n);
            Arrays.sort(v);
            count = n;
            p50 = ms(pct(v, 0.50));
            p90 = ms(pct(v, 0.90));
            p99 = ms(pct(v, 0.99));
            p999 = ms(pct(v, 0.999));
            max = n == 0 ? Double.NaN : ms(v[n - 1]);
            double sum = 0;
            for (long x : v) {
                sum += x;
            }
            mean = n == 0 ? Double.NaN : ms((long) (sum / n));
        }

        static long pct(long[] sorted, double p) {
            if (sorted.length == 0) {
                return Long.MIN_VALUE;
            }
            int idx = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
        }

        static double ms(long nanos) {
            return nanos == Long.MIN_VALUE ? Double.NaN : nanos / 1e6;
        }

        Map<String, Object> map() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("count", count);
            m.put("p50", p50);
            m.put("p90", p90);
            m.put("p99", p99);
            m.put("p999", p999);
            m.put("max", max);
            m.put("mean", mean);
            return m;
        }
    }

    /** CPU split from /proc: the whole machine, the service JVM, all postgres processes, this driver. */
    static final class Cpu {
        record Snap(long nanos, long total, long idle, long service, long postgres, long self) {
        }

        final long servicePid;
        final int ncpu = Runtime.getRuntime().availableProcessors();
        static final double HZ = 100.0;

        Cpu(long servicePid) {
            this.servicePid = servicePid;
        }

        Snap snap() {
            long total = 0;
            long idle = 0;
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                for (int i = 1; i < Math.min(f.length, 9); i++) {
                    total += Long.parseLong(f[i]);
                }
                idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            } catch (Exception ignored) {
                // not Linux: no CPU split
            }
            long service = servicePid > 0 ? procTicks(servicePid, false) : 0;
            long self = procTicks(ProcessHandle.current().pid(), false);
            return new Snap(System.nanoTime(), total, idle, service, postgresTicks(), self);
        }

        /** utime+stime (and with children, cutime+cstime) of a process, in clock ticks. */
        static long procTicks(long pid, boolean children) {
            String[] f = statFields(pid);
            if (f == null) {
                return 0;
            }
            long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (children) {
                t += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
            return t;
        }

        /** Fields after the command name: index 0 is the state (field 3 of proc(5)). */
        static String[] statFields(long pid) {
            try {
                String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
                return s.substring(s.lastIndexOf(')') + 2).trim().split("\\s+");
            } catch (Exception e) {
                return null;
            }
        }

        static String comm(long pid) {
            try {
                String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
                return s.substring(s.indexOf('(') + 1, s.lastIndexOf(')'));
            } catch (Exception e) {
                return "";
            }
        }

        /** All live postgres processes, plus the reaped ones through the postmaster's children time. */
        static long postgresTicks() {
            long sum = 0;
            try (var dirs = Files.list(Path.of("/proc"))) {
                for (Path p : (Iterable<Path>) dirs::iterator) {
                    String name = p.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    long pid = Long.parseLong(name);
                    if (!comm(pid).equals("postgres")) {
                        continue;
                    }
                    String[] f = statFields(pid);
                    if (f == null) {
                        continue;
                    }
                    long ppid = Long.parseLong(f[1]);
                    boolean postmaster = !comm(ppid).equals("postgres");
                    sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    if (postmaster) {
                        sum += Long.parseLong(f[13]) + Long.parseLong(f[14]);
                    }
                }
            } catch (Exception ignored) {
                // no /proc
            }
            return sum;
        }

        Map<String, Object> between(Snap a, Snap b) {
            Map<String, Object> m = new LinkedHashMap<>();
            double secs = (b.nanos() - a.nanos()) / 1e9;
            if (secs <= 0 || b.total() == a.total()) {
                return m;
            }
            double totalTicks = b.total() - a.total();
            double busy = ncpu * (totalTicks - (b.idle() - a.idle())) / totalTicks;
            double service = (b.service() - a.service()) / HZ / secs;
            double postgres = (b.postgres() - a.postgres()) / HZ / secs;
            double self = (b.self() - a.self()) / HZ / secs;
            m.put("cpus", ncpu);
            m.put("machine_busy_cores", busy);
            if (servicePid > 0) {
                m.put("service_cores", service);
            }
            m.put("postgres_cores", postgres);
            m.put("driver_cores", self);
            m.put("other_cores", Math.max(0, busy - service - postgres - self));
            m.put("loadavg", loadavg());
            return m;
        }

        static String loadavg() {
            try {
                String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
                return f[0] + " " + f[1] + " " + f[2];
            } catch (Exception e) {
                return "";
            }
        }
    }

    /** Samples pg_stat_activity of the benchmark database while a level runs. */
    static final class WaitSampler implements Closeable {
        private final Connection connection;
        private final Map<String, Long> counts = new TreeMap<>();
        private long samples;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        WaitSampler(Connection connection) {
            this.connection = connection;
            thread = new Thread(this::loop, "pg-wait-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private void loop() {
            String sql = "select coalesce(wait_event_type, 'CPU') || ':' || coalesce(wait_event, 'running') || ' ('"
                    + " || state || ')', count(*) from pg_stat_activity where datname = current_database()"
                    + " and pid <> pg_backend_pid() and state is not null and state <> 'idle' group by 1";
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                while (running.get()) {
                    try (ResultSet rs = ps.executeQuery()) {
                        synchronized (counts) {
                            while (rs.next()) {
                                counts.merge(rs.getString(1), rs.getLong(2), Long::sum);
                            }
                            samples++;
                        }
                    }
                    Thread.sleep(100);
                }
            } catch (Exception e) {
                // sampling is best effort
            }
        }

        /** Average number of backends in each state over the samples, busiest first. */
        Map<String, Object> result() {
            running.set(false);
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Map<String, Object> m = new LinkedHashMap<>();
            synchronized (counts) {
                if (samples == 0) {
                    return m;
                }
                long n = samples;
                counts.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).limit(8)
                        .forEach(e -> m.put(e.getKey(), Math.round(e.getValue() * 100.0 / n) / 100.0));
            }
            return m;
        }

        @Override
        public void close() {
            running.set(false);
        }
    }

    /** The result of one load level. */
    static final class Level {
        String name;
        int clients;
        double targetRate = Double.NaN;
        long sent;
        long ok;
        long non200;
        long ioErrors;
        long late;
        long updates;
        long reconnects;
        long unsent;
        double seconds;
        double rate;
        Stats latency;
        Stats service;
        Map<Integer, Long> codes = new TreeMap<>();
        Map<String, Object> cpu = new LinkedHashMap<>();
        Map<String, Object> waits = new LinkedHashMap<>();
        Long backlogBefore;
        Long backlogAfter;
        String firstError;

        Map<String, Object> map() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("clients", clients);
            if (!Double.isNaN(targetRate)) {
                m.put("target_rate", targetRate);
            }
            m.put("requests", sent);
            m.put("ok", ok);
            m.put("non200", non200);
            m.put("io_errors", ioErrors);
            m.put("status_codes", codes);
            m.put("seconds", seconds);
            m.put("rate", rate);
            m.put("updates", updates);
            m.put("updates_per_s", seconds > 0 ? updates / seconds : 0);
            m.put("latency_ms", latency.map());
            if (service != null) {
                m.put("service_time_ms", service.map());
                m.put("late_sends_over_5ms", late);
                m.put("unsent_after_grace", unsent);
            }
            m.put("reconnects", reconnects);
            m.put("cpu", cpu);
            if (!waits.isEmpty()) {
                m.put("pg_active_backends", waits);
            }
            if (backlogBefore != null) {
                m.put("inbox_pending_before", backlogBefore);
                m.put("inbox_pending_after", backlogAfter);
            }
            if (firstError != null) {
                m.put("first_error", firstError);
            }
            return m;
        }
    }

    // ------------------------------------------------------------------------------------------
    // The benchmark
    // ------------------------------------------------------------------------------------------

    static final class Bench implements Closeable {
        final Args args;
        final URI base;
        final String secret;
        final String clientKind;
        final Payloads payloads;
        final Signer signer;
        final Cpu cpu;
        final String jdbcUrl;
        Connection db;
        Connection waitDb;
        long seq;
        final String runTag;

        Bench(Args args) throws Exception {
            this.args = args;
            this.base = URI.create(args.s("url", "http://127.0.0.1:3000"));
            if (!"127.0.0.1".equals(base.getHost()) && !"localhost".equals(base.getHost()) && !args.has("allow-remote")) {
                throw new IllegalArgumentException("traffic goes only to 127.0.0.1 (use --allow-remote to override)");
            }
            this.secret = args.s("secret", "bench-secret");
            this.clientKind = args.s("client", "raw");
            this.runTag = Long.toHexString(System.currentTimeMillis() / 1000).toUpperCase(Locale.ROOT);
            this.payloads = new Payloads(args.i("seed", 42), args.i("senders", 5000), runTag);
            this.signer = new Signer(secret);
            this.cpu = new Cpu(Long.parseLong(args.s("service-pid", "0")));
            this.jdbcUrl = args.s("jdbc", null);
            if (jdbcUrl != null) {
                db = DriverManager.getConnection(jdbcUrl);
                db.setAutoCommit(true);
                waitDb = DriverManager.getConnection(jdbcUrl);
                waitDb.setAutoCommit(true);
            }
        }

        Client newClient(URI target) {
            return clientKind.equals("jdk") ? new JdkClient(target) : new RawClient(target);
        }

        Req req(String body, String wamid, int updates) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            return new Req(bytes, signer.sign(bytes), wamid, updates);
        }

        /** n single-message inbound webhooks with distinct wamids, senders drawn from the pool. */
        List<Req> inbound(int n, char kind) {
            List<Req> list = new ArrayList<>(n);
            long ts = Instant.now().getEpochSecond();
            for (int i = 0; i < n; i++) {
                int sender = payloads.random.nextInt(payloads.senders.length);
                String wamid = payloads.wamid(payloads.senders[sender], kind, seq++);
                list.add(req(payloads.inbound(sender, wamid, ts + i / 1000), wamid, 1));
            }
            return list;
        }

        Long backlog() {
            if (db == null) {
                return null;
            }
            try (Statement st = db.createStatement();
                 ResultSet rs = st.executeQuery("select count(*) from webhook_inbox where processed_at is null and not parked")) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                return -1L;
            }
        }

        static void header(String title) {
            System.out.println();
            System.out.println("== " + title);
            System.out.printf("%-10s %7s %8s %7s %10s %8s %8s %8s %9s %7s %8s %s%n", "level", "clients", "requests", "secs",
                    "webhooks/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "non200", "drv cpu", "service/pg/other cores");
        }

        static void row(Level l) {
            Object svc = l.cpu.getOrDefault("service_cores", Double.NaN);
            System.out.printf(Locale.ROOT, "%-10s %7d %8d %7.1f %10.0f %8.2f %8.2f %8.2f %9.2f %7d %8.2f %s/%s/%s%s%n",
                    l.name, l.clients, l.sent, l.seconds, l.rate, l.latency.p50, l.latency.p90, l.latency.p99,
                    l.latency.max, l.non200 + l.ioErrors, num(l.cpu.get("driver_cores")), fmt(svc),
                    fmt(l.cpu.get("postgres_cores")), fmt(l.cpu.get("other_cores")),
                    l.backlogAfter != null ? "  inbox pending " + l.backlogAfter : "");
        }

        static double num(Object o) {
            return o instanceof Number n ? n.doubleValue() : Double.NaN;
        }

        static String fmt(Object o) {
            return String.format(Locale.ROOT, "%.2f", num(o));
        }

        Level measure(String name, int clients, Runnable body, Level level) {
            level.name = name;
            level.clients = clients;
            level.backlogBefore = backlog();
            WaitSampler sampler = waitDb != null ? new WaitSampler(waitDb) : null;
            Cpu.Snap a = cpu.snap();
            body.run();
            Cpu.Snap b = cpu.snap();
            level.cpu = cpu.between(a, b);
            if (sampler != null) {
                level.waits = sampler.result();
            }
            level.backlogAfter = backlog();
            return level;
        }

        /** Closed loop: each of the clients sends its next request as soon as the previous one is answered. */
        Level closed(String name, List<Req> reqs, int clients, double maxSeconds, URI target) {
            Level level = new Level();
            return measure(name, clients, () -> runClosed(level, reqs, clients, maxSeconds, target), level);
        }

        void runClosed(Level level, List<Req> reqs, int clients, double maxSeconds, URI target) {
            AtomicInteger next = new AtomicInteger();
            CountDownLatch ready = new CountDownLatch(clients);
            CountDownLatch go = new CountDownLatch(1);
            Rec[] recs = new Rec[clients];
            Client[] cls = new Client[clients];
            long[] start = new long[1];
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < clients; t++) {
                int id = t;
                recs[t] = new Rec();
                cls[t] = newClient(target);
                Thread thread = new Thread(() -> {
                    Rec rec = recs[id];
                    Client client = cls[id];
                    try {
                        client.connect();
                    } catch (IOException e) {
                        rec.firstError = e.toString();
                    }
                    ready.countDown();
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    long deadline = start[0] + (long) (maxSeconds * 1e9);
                    int i;
                    while (System.nanoTime() < deadline && (i = next.getAndIncrement()) < reqs.size()) {
                        Req r = reqs.get(i);
                        long t0 = System.nanoTime();
                        int code;
                        try {
                            code = client.post(r);
                        } catch (IOException e) {
                            code = -1;
                            if (rec.firstError == null) {
                                rec.firstError = e.toString();
                            }
                        }
                        long t1 = System.nanoTime();
                        outcome(rec, code, r);
                        rec.add(t1 - t0, 0, false);
                        rec.lastEnd = t1;
                    }
                    client.close();
                }, "sender-" + t);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
            await(ready, 30);
            start[0] = System.nanoTime();
            go.countDown();
            joinAll(threads, maxSeconds + 60);
            merge(level, recs, start[0], cls, false);
        }

        /** Open loop: request i is due at start + i/rate whatever happened before; latency counts from that time. */
        Level open(String name, List<Req> reqs, double rate, int clients, URI target, long[] ackAt, IntSink onOk) {
            Level level = new Level();
            level.targetRate = rate;
            return measure(name, clients, () -> runOpen(level, reqs, rate, clients, target, ackAt, onOk), level);
        }

        interface IntSink {
            void accept(int i);
        }

        long openStart;

        void runOpen(Level level, List<Req> reqs, double rate, int clients, URI target, long[] ackAt, IntSink onOk) {
            AtomicInteger next = new AtomicInteger();
            CountDownLatch ready = new CountDownLatch(clients);
            Rec[] recs = new Rec[clients];
            Client[] cls = new Client[clients];
            double period = 1e9 / rate;
            double grace = args.d("send-grace", 30);
            long[] start = new long[1];
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < clients; t++) {
                int id = t;
                recs[t] = new Rec();
                cls[t] = newClient(target);
                Thread thread = new Thread(() -> {
                    Rec rec = recs[id];
                    Client client = cls[id];
                    try {
                        client.connect();
                    } catch (IOException e) {
                        rec.firstError = e.toString();
                    }
                    ready.countDown();
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    int i;
                    long stopAt = start[0] + (long) ((reqs.size() / rate + grace) * 1e9);
                    while ((i = next.getAndIncrement()) < reqs.size()) {
                        if (System.nanoTime() > stopAt) {
                            break;
                        }
                        long due = start[0] + (long) (i * period);
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                            LockSupport.parkNanos(wait);
                        }
                        Req r = reqs.get(i);
                        long t0 = System.nanoTime();
                        if (t0 - due > 5_000_000) {
                            rec.late++;
                        }
                        int code;
                        try {
                            code = client.post(r);
                        } catch (IOException e) {
                            code = -1;
                            if (rec.firstError == null) {
                                rec.firstError = e.toString();
                            }
                        }
                        long t1 = System.nanoTime();
                        if (ackAt != null) {
                            ackAt[i] = t1;
                        }
                        outcome(rec, code, r);
                        if (code == 200 && onOk != null) {
                            onOk.accept(i);
                        }
                        rec.add(t1 - due, t1 - t0, true);
                        rec.lastEnd = t1;
                    }
                    client.close();
                }, "sender-" + t);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
            await(ready, 30);
            start[0] = System.nanoTime() + 50_000_000L;
            openStart = start[0];
            go.countDown();
            joinAll(threads, reqs.size() / rate + grace + 45);
            merge(level, recs, start[0], cls, true);
            level.unsent = reqs.size() - level.sent;
        }

        static void outcome(Rec rec, int code, Req r) {
            rec.codes.merge(code, 1L, Long::sum);
            if (code == 200) {
                rec.ok++;
                rec.updates += r.updates();
            } else if (code < 0) {
                rec.ioErrors++;
            } else {
                rec.non200++;
            }
        }

        static void merge(Level level, Rec[] recs, long start, Client[] cls, boolean open) {
            int total = 0;
            long end = start;
            for (Rec r : recs) {
                total += r.n;
                end = Math.max(end, r.lastEnd);
            }
            long[] all = new long[total];
            long[] svc = open ? new long[total] : null;
            int p = 0;
            for (Rec r : recs) {
                System.arraycopy(r.latency, 0, all, p, r.n);
                if (open && r.n > 0) {
                    System.arraycopy(r.service, 0, svc, p, r.n);
                }
                p += r.n;
                level.ok += r.ok;
                level.non200 += r.non200;
                level.ioErrors += r.ioErrors;
                level.late += r.late;
                level.updates += r.updates;
                r.codes.forEach((k, v) -> level.codes.merge(k, v, Long::sum));
                if (level.firstError == null && r.firstError != null) {
                    level.firstError = r.firstError;
                }
            }
            for (Client c : cls) {
                level.reconnects += c.reconnects();
            }
            level.sent = total;
            level.seconds = (end - start) / 1e9;
            level.rate = level.seconds > 0 ? level.ok / level.seconds : 0;
            level.latency = new Stats(all, total);
            if (open) {
                level.service = new Stats(svc, total);
            }
        }

        static void await(CountDownLatch latch, int seconds) {
            try {
                if (!latch.await(seconds, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("senders could not connect within " + seconds + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static void joinAll(List<Thread> threads, double seconds) {
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            for (Thread t : threads) {
                try {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left > 0) {
                        t.join(left);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** Warm-up: closed loop, not counted. */
        void warmup(double seconds, int clients) {
            if (seconds <= 0) {
                return;
            }
            int max = args.i("warmup-requests", args.mode.equals("ack") ? 20_000 : (int) Math.min(200_000, seconds * 8_000));
            System.out.printf(Locale.ROOT, "warm-up: %d clients, up to %.0f s / %d requests (not counted)%n", clients, seconds, max);
            Level l = closed("warmup", inbound(max, 'W'), clients, seconds, base);
            System.out.printf(Locale.ROOT, "warm-up done: %d requests in %.1f s (%.0f/s, p50 %.2f ms, non-200 %d)%n",
                    l.sent, l.seconds, l.rate, l.latency.p50, l.non200 + l.ioErrors);
        }

        void pause() {
            sleep((long) (args.d("pause-seconds", 2) * 1000));
        }

        static void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        Map<String, Object> common(String mode) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mode", mode);
            m.put("url", base.resolve(PATH).toString());
            m.put("client", clientKind.equals("jdk") ? "java.net.http.HttpClient HTTP/1.1" : "raw keep-alive sockets HTTP/1.1");
            m.put("started_at", Instant.now().toString());
            m.put("args", new TreeMap<>(args.values));
            return m;
        }

        static Map<String, Object> bodySizes(List<Req> reqs) {
            long min = Long.MAX_VALUE;
            long max = 0;
            long sum = 0;
            for (Req r : reqs) {
                min = Math.min(min, r.body().length);
                max = Math.max(max, r.body().length);
                sum += r.body().length;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("min", reqs.isEmpty() ? 0 : min);
            m.put("avg", reqs.isEmpty() ? 0 : sum / reqs.size());
            m.put("max", max);
            return m;
        }

        // ---- ack --------------------------------------------------------------------------------

        Map<String, Object> ack() {
            List<Integer> levels = args.ints("clients", "1,8,32,128");
            int n = args.i("requests", 60_000);
            double maxSeconds = args.d("max-seconds", 20);
            Map<String, Object> result = common("ack");
            warmup(args.d("warmup-seconds", 120), args.i("warmup-clients", 32));
            pause();
            header("ack: closed loop, " + n + " single-message webhooks per level (at most " + maxSeconds + " s)");
            List<Map<String, Object>> out = new ArrayList<>();
            StringBuilder summary = new StringBuilder("SUMMARY ack");
            Map<String, Object> sizes = null;
            for (int c : levels) {
                List<Req> reqs = inbound(n, 'A');
                if (sizes == null) {
                    sizes = bodySizes(reqs);
                }
                Level l = closed("c" + c, reqs, c, maxSeconds, base);
                row(l);
                out.add(l.map());
                summary.append(String.format(Locale.ROOT, " c%d=%.0f/s,p50=%.1fms,p99=%.1fms,max=%.0fms,non200=%d", c, l.rate,
                        l.latency.p50, l.latency.p99, l.latency.max, l.non200 + l.ioErrors));
                pause();
            }
            result.put("body_bytes", sizes);
            result.put("levels", out);
            result.put("summary", summary.toString());
            return result;
        }

        // ---- rate -------------------------------------------------------------------------------

        Map<String, Object> rate() {
            double rate = args.d("rate", Double.NaN);
            if (Double.isNaN(rate) || rate <= 0) {
                throw new IllegalArgumentException("rate needs --rate R (webhooks per second)");
            }
            double duration = args.d("duration", 30);
            int clients = args.i("clients", 128);
            int n = (int) Math.round(rate * duration);
            if (n > 1_000_000) {
                throw new IllegalArgumentException("rate x duration is limited to 1,000,000 requests");
            }
            Map<String, Object> result = common("rate");
            warmup(args.d("warmup-seconds", 5), args.i("warmup-clients", 32));
            pause();
            List<Req> reqs = inbound(n, 'R');
            header(String.format(Locale.ROOT, "rate: open loop at %.0f webhooks/s for %.0f s with %d senders (latency from the scheduled send time)",
                    rate, duration, clients));
            Level l = open("rate", reqs, rate, clients, base, null, null);
            row(l);
            System.out.printf(Locale.ROOT, "service time (from the actual send): p50 %.2f ms, p99 %.2f ms, max %.2f ms; late sends (>5 ms) %d; not sent within duration + grace %d%n",
                    l.service.p50, l.service.p99, l.service.max, l.late, l.unsent);
            result.put("body_bytes", bodySizes(reqs));
            result.put("levels", List.of(l.map()));
            result.put("summary", String.format(Locale.ROOT,
                    "SUMMARY rate target=%.0f/s achieved=%.0f/s clients=%d p50=%.1fms p99=%.1fms max=%.0fms non200=%d late=%d unsent=%d",
                    rate, l.rate, clients, l.latency.p50, l.latency.p99, l.latency.max, l.non200 + l.ioErrors, l.late, l.unsent));
            return result;
        }

        // ---- statuses ---------------------------------------------------------------------------

        Map<String, Object> statuses() {
            int outbound = args.i("outbound", 10_000);
            double inboundRatio = args.d("inbound-ratio", 1.0);
            double batchFraction = args.d("batch-fraction", 0.3);
            int maxBatch = Math.max(2, args.i("max-batch", 5));
            int clients = args.i("clients", 32);
            double maxSeconds = args.d("max-seconds", 120);
            Random random = payloads.random;
            long ts = Instant.now().getEpochSecond();
            List<String> items = new ArrayList<>(outbound * 3);
            for (int j = 0; j < outbound; j++) {
                String recipient = payloads.senders[random.nextInt(payloads.senders.length)];
                String wamid = payloads.wamid(recipient, 'O', seq++);
                items.add(payloads.status(wamid, recipient, "sent", ts));
                items.add(payloads.status(wamid, recipient, "delivered", ts + 2));
                items.add(payloads.status(wamid, recipient, "read", ts + 5));
            }
            Collections.shuffle(items, random);
            List<Req> reqs = new ArrayList<>();
            int batched = 0;
            for (int i = 0; i < items.size(); ) {
                int size = 1;
                if (random.nextDouble() < batchFraction) {
                    size = Math.min(items.size() - i, 2 + random.nextInt(maxBatch - 1));
                }
                if (size > 1) {
                    batched++;
                }
                reqs.add(req(payloads.statuses(items.subList(i, i + size)), null, size));
                i += size;
            }
            int statusWebhooks = reqs.size();
            reqs.addAll(inbound((int) Math.round(outbound * inboundRatio), 'S'));
            Collections.shuffle(reqs, random);
            Map<String, Object> result = common("statuses");
            warmup(args.d("warmup-seconds", 5), args.i("warmup-clients", clients));
            pause();
            header(String.format(Locale.ROOT, "statuses: %d outbound wamids x 3 statuses in %d webhooks (%d batched) + %d inbound, shuffled, closed loop",
                    outbound, statusWebhooks, batched, reqs.size() - statusWebhooks));
            Level l = closed("statuses", reqs, clients, maxSeconds, base);
            row(l);
            System.out.printf(Locale.ROOT, "updates carried: %d (%.0f updates/s)%n", l.updates, l.updates / l.seconds);
            Map<String, Object> mix = new LinkedHashMap<>();
            mix.put("outbound_wamids", outbound);
            mix.put("status_updates", outbound * 3);
            mix.put("status_webhooks", statusWebhooks);
            mix.put("batched_status_webhooks", batched);
            mix.put("inbound_webhooks", reqs.size() - statusWebhooks);
            result.put("mix", mix);
            result.put("body_bytes", bodySizes(reqs));
            result.put("levels", List.of(l.map()));
            result.put("summary", String.format(Locale.ROOT,
                    "SUMMARY statuses clients=%d webhooks=%d rate=%.0f/s updates=%.0f/s p50=%.1fms p99=%.1fms max=%.0fms non200=%d",
                    clients, l.sent, l.rate, l.updates / l.seconds, l.latency.p50, l.latency.p99, l.latency.max,
                    l.non200 + l.ioErrors));
            return result;
        }

        // ---- e2e --------------------------------------------------------------------------------

        long scalar(String sql) throws SQLException {
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }

        /** Waits (bounded) until the dispatcher has taken every pending inbox row; returns the seconds waited. */
        double drain(double timeoutSeconds) {
            long t0 = System.nanoTime();
            long deadline = t0 + (long) (timeoutSeconds * 1e9);
            Long pending = backlog();
            while (pending != null && pending > 0 && System.nanoTime() < deadline) {
                sleep(1000);
                pending = backlog();
            }
            return (System.nanoTime() - t0) / 1e9;
        }

        Set<String> visible(Connection c, List<String> wamids) throws SQLException {
            Set<String> found = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("select wamid from timeline_message where wamid = any(?)")) {
                for (int from = 0; from < wamids.size(); from += 5000) {
                    List<String> chunk = wamids.subList(from, Math.min(wamids.size(), from + 5000));
                    Array array = c.createArrayOf("varchar", chunk.toArray());
                    ps.setArray(1, array);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.add(rs.getString(1));
                        }
                    }
                    array.free();
                }
            }
            return found;
        }

        Map<String, Object> e2e() throws Exception {
            if (db == null) {
                throw new IllegalArgumentException("e2e needs --jdbc jdbc:postgresql://127.0.0.1:5432/DB?user=postgres and the driver jar on -cp");
            }
            double rate = args.d("rate", Double.NaN);
            if (Double.isNaN(rate) || rate <= 0) {
                throw new IllegalArgumentException("e2e needs --rate R (webhooks per second)");
            }
            double duration = args.d("duration", 30);
            int clients = args.i("clients", 128);
            int sampleEvery = Math.max(1, args.i("sample-every", 10));
            long pollMs = args.i("poll-ms", 25);
            double visibleTimeout = args.d("visible-timeout", 300);
            int n = (int) Math.round(rate * duration);
            if (n > 1_000_000) {
                throw new IllegalArgumentException("rate x duration is limited to 1,000,000 requests");
            }
            Map<String, Object> result = common("e2e");

            Long backlogAtStart = backlog();
            double drained = drain(args.d("drain-timeout", 300));
            Long backlogAfterDrain = backlog();
            System.out.printf(Locale.ROOT, "inbox backlog before e2e: %d, after waiting %.0f s: %d%n", backlogAtStart, drained, backlogAfterDrain);

            double warm = args.d("warmup-seconds", 30);
            if (warm > 0) {
                int wn = Math.max(1, args.i("warmup-requests", 3000));
                double wait = args.d("warmup-drain-timeout", 90);
                List<Req> wreqs = inbound(wn, 'V');
                System.out.printf(Locale.ROOT, "warm-up: %d messages, closed loop with %d clients for at most %.0f s, then up to %.0f s until visible (not counted)%n",
                        wn, args.i("warmup-clients", 32), warm, wait);
                Level wl = closed("warmup", wreqs, args.i("warmup-clients", 32), warm, base);
                wreqs = wreqs.subList(0, (int) Math.max(1, Math.min(wreqs.size(), wl.sent)));
                drain(wait);
                long deadline = System.nanoTime() + (long) (wait * 1e9);
                String last = wreqs.get(wreqs.size() - 1).wamid();
                while (System.nanoTime() < deadline && visible(db, List.of(last)).isEmpty()) {
                    sleep(200);
                }
                System.out.printf(Locale.ROOT, "warm-up done: %d sent, %.0f/s, p50 %.2f ms; inbox pending %d%n", wl.sent, wl.rate,
                        wl.latency.p50, backlog());
            }
            pause();

            List<Req> reqs = inbound(n, 'E');
            String[] wamids = new String[n];
            for (int i = 0; i < n; i++) {
                wamids[i] = reqs.get(i).wamid();
            }
            long[] ackAt = new long[n];
            long[] seenAt = new long[n];
            Arrays.fill(seenAt, -1);
            boolean[] acked = new boolean[n];
            ConcurrentLinkedQueue<Integer> newSamples = new ConcurrentLinkedQueue<>();
            AtomicBoolean sending = new AtomicBoolean(true);
            long eventsBefore = scalar("select coalesce(max(global_index), 0) from domain_event_entry");
            long inboxIdBefore = scalar("select coalesce(max(id), 0) from webhook_inbox");
            long[] sendEnd = new long[1];

            Connection pollDb = DriverManager.getConnection(jdbcUrl);
            pollDb.setAutoCommit(true);
            AtomicLong polls = new AtomicLong();
            AtomicLong pollNanos = new AtomicLong();
            Thread poller = new Thread(() -> {
                List<Integer> outstanding = new ArrayList<>();
                try {
                    while (true) {
                        for (Integer i; (i = newSamples.poll()) != null; ) {
                            outstanding.add(i);
                        }
                        if (outstanding.isEmpty()) {
                            if (!sending.get()) {
                                break;
                            }
                            sleep(pollMs);
                            continue;
                        }
                        if (!sending.get() && System.nanoTime() > sendEnd[0] + (long) (visibleTimeout * 1e9)) {
                            break;
                        }
                        long q0 = System.nanoTime();
                        List<Integer> chunk = outstanding.subList(0, Math.min(outstanding.size(), 4000));
                        List<String> keys = new ArrayList<>(chunk.size());
                        for (int i : chunk) {
                            keys.add(wamids[i]);
                        }
                        Set<String> found = visible(pollDb, keys);
                        if (!found.isEmpty()) {
                            List<Integer> rest = new ArrayList<>(outstanding.size());
                            int k = 0;
                            for (int i : outstanding) {
                                if (k++ < keys.size() && found.contains(wamids[i])) {
                                    seenAt[i] = q0;
                                } else {
                                    rest.add(i);
                                }
                            }
                            outstanding = rest;
                        }
                        long took = System.nanoTime() - q0;
                        polls.incrementAndGet();
                        pollNanos.addAndGet(took);
                        long left = pollMs - took / 1_000_000;
                        if (left > 0) {
                            sleep(left);
                        }
                    }
                } catch (SQLException e) {
                    System.err.println("poller failed: " + e);
                }
            }, "visibility-poller");
            poller.setDaemon(true);
            poller.start();

            header(String.format(Locale.ROOT, "e2e: open loop at %.0f webhooks/s for %.0f s with %d senders, then until visible (every %d-th polled each %d ms)",
                    rate, duration, clients, sampleEvery, pollMs));
            Level l = open("e2e-send", reqs, rate, clients, base, ackAt, i -> {
                acked[i] = true;
                if (i % sampleEvery == 0 || i == n - 1) {
                    newSamples.add(i);
                }
            });
            long start = openStart;
            sendEnd[0] = System.nanoTime();
            sending.set(false);
            row(l);
            poller.join((long) (visibleTimeout * 1000) + 30_000);

            // Every acknowledged message, not only the sampled ones, must become visible.
            List<Integer> missing = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (acked[i] && seenAt[i] < 0) {
                    missing.add(i);
                }
            }
            long hardDeadline = sendEnd[0] + (long) (visibleTimeout * 1e9);
            while (!missing.isEmpty()) {
                long q0 = System.nanoTime();
                List<String> keys = new ArrayList<>(missing.size());
                for (int i : missing) {
                    keys.add(wamids[i]);
                }
                Set<String> found = visible(db, keys);
                List<Integer> rest = new ArrayList<>();
                for (int i : missing) {
                    if (found.contains(wamids[i])) {
                        seenAt[i] = q0;
                    } else {
                        rest.add(i);
                    }
                }
                missing = rest;
                if (missing.isEmpty() || System.nanoTime() > hardDeadline) {
                    break;
                }
                sleep(250);
            }
            pollDb.close();

            long lastVisible = start;
            long visibleCount = 0;
            long[] lags = new long[n];
            int lagN = 0;
            for (int i = 0; i < n; i++) {
                if (seenAt[i] >= 0) {
                    visibleCount++;
                    lastVisible = Math.max(lastVisible, seenAt[i]);
                    if (i % sampleEvery == 0 || i == n - 1) {
                        lags[lagN++] = Math.max(0, seenAt[i] - ackAt[i]);
                    }
                }
            }
            Stats lag = new Stats(lags, lagN);
            double e2eSeconds = (lastVisible - start) / 1e9;
            double e2eRate = e2eSeconds > 0 ? visibleCount / e2eSeconds : 0;
            boolean complete = missing.isEmpty() && visibleCount == l.ok;
            long eventsAfter = scalar("select coalesce(max(global_index), 0) from domain_event_entry");
            Map<String, Object> dispatch = new LinkedHashMap<>();
            try (PreparedStatement ps = db.prepareStatement("select count(*), "
                    + "percentile_cont(0.5) within group (order by extract(epoch from processed_at - received_at)), "
                    + "percentile_cont(0.99) within group (order by extract(epoch from processed_at - received_at)), "
                    + "max(extract(epoch from processed_at - received_at)) "
                    + "from webhook_inbox where id > ? and processed_at is not null")) {
                ps.setLong(1, inboxIdBefore);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    dispatch.put("rows", rs.getLong(1));
                    dispatch.put("p50", rs.getDouble(2) * 1000);
                    dispatch.put("p99", rs.getDouble(3) * 1000);
                    dispatch.put("max", rs.getDouble(4) * 1000);
                }
            }
            Map<String, Object> api = apiCheck();

            System.out.printf(Locale.ROOT, "sent %d (%d acknowledged) in %.1f s; visible %d of %d; first send -> last visible %.1f s%n",
                    l.sent, l.ok, l.seconds, visibleCount, l.ok, e2eSeconds);
            System.out.printf(Locale.ROOT, "%-28s %10s %8s %8s %8s %9s%n", "e2e", "rate/s", "p50 ms", "p90 ms", "p99 ms", "max ms");
            System.out.printf(Locale.ROOT, "%-28s %10.0f %8.1f %8.1f %8.1f %9.1f%n", "projection lag (200->row)", e2eRate,
                    lag.p50, lag.p90, lag.p99, lag.max);
            System.out.printf(Locale.ROOT, "%-28s %10s %8.1f %8s %8.1f %9.1f%n", "inbox received->dispatched", "",
                    Bench.num(dispatch.get("p50")), "", Bench.num(dispatch.get("p99")), Bench.num(dispatch.get("max")));
            System.out.printf(Locale.ROOT, "events per message %.2f; visibility polls %d (avg %.1f ms each); API: %s%n",
                    l.ok > 0 ? (eventsAfter - eventsBefore) / (double) l.ok : 0, polls.get(),
                    polls.get() > 0 ? pollNanos.get() / 1e6 / polls.get() : 0, api);

            Map<String, Object> e2e = new LinkedHashMap<>();
            e2e.put("target_rate", rate);
            e2e.put("duration_s", duration);
            e2e.put("acknowledged", l.ok);
            e2e.put("visible", visibleCount);
            e2e.put("complete", complete);
            e2e.put("first_send_to_last_visible_s", e2eSeconds);
            e2e.put("sustained_rate", e2eRate);
            e2e.put("lag_ms", lag.map());
            e2e.put("lag_resolution_ms", pollMs);
            e2e.put("sample_every", sampleEvery);
            e2e.put("inbox_received_to_dispatched_ms", dispatch);
            e2e.put("events_per_message", l.ok > 0 ? (eventsAfter - eventsBefore) / (double) l.ok : 0);
            e2e.put("inbox_backlog_before", backlogAtStart);
            e2e.put("inbox_backlog_after_drain_wait", backlogAfterDrain);
            e2e.put("drain_wait_s", drained);
            e2e.put("api", api);
            result.put("e2e", e2e);
            result.put("body_bytes", bodySizes(reqs));
            result.put("levels", List.of(l.map()));
            result.put("summary", String.format(Locale.ROOT,
                    "SUMMARY e2e target=%.0f/s sent=%d ack_rate=%.0f/s ack_p50=%.1fms ack_p99=%.1fms visible=%d/%d sustained=%.0f/s lag_p50=%.0fms lag_p99=%.0fms lag_max=%.0fms complete=%s",
                    rate, l.sent, l.rate, l.latency.p50, l.latency.p99, visibleCount, l.ok, e2eRate, lag.p50, lag.p99,
                    lag.max, complete));
            return result;
        }

        /** Logs in and reads GET /api/conversations?size=1 to show the messages reached the API. */
        Map<String, Object> apiCheck() {
            Map<String, Object> m = new LinkedHashMap<>();
            String email = args.s("email", "admin@bench.local");
            String password = args.s("password", "bench-password");
            try {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                HttpResponse<String> login = http.send(HttpRequest.newBuilder(base.resolve("/api/auth/login"))
                        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                m.put("login_status", login.statusCode());
                Matcher token = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"").matcher(login.body());
                if (!token.find()) {
                    return m;
                }
                HttpResponse<String> inbox = http.send(HttpRequest.newBuilder(base.resolve("/api/conversations?size=1"))
                        .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token.group(1)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                m.put("conversations_status", inbox.statusCode());
                m.put("x_total_count", inbox.headers().firstValue("X-Total-Count").orElse(null));
                Matcher phone = Pattern.compile("\"phoneNumber\"\\s*:\\s*\"([^\"]*)\"").matcher(inbox.body());
                if (phone.find()) {
                    m.put("latest_contact", phone.group(1));
                }
                m.put("latest_has_last_message", inbox.body().contains("\"lastMessage\""));
            } catch (Exception e) {
                m.put("error", e.toString());
            }
            return m;
        }

        // ---- selftest ---------------------------------------------------------------------------

        Map<String, Object> selftest() throws IOException {
            List<Integer> levels = args.ints("clients", "1,8,32,128");
            int n = args.i("requests", 50_000);
            double maxSeconds = args.d("max-seconds", 10);
            Map<String, Object> result = common("selftest");
            List<Map<String, Object>> out = new ArrayList<>();
            StringBuilder summary = new StringBuilder("SUMMARY selftest client=" + clientKind);
            try (Sink sink = new Sink(secret)) {
                URI target = URI.create("http://127.0.0.1:" + sink.port());
                closed("warmup", inbound(Math.min(n, 20_000), 'W'), 8, 5, target);
                header("selftest: " + (clientKind.equals("jdk") ? "HttpClient" : "raw sockets")
                        + " against an in-process null server (driver and server share the CPUs)");
                for (int c : levels) {
                    Level l = closed("c" + c, inbound(n, 'T'), c, maxSeconds, target);
                    row(l);
                    out.add(l.map());
                    double perReq = l.ok > 0 ? Bench.num(l.cpu.get("driver_cores")) * l.seconds / l.ok * 1e6 : Double.NaN;
                    summary.append(String.format(Locale.ROOT, " c%d=%.0f/s,p50=%.2fms,cpu_us_per_req=%.0f", c, l.rate, l.latency.p50, perReq));
                }
                result.put("bad_signatures_seen_by_sink", sink.badSignatures.get());
                result.put("bodies_with_emoji_escapes", sink.withEscapes.get());
                result.put("requests_seen_by_sink", sink.requests.get());
                summary.append(" bad_signatures=").append(sink.badSignatures.get());
            }
            result.put("levels", out);
            result.put("summary", summary.toString());
            return result;
        }

        @Override
        public void close() {
            for (Connection c : new Connection[]{db, waitDb}) {
                if (c != null) {
                    try {
                        c.close();
                    } catch (SQLException ignored) {
                        // closing anyway
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Minimal JSON writer
    // ------------------------------------------------------------------------------------------

    static final class Json {
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
                    sb.append(i++ == 0 ? "\n" : ",\n").append("  ".repeat(indent + 1));
                    write(sb, x, indent + 1);
                }
                sb.append(list.isEmpty() ? "]" : "\n" + "  ".repeat(indent) + "]");
            } else if (o instanceof Double d) {
                sb.append(d.isNaN() || d.isInfinite() ? "null" : String.format(Locale.ROOT, "%.3f", d));
            } else if (o instanceof Float f) {
                write(sb, f.doubleValue(), indent);
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
                    case '\r' -> sb.append("\\r");
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
