package ke.co.datacare.whatsapp.app.outbound;

import ke.co.datacare.whatsapp.app.support.GraphStub;
import ke.co.datacare.whatsapp.app.support.OwnDatabase;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sends where commands are handled apart from the sender's unit of work, as with Axon Server (simulated on the JDBC
 * storage engine: {@code datacare.aggregates.commands-join-sender=false}): what a send writes commits before its
 * commands, so a new conversation is opened before its first message. Its own database and context (closed after it),
 * so that no other test's events are processed by a second instance with other caches.
 */
@TestPropertySource(properties = "datacare.aggregates.commands-join-sender=false")
// nested configuration classes are not picked up by themselves when @SpringBootTest names its classes
@Import(OwnDatabase.class)
@DirtiesContext
class SendsWithCommandsApartTest extends SignedInTest {

    private static final AtomicLong NUMBERS = new AtomicLong(254733000000L);

    @BeforeEach
    void templatesKnown() {
        await().atMost(Duration.ofSeconds(20)).until(() -> client.post("/api/templates/sync", token, "{}")
                .statusCode() == 200);
    }

    @AfterEach
    void restoreStub() {
        GraphStub.reset();
    }

    @Test
    void a_refused_first_message_to_a_new_number_leaves_a_conversation_that_the_next_message_goes_in() {
        String waId = String.valueOf(NUMBERS.incrementAndGet());

        HttpResponse<String> text = client.post("/api/messages/send", token,
                "{\"to\":\"+" + waId + "\",\"content\":\"Habari, karibu\"}");
        HttpResponse<String> template = client.post("/api/messages/send", token, "{\"to\":\"+" + waId
                + "\",\"type\":\"template\",\"template\":{\"name\":\"hello_world\",\"language\":\"en_US\"}}");

        assertThat(text.statusCode()).isEqualTo(422);
        assertThat(client.read(text.body()).path("code").asText()).isEqualTo("WINDOW_CLOSED");
        assertThat(template.statusCode()).as(template.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> GraphStub.server().verify(1,
                postRequestedFor(urlPathEqualTo(GraphStub.messagesPath()))
                        .withRequestBody(matchingJsonPath("$.to", equalTo(waId)))));
    }
}
