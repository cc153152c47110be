package ke.co.datacare.whatsapp.app.hardening;

import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A whole conversation goes through the service, and its log holds none of the customer's data. */
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataStaysOutOfLogsTest extends SignedInTest {

    private static final String NAME = "Nyokabi Wairimu";
    private static final String CUSTOMER_TEXT = "Nimepoteza kadi yangu ya benki";
    private static final String REPLY_TEXT = "Tutakusaidia kuifunga mara moja";

    @Test
    void a_conversation_leaves_no_number_name_or_text_in_the_json_log(CapturedOutput output) {
        String waId = "25479" + String.format("%07d", System.nanoTime() % 10_000_000);
        long now = Instant.now().getEpochSecond();

        client.postWebhook(Webhooks.text(waId, NAME, "wamid.pii-" + waId, now, CUSTOMER_TEXT));
        String conversation = await().atMost(Duration.ofSeconds(20)).until(() -> StreamSupport.stream(
                        client.getJson("/api/conversations?size=50&q=" + waId, token).spliterator(), false)
                .map(item -> item.path("id").asText()).findFirst().orElse(null), id -> id != null);
        HttpResponse<String> sent = client.post("/api/messages/send", token,
                "{\"conversationId\":\"" + conversation + "\",\"content\":\"" + REPLY_TEXT + "\"}");
        assertThat(sent.statusCode()).isEqualTo(202);
        String messageId = client.read(sent.body()).path("id").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> StreamSupport.stream(client.getJson(
                "/api/conversations/" + conversation + "/messages", token).spliterator(), false)
                .map(message -> message.path("id").asText()).anyMatch(messageId::equals));
        client.post("/api/messages/send", token, "{\"to\":\"" + waId + "x\",\"content\":\"" + REPLY_TEXT + "\"}");

        String log = output.getOut() + output.getErr();
        assertThat(log).doesNotContain(waId).doesNotContain(NAME).doesNotContain(CUSTOMER_TEXT)
                .doesNotContain(REPLY_TEXT);
        assertThat(log.lines().filter(line -> line.contains("\"log.level\"")))
                .as("the service's log lines are JSON objects").allSatisfy(line -> client.read(line));
    }
}
