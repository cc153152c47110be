package ke.co.datacare.whatsapp.app.protection;

import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.TextContent;
import ke.co.datacare.whatsapp.app.support.GraphStub;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What we send a contact (an agent's text, a template's parameters) is the contact's personal data: stored
 * encrypted with the contact's key, so erasing the contact makes it unreadable in the events and the read models,
 * while the rest of the message (its type, the template's name) still reads for analytics.
 */
class OutboundContentErasureTest extends SignedInTest {

    private static final Duration WITHIN_A_MINUTE = Duration.ofSeconds(60);

    @Autowired
    private EventStore events;

    private record Sent(Customer customer, String reply, String parameter) {
    }

    private Sent agentAnswered() {
        Customer customer = Customer.whoWrote(client, token, jdbc);
        String reply = "Pole sana " + customer.name() + ", fundi atakuja kesho";
        String parameter = "parcel for " + customer.name();
        assertThat(client.post("/api/messages/send", token, "{\"conversationId\":\"" + customer.conversationId()
                + "\",\"content\":\"" + reply + "\"}").statusCode()).isEqualTo(202);
        assertThat(client.post("/api/messages/send", token, "{\"conversationId\":\"" + customer.conversationId()
                + "\",\"type\":\"template\",\"template\":{\"name\":\"order_update\",\"language\":\"en\",\"components\":"
                + "[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"" + parameter + "\"},{\"type\":"
                + "\"text\",\"text\":\"DC-1042\"}]}]}}").statusCode()).isEqualTo(202);
        await().atMost(WITHIN_A_MINUTE).until(() -> queued(customer).size() == 2
                && Customer.timeline(client, token, customer.conversationId()).toString().contains(reply));
        return new Sent(customer, reply, parameter);
    }

    private List<OutboundMessageQueued> queued(Customer customer) {
        return events.readEvents(customer.conversationId()).asStream().map(DomainEventMessage::getPayload)
                .filter(OutboundMessageQueued.class::isInstance).map(OutboundMessageQueued.class::cast).toList();
    }

    private List<String> rawEventsOf(String aggregate) {
        return jdbc.queryForList("select convert_from(payload, 'UTF8') from domain_event_entry "
                + "where aggregate_identifier = ?", String.class, aggregate);
    }

    private static String textOf(OutboundMessageQueued event) {
        return event.content() instanceof TextContent text ? text.body() : null;
    }

    private static String firstParameterOf(OutboundMessageQueued event) {
        return event.content() instanceof TemplateContent template
                ? template.components().get(0).parameters().get(0).text() : null;
    }

    @Test
    void our_texts_and_template_parameters_are_stored_encrypted_and_read_in_clear_until_erasure() {
        Sent sent = agentAnswered();

        assertThat(rawEventsOf(sent.customer().conversationId())).isNotEmpty()
                .noneMatch(payload -> payload.contains(sent.reply()) || payload.contains(sent.parameter()));
        assertThat(queued(sent.customer())).extracting(OutboundContentErasureTest::textOf).contains(sent.reply());
        assertThat(queued(sent.customer())).extracting(OutboundContentErasureTest::firstParameterOf)
                .contains(sent.parameter());
    }

    @Test
    void erasing_the_contact_makes_what_we_sent_it_unreadable_in_the_events_and_the_read_models() {
        Sent sent = agentAnswered();

        assertThat(client.request("POST", "/api/contacts/" + sent.customer().contactId() + "/erasure", token,
                "application/json", "{\"reason\":\"subject's request, ticket 77\"}").statusCode()).isEqualTo(202);

        await().atMost(WITHIN_A_MINUTE).untilAsserted(() -> assertThat(
                Customer.timeline(client, token, sent.customer().conversationId()).toString())
                .doesNotContain(sent.reply()).doesNotContain(sent.parameter()).contains("erased"));
        List<OutboundMessageQueued> queued = queued(sent.customer());
        assertThat(queued).extracting(OutboundContentErasureTest::textOf).contains("erased")
                .doesNotContain(sent.reply());
        assertThat(queued).extracting(OutboundContentErasureTest::firstParameterOf).contains("erased")
                .doesNotContain(sent.parameter());
        assertThat(queued).anySatisfy(event -> assertThat(event.content()).isInstanceOfSatisfying(TemplateContent.class,
                template -> assertThat(template.name()).as("kept for analytics").isEqualTo("order_update")));
        String history = client.getJson("/api/conversations/" + sent.customer().conversationId() + "/history", token)
                .toString();
        assertThat(history).doesNotContain(sent.reply()).doesNotContain(sent.parameter());
    }

    @AfterEach
    void metaAnswersAtOnceAgain() {
        GraphStub.reset();
    }

    @Test
    void a_message_waiting_in_the_senders_line_when_its_contact_is_erased_never_reaches_meta() {
        Customer customer = Customer.whoWrote(client, token, jdbc);
        // Meta holds its answer to the first message, so the second waits behind it in the sender's line, its number
        // already read
        GraphStub.server().stubFor(post(urlPathEqualTo(GraphStub.messagesPath())).atPriority(1)
                .withRequestBody(matchingJsonPath("$.text.body", equalTo("first of two")))
                .willReturn(aResponse().withStatus(200).withFixedDelay(8_000)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + customer.waId()
                                + "\",\"wa_id\":\"" + customer.waId() + "\"}],\"messages\":[{\"id\":\"wamid.STUBfirst"
                                + customer.waId() + "\"}]}")));
        for (String text : List.of("first of two", "second of two")) {
            assertThat(client.post("/api/messages/send", token, "{\"conversationId\":\"" + customer.conversationId()
                    + "\",\"content\":\"" + text + "\"}").statusCode()).isEqualTo(202);
        }
        await().atMost(WITHIN_A_MINUTE).untilAsserted(() -> GraphStub.server().verify(1,
                postRequestedFor(urlPathEqualTo(GraphStub.messagesPath())).withRequestBody(containing("first of two"))));

        assertThat(client.request("POST", "/api/contacts/" + customer.contactId() + "/erasure", token,
                "application/json", "{\"reason\":\"subject's request, ticket 78\"}").statusCode()).isEqualTo(202);

        await().atMost(WITHIN_A_MINUTE).until(() -> StreamSupport.stream(
                Customer.timeline(client, token, customer.conversationId()).spliterator(), false)
                .map(message -> message.path("send").path("state").asText()).toList(),
                states -> states.containsAll(List.of("accepted", "abandoned")));
        assertThat(GraphStub.server().findAll(postRequestedFor(urlPathEqualTo(GraphStub.messagesPath()))
                .withRequestBody(containing("second of two")))).as("requests to Meta with the second message").isEmpty();
    }
}
