package ke.co.datacare.whatsapp.app.protection;

import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageDelivered;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.TextMessageReceived;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateComponent;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateParameter;
import ke.co.datacare.whatsapp.api.conversation.outbound.TextContent;
import ke.co.datacare.whatsapp.app.support.IntegrationTest;
import ke.co.datacare.whatsapp.command.contact.ContactDirectory;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What encrypting personal data costs, encryption on against off in one run: the service's event serializer against
 * Axon's plain Jackson serializer on the same events, rounds alternating between the two, measured in CPU time of the
 * running thread (the shared machine's load changes wall time, not this) and taking each variant's median round.
 * Four kinds of event: a customer's text (personal fields at the top), our text reply and a template with a customer's
 * name as parameter (personal values inside the content), a delivery status (none); the contacts' keys in memory as
 * on the deciding path. The overhead per message of the drain benchmark follows from its event mix (one text per
 * message, a first-seen contact and a new conversation per sender: {@code -Dbench.first-seen-per-message}, 1/3) and
 * how many event processors read each event ({@code -Dbench.reads}, 4), against its measured JVM CPU per message
 * ({@code -Dbench.drain-cpu-ms}, 3.85 ms, bench/results/2026-12-06T1854Z-drain-bot-off.md).
 * Writes {@code bench/results/<date>-encryption.md}.
 * <pre>
 * ./mvnw -o -B -pl app -am test-compile surefire:test@default-test -Dexec.skip=true -Dbench=true \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true -Dtest=EncryptionCostBench
 * </pre>
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class EncryptionCostBench extends IntegrationTest {

    private static final int EVENTS = Integer.getInteger("bench.events", 20_000);
    private static final int CONTACTS = Integer.getInteger("bench.contacts", 1_000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final int READS = Integer.getInteger("bench.reads", 4);
    private static final double FIRST_SEEN = Double.parseDouble(System.getProperty("bench.first-seen-per-message", "0.3333"));
    private static final double DRAIN_CPU_MS = Double.parseDouble(System.getProperty("bench.drain-cpu-ms", "3.85"));
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Autowired
    @Qualifier("eventSerializer")
    private Serializer encrypting;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private ContactDirectory directory;

    @Test
    void measures_the_cost_per_event_of_encryption_on_against_off() throws IOException {
        Serializer plain = JacksonSerializer.builder().objectMapper(json).build();
        List<ConversationId> conversations = new ArrayList<>();
        List<ContactId> contacts = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            ContactId contact = ContactId.of(UUID.randomUUID().toString());
            contacts.add(contact);
            conversations.add(directory.conversationOf("110000000000001", contact));
        }
        Instant at = Instant.parse("2026-12-01T08:00:00Z");
        Map<String, List<Object>> kinds = new LinkedHashMap<>();
        kinds.put("customer text (personal)", events(i -> new TextMessageReceived(conversations.get(i % CONTACTS),
                "wamid." + i, at, "Habari, order number " + i + " has not arrived at Westlands yet, please check",
                null, null)));
        kinds.put("our text reply (personal inside)", events(i -> new OutboundMessageQueued(
                conversations.get(i % CONTACTS), contacts.get(i % CONTACTS), "110000000000001", "m" + i,
                new TextContent("Pole sana, order " + i + " is on its way to Westlands", false), "wamid." + i,
                "agent:a1", at)));
        kinds.put("template with a name (personal inside)", events(i -> new OutboundMessageQueued(
                conversations.get(i % CONTACTS), contacts.get(i % CONTACTS), "110000000000001", "t" + i,
                new TemplateContent("order_update", "en", List.of(TemplateComponent.body(
                        TemplateParameter.text("Wanjiru " + i), TemplateParameter.text("DC-" + i)))), null,
                "campaign:c1", at)));
        kinds.put("delivery status (none)", events(i -> new OutboundMessageDelivered(conversations.get(i % CONTACTS),
                "wamid.out" + i, "m" + i, at, null)));

        Map<String, double[][]> costs = new LinkedHashMap<>();
        for (Map.Entry<String, List<Object>> kind : kinds.entrySet()) {
            run(encrypting, kind.getValue());
            run(plain, kind.getValue());
            double[][] rounds = new double[4][ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                double[] off = run(plain, kind.getValue());
                double[] on = run(encrypting, kind.getValue());
                rounds[0][round] = off[0];
                rounds[1][round] = off[1];
                rounds[2][round] = on[0];
                rounds[3][round] = on[1];
            }
            costs.put(kind.getKey(), new double[][]{{median(rounds[0]), median(rounds[1])},
                    {median(rounds[2]), median(rounds[3])}});
        }

        StringBuilder report = new StringBuilder("CPU µs per event, median of " + ROUNDS + " alternating rounds of "
                + EVENTS + " events over " + CONTACTS + " contacts\n\n| event | write off | write on | read off | read on |"
                + " extra write | extra read |\n|---|---|---|---|---|---|---|\n");
        costs.forEach((kind, cost) -> report.append(String.format(Locale.ROOT,
                "| %s | %.2f | %.2f | %.2f | %.2f | +%.2f | +%.2f |%n", kind, cost[0][0], cost[1][0], cost[0][1],
                cost[1][1], cost[1][0] - cost[0][0], cost[1][1] - cost[0][1])));
        double[][] text = costs.get("customer text (personal)");
        // a drain message: its text, and for a third of them a first-seen contact (about the text's cost: a few short
        // personal fields), each written once and read by READS processors
        double perEvent = (text[1][0] - text[0][0]) + READS * (text[1][1] - text[0][1]);
        double perMessageUs = perEvent * (1 + FIRST_SEEN);
        double percent = perMessageUs / (DRAIN_CPU_MS * 1_000) * 100;
        double[][] reply = costs.get("our text reply (personal inside)");
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        String summary = String.format(Locale.ROOT, "SUMMARY encryption on-vs-off: customer text +%.1f µs write "
                        + "+%.1f µs read, our reply +%.1f µs write +%.1f µs read (CPU per event); drain message "
                        + "(%.2f personal events, each read %d times) +%.0f µs = %.1f%% of %.2f ms JVM CPU per message; "
                        + "load average %s", text[1][0] - text[0][0], text[1][1] - text[0][1], reply[1][0] - reply[0][0],
                reply[1][1] - reply[0][1], 1 + FIRST_SEEN, READS, perMessageUs, percent, DRAIN_CPU_MS, load);
        System.out.println(report + "\n" + summary);
        Path results = Path.of(System.getProperty("bench.results", "../bench/results"));
        Files.createDirectories(results);
        Files.writeString(results.resolve(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'").withZone(ZoneOffset.UTC)
                .format(Instant.now()) + "-encryption.md"), "# Cost of encrypting personal data, on against off\n\n"
                + report + "\n" + summary + "\n");
        assertThat(text[1][1]).isPositive();
    }

    private static List<Object> events(IntFunction<Object> event) {
        List<Object> events = new ArrayList<>(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            events.add(event.apply(i));
        }
        return events;
    }

    /** CPU microseconds of this thread per event to serialize, then to deserialize, each of {@code payloads}. */
    private static double[] run(Serializer serializer, List<Object> payloads) {
        long start = THREADS.getCurrentThreadCpuTime();
        List<SerializedObject<byte[]>> stored = payloads.stream()
                .map(payload -> serializer.serialize(payload, byte[].class)).toList();
        long written = THREADS.getCurrentThreadCpuTime();
        long read = stored.stream().map(serializer::deserialize).filter(payload -> payload != null).count();
        long done = THREADS.getCurrentThreadCpuTime();
        assertThat(read).isEqualTo(payloads.size());
        return new double[]{(written - start) / 1_000.0 / payloads.size(), (done - written) / 1_000.0 / payloads.size()};
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
