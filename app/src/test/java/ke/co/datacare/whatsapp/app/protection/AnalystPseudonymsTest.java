package ke.co.datacare.whatsapp.app.protection;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.security.Role;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Analysts see pseudonyms in the event export; clear exports are an admin's, with a reason, and all are audited. */
class AnalystPseudonymsTest extends SignedInTest {

    private String analyst;

    @BeforeEach
    void analystSignedIn() {
        analyst = tokenOf(Role.ANALYST);
    }

    private HttpResponse<String> export(String query, String bearer) {
        return client.get("/api/admin/events" + query, bearer);
    }

    private List<JsonNode> lines(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Arrays.stream(response.body().split("\n")).filter(line -> !line.isBlank()).map(client::read).toList();
    }

    private static String reason(String text) {
        return "&reason=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void an_analyst_sees_a_stable_pseudonym_for_the_conversation_and_nothing_personal() {
        Customer customer = Customer.whoWrote(client, token, jdbc);

        HttpResponse<String> first = export("?aggregateId=" + customer.conversationId(), analyst);
        HttpResponse<String> again = export("?aggregateId=" + customer.conversationId(), analyst);
        HttpResponse<String> csv = export("?format=csv&aggregateId=" + customer.conversationId(), analyst);

        List<JsonNode> events = lines(first);
        assertThat(events).isNotEmpty().allSatisfy(event -> {
            assertThat(event.path("aggregateId").asText()).startsWith("ps_")
                    .isEqualTo(events.get(0).path("aggregateId").asText())
                    .isEqualTo(event.path("payload").path("conversationId").asText());
            assertThat(event.path("payload").has("$personal")).isFalse();
        });
        assertThat(events).extracting(event -> event.path("type").asText()).contains("TextMessageReceived",
                "LocationReceived");
        assertThat(again.body()).isEqualTo(first.body());
        for (HttpResponse<String> shown : List.of(first, csv)) {
            assertThat(shown.body()).doesNotContain(customer.waId()).doesNotContain(customer.name())
                    .doesNotContain(customer.text()).doesNotContain(customer.conversationId())
                    .doesNotContain(customer.contactId()).doesNotContain("wamid");
        }
    }

    @Test
    void an_analyst_filters_the_export_by_a_customers_pseudonym_and_gets_that_customers_events_only() {
        Customer customer = Customer.whoWrote(client, token, jdbc);
        Customer someoneElse = Customer.whoWrote(client, token, jdbc);
        String contact = lines(export("?aggregateId=" + customer.contactId(), analyst)).get(0).path("aggregateId").asText();
        String conversation = lines(export("?aggregateId=" + customer.conversationId(), analyst)).get(0)
                .path("aggregateId").asText();
        String other = lines(export("?aggregateId=" + someoneElse.conversationId(), analyst)).get(0)
                .path("aggregateId").asText();

        List<JsonNode> ofTheCustomer = lines(export("?pseudonym=" + contact, analyst));
        List<JsonNode> ofTheConversation = lines(export("?pseudonym=" + conversation, analyst));
        HttpResponse<String> asCsv = export("?format=csv&pseudonym=" + contact, analyst);

        assertThat(ofTheCustomer).extracting(event -> event.path("aggregateId").asText())
                .contains(contact, conversation).allMatch(id -> id.equals(contact) || id.equals(conversation));
        assertThat(ofTheCustomer).extracting(event -> event.path("type").asText()).contains("TextMessageReceived");
        assertThat(ofTheCustomer).extracting(event -> event.path("globalIndex").asLong()).isSorted();
        assertThat(ofTheConversation).isNotEmpty().allSatisfy(event ->
                assertThat(event.path("aggregateId").asText()).isEqualTo(conversation));
        assertThat(asCsv.statusCode()).isEqualTo(200);
        assertThat(asCsv.body()).contains(conversation).doesNotContain(other).doesNotContain(customer.waId());
        assertThat(lines(export("?pseudonym=ps_" + "0".repeat(32), analyst))).isEmpty();
    }

