import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording of the drain benchmark spent the JVM's CPU, as markdown tables: share of execution samples per
 * thread (digits folded into {@code #}), self time per frame, and samples with a given frame anywhere on the stack.
 * The window starts at the first sample in which the webhook dispatcher handles a row and lasts the drain's seconds.
 * <pre>
 * java bench/src/JfrProfile.java recording.jfr DRAIN_SECONDS [frame-substring ...]
 * java bench/src/JfrProfile.java recording.jfr DRAIN_SECONDS thread=NAME-SUBSTRING
 * </pre>
 * The second form lists the methods most often on the stack of the threads whose name contains the substring.
 * {@code -Djfr.anchor=FRAME} starts the window at another frame (the rebuild: {@code ReadModelRebuild.run});
 * {@code -Djfr.not-before=INSTANT} at its first sample from then on (the timed drain after a warm-up drain).
 */
public class JfrProfile {

    private static final List<String> DEFAULT_FRAMES = List.of("WebhookDispatcher.handle", "sendAndWait",
            "AnnotatedSaga", "JdbcSagaStore", "HandoffSaga", "BotDecisions", "JacksonSerializer", "TokenStore",
            "JdbcEventStorageEngine.appendEvents", "readEventData", "hasRemainingCapacity", "DeadlineManager",
            "GraphApiClient", "ReadReceipts", "OutboundDispatcher", "OutboundRetrySaga", "io.micrometer",
            "callTurboFilters", "AgentAssigner", "ConversationContextStore", "ContactDirectory", "SimpleCommandBus",
            "AggregateAnnotationCommandHandler", "EventSourcingRepository", "DeadLetter");

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Duration window = Duration.ofMillis(Math.round(Double.parseDouble(args[1]) * 1000));
        List<String> frames = args.length > 2 ? List.of(args).subList(2, args.length) : DEFAULT_FRAMES;
        String only = frames.size() == 1 && frames.get(0).startsWith("thread=") ? frames.get(0).substring(7) : null;
        List<RecordedEvent> samples = new ArrayList<>();
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    samples.add(event);
                }
            }
        }
        String anchor = System.getProperty("jfr.anchor", "WebhookDispatcher.handle");
        Instant notBefore = Instant.parse(System.getProperty("jfr.not-before", "1970-01-01T00:00:00Z"));
        Instant from = samples.stream().filter(e -> !e.getStartTime().isBefore(notBefore) && onStack(e, anchor))
                .map(RecordedEvent::getStartTime).min(Instant::compareTo).orElseThrow();
        Instant to = from.plus(window);
        List<RecordedEvent> inWindow = samples.stream()
                .filter(e -> !e.getStartTime().isBefore(from) && !e.getStartTime().isAfter(to)).toList();
        int total = inWindow.size();
        System.out.printf(Locale.ROOT, "JFR execution samples %s to %s: %d%n%n", from, to, total);
        if (only != null) {
            inclusive(inWindow, only, total);
            return;
        }

        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> stack = new LinkedHashMap<>();
        frames.forEach(frame -> stack.put(frame, 0));
        for (RecordedEvent sample : inWindow) {
            String thread = sample.getThread("sampledThread") == null ? "?"
                    : sample.getThread("sampledThread").getJavaName();
            threads.merge(thread == null ? "?" : thread.replaceAll("\\d+", "#"), 1, Integer::sum);
            if (sample.getStackTrace() != null && !sample.getStackTrace().getFrames().isEmpty()) {
                self.merge(name(sample.getStackTrace().getFrames().get(0)), 1, Integer::sum);
            }
            for (String frame : frames) {
                if (onStack(sample, frame)) {
                    stack.merge(frame, 1, Integer::sum);
                }
            }
        }
        table("share of JVM CPU samples", "thread", top(threads, 20), total);
        table("self time", "frame", top(self, 15), total);
        table("samples with the frame on the stack", "frame", stack, total);
    }

    private static void inclusive(List<RecordedEvent> samples, String thread, int total) {
        Map<String, Integer> methods = new HashMap<>();
        for (RecordedEvent sample : samples) {
            String name = sample.getThread("sampledThread") == null ? null : sample.getThread("sampledThread").getJavaName();
            if (name == null || !name.contains(thread) || sample.getStackTrace() == null) {
                continue;
            }
            sample.getStackTrace().getFrames().stream().map(JfrProfile::name).distinct()
                    .forEach(method -> methods.merge(method, 1, Integer::sum));
        }
        table("samples of all threads with the method on a " + thread + " thread's stack", "method", top(methods, 60),
                total);
    }

    private static boolean onStack(RecordedEvent sample, String frame) {
        if (sample.getStackTrace() == null) {
            return false;
        }
        for (RecordedFrame f : sample.getStackTrace().getFrames()) {
            if (name(f).contains(frame)) {
                return true;
            }
        }
        return false;
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static Map<String, Integer> top(Map<String, Integer> counts, int limit) {
        Map<String, Integer> top = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }

    private static void table(String share, String what, Map<String, Integer> counts, int total) {
        System.out.printf("| %s | %s |%n|---|---|%n", share, what);
        counts.forEach((key, count) -> System.out.printf(Locale.ROOT, "| %.1f%% | `%s` |%n", 100.0 * count / total, key));
        System.out.println();
    }
}
