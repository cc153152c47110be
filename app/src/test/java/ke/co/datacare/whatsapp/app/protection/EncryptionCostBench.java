package ke.co.datacare.whatsapp.app.protection;

import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageDelivered;
import ke.co.datacare.whatsapp.api.conversation.TextMessageReceived;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What encrypting personal data costs per event: the service's event serializer against Axon's plain Jackson
 * serializer on the same events in the same run, writing (serialize) and reading (deserialize) a customer's text
 * (personal), and a delivery status (no personal data), with the contacts' keys in memory as on the deciding path.
 * Writes {@code bench/results/<date>-encryption.md}.
 * <pre>
 * ./mvnw -o -B -pl app -am test-compile surefire:test@default-test -Dexec.skip=true -Dbench=true \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dtest=EncryptionCostBench
 * </pre>
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class EncryptionCostBench extends IntegrationTest {

    private static final int EVENTS = Integer.getInteger("bench.events", 100_000);
    private static final int CONTACTS = Integer.getInteger("bench.contacts", 1_000);

    @Autowired
    @Qualifier("eventSerializer")
    private Serializer encrypting;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private ContactDirectory directory;

    @Test
    void measures_the_cost_per_event_of_encryption() throws IOException {
        Serializer plain = JacksonSerializer.builder().objectMapper(json).build();
        List<ConversationId> conversations = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            conversations.add(directory.conversationOf("110000000000001", ContactId.of(UUID.randomUUID().toString())));
        }
        List<Object> texts = new ArrayList<>();
        List<Object> statuses = new ArrayList<>();
        Instant at = Instant.parse("2026-12-01T08:00:00Z");
        for (int i = 0; i < EVENTS; i++) {
            ConversationId conversation = conversations.get(i % CONTACTS);
            texts.add(new TextMessageReceived(conversation, "wamid." + i, at, "Habari, order number " + i
                    + " has not arrived at Westlands yet, please check", null, null));
            statuses.add(new OutboundMessageDelivered(conversation, "wamid.out" + i, "m" + i, at, null));
        }
        run(encrypting, texts);
        run(plain, texts);
        StringBuilder report = new StringBuilder("| events | serializer | write µs/event | read µs/event |\n|---|---|---|---|\n");
        double[] plainText = run(plain, texts);
        double[] encryptedText = run(encrypting, texts);
        double[] plainStatus = run(plain, statuses);
        double[] encryptedStatus = run(encrypting, statuses);
        row(report, "customer text (personal)", "plain Jackson", plainText);
        row(report, "customer text (personal)", "encrypting", encryptedText);
        row(report, "delivery status (none)", "plain Jackson", plainStatus);
        row(report, "delivery status (none)", "encrypting", encryptedStatus);
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        String summary = String.format(Locale.ROOT, "SUMMARY encryption: text +%.1f µs write, +%.1f µs read per event "
                        + "(%d events, %d contacts, keys in memory); load average %s", encryptedText[0] - plainText[0],
                encryptedText[1] - plainText[1], EVENTS, CONTACTS, load);
        System.out.println(report + "\n" + summary);
        Path results = Path.of(System.getProperty("bench.results", "../bench/results"));
        Files.createDirectories(results);
        Files.writeString(results.resolve(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'").withZone(ZoneOffset.UTC)
                .format(Instant.now()) + "-encryption.md"), "# Cost of encrypting personal data per event\n\n"
                + report + "\n" + summary + "\n");
        assertThat(encryptedText[1]).isPositive();
    }

    /** Microseconds per event to serialize, then to deserialize, each of {@code payloads}. */
    private static double[] run(Serializer serializer, List<Object> payloads) {
        long start = System.nanoTime();
        List<SerializedObject<byte[]>> stored = payloads.stream()
                .map(payload -> serializer.serialize(payload, byte[].class)).toList();
        long written = System.nanoTime();
        Function<SerializedObject<byte[]>, Object> read = serializer::deserialize;
        long check = stored.stream().map(read).filter(TextMessageReceived.class::isInstance).count();
        long done = System.nanoTime();
        assertThat(check).isIn(0L, (long) payloads.size());
        return new double[]{(written - start) / 1_000.0 / payloads.size(), (done - written) / 1_000.0 / payloads.size()};
    }

    private static void row(StringBuilder report, String events, String serializer, double[] costs) {
        report.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f |%n", events, serializer, costs[0], costs[1]));
    }
}