    @Test
    void a_pseudonym_that_is_not_one_or_comes_with_an_aggregate_id_is_refused_as_a_problem() {
        HttpResponse<String> notOne = export("?pseudonym=0712345678", analyst);
        HttpResponse<String> withAnId = export("?pseudonym=ps_" + "a".repeat(32) + "&aggregateId=c-1", analyst);

        assertThat(List.of(notOne, withAnId)).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
            assertThat(answer.body()).contains("\"pseudonym\"");
        });
    }

    @Test
    void an_analyst_sees_pseudonyms_for_the_contacts_of_a_campaigns_audience() {
        Customer customer = Customer.whoWrote(client, token, jdbc);
        HttpResponse<String> created = client.post("/api/campaigns", token, "{\"name\":\"Pseudonyms " + java.util.UUID.randomUUID()
                + "\",\"template\":{\"name\":\"december_offer\",\"language\":\"en\",\"parameters\":[{\"source\":"
                + "\"profileName\",\"default\":\"customer\"}]},\"audience\":{\"phoneNumbers\":[\"+" + customer.waId()
                + "\",\"+" + customer.waId() + "\"]}}");
        String campaign = client.read(created.body()).path("id").asText();
        assertThat(client.post("/api/campaigns/" + campaign + "/start", token, "{}").statusCode()).isLessThan(300);
        await().atMost(java.time.Duration.ofSeconds(60)).until(() -> jdbc.queryForObject("select count(*) from "
                + "domain_event_entry where aggregate_identifier = ? and payload_type like '%CampaignAudienceResolved'",
                Integer.class, campaign) == 1);

        List<JsonNode> events = lines(export("?aggregateId=" + campaign, analyst));

        assertThat(events).extracting(event -> event.path("type").asText()).contains("CampaignDrafted",
                "CampaignAudienceResolved");
        assertThat(events.toString()).doesNotContain(customer.contactId()).doesNotContain(customer.waId());
        JsonNode drafted = events.stream().filter(event -> event.path("type").asText().equals("CampaignDrafted"))
                .findFirst().orElseThrow().path("payload");
        JsonNode resolved = events.stream().filter(event -> event.path("type").asText().equals("CampaignAudienceResolved"))
                .findFirst().orElseThrow().path("payload");
        assertThat(drafted.path("audience").path("phoneNumberContacts")).hasSize(2).allSatisfy(contact ->
                assertThat(contact.asText()).startsWith("ps_"));
        assertThat(resolved.path("excludedEntries").findValuesAsText("entry"))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("ps_");
    }

    @Test
    void an_admin_with_a_reason_exports_in_clear_and_the_export_is_audited() {
        Customer customer = Customer.whoWrote(client, token, jdbc);

        HttpResponse<String> clear = export("?aggregateId=" + customer.conversationId()
                + reason("subject access request, ticket 12"), token);

        assertThat(lines(clear)).anySatisfy(event -> assertThat(event.path("payload").path("body").asText())
                .isEqualTo(customer.text()));
        JsonNode audit = client.getJson("/api/admin/audit?limit=20", token);
        assertThat(audit.path("items")).anySatisfy(entry -> {
            assertThat(entry.path("action").asText()).isEqualTo("CLEAR_EXPORT");
            assertThat(entry.path("reason").asText()).isEqualTo("subject access request, ticket 12");
            assertThat(entry.path("subject").asText()).contains(customer.conversationId());
            assertThat(entry.path("actor").asText()).isNotBlank();
        });
    }

    @Test
    void every_analyst_export_and_erasure_is_listed_in_the_audit_newest_first() {
        Customer customer = Customer.whoWrote(client, token, jdbc);
        export("?aggregateId=" + customer.conversationId(), analyst);
        client.request("POST", "/api/contacts/" + customer.contactId() + "/erasure", token, "application/json",
                "{\"reason\":\"subject's request, ticket 99\"}");

        JsonNode items = client.getJson("/api/admin/audit?limit=50", token).path("items");

        assertThat(items).anySatisfy(entry -> {
            assertThat(entry.path("action").asText()).isEqualTo("ERASURE");
            assertThat(entry.path("subject").asText()).isEqualTo(customer.contactId());
            assertThat(entry.path("reason").asText()).isEqualTo("subject's request, ticket 99");
        }).anySatisfy(entry -> assertThat(entry.path("action").asText()).isEqualTo("PSEUDONYMOUS_EXPORT"));
        List<Long> ids = new ArrayList<>();
        items.forEach(entry -> ids.add(entry.path("id").asLong()));
        assertThat(ids).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void a_clear_export_by_an_analyst_a_too_long_reason_or_a_bad_audit_page_is_refused_as_a_problem() {
        HttpResponse<String> analystInClear = export("?aggregateId=nobody" + reason("curious"), analyst);
        HttpResponse<String> longReason = export("?aggregateId=nobody" + reason("x".repeat(501)), token);
        HttpResponse<String> badLimit = client.get("/api/admin/audit?limit=0", token);
        HttpResponse<String> auditByAnalyst = client.get("/api/admin/audit", analyst);

        assertThat(List.of(analystInClear, longReason, badLimit, auditByAnalyst)).extracting(HttpResponse::statusCode)
                .containsExactly(403, 400, 400, 403);
        assertThat(List.of(analystInClear, longReason, badLimit, auditByAnalyst)).allSatisfy(answer ->
                assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                        assertThat(type).startsWith("application/problem+json")));
        assertThat(longReason.body()).contains("\"reason\"");
        assertThat(badLimit.body()).contains("\"limit\"");
    }
}
