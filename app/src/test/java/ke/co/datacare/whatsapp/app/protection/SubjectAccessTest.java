package ke.co.datacare.whatsapp.app.protection;

import ke.co.datacare.whatsapp.app.security.Role;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A subject's right of access: everything held about a contact, over HTTP, decrypted for an admin. */
class SubjectAccessTest extends SignedInTest {

    private String personalData(String contactId, String bearer) {
        return client.get("/api/contacts/" + contactId + "/personal-data", bearer).body();
    }

    @Test
    void an_admin_gets_the_contacts_number_name_and_texts_in_clear() {
        Customer customer = Customer.whoWrote(client, token, jdbc);

        HttpResponse<String> answer = client.get("/api/contacts/" + customer.contactId() + "/personal-data", token);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains(customer.waId()).contains(customer.name()).contains(customer.text())
                .contains("Home of " + customer.name()).contains(customer.conversationId())
                .contains("TextMessageReceived").contains("LocationReceived");
    }

    @Test
    void after_erasure_the_contacts_personal_data_reads_erased() {
        Customer customer = Customer.whoWrote(client, token, jdbc);
        client.request("POST", "/api/contacts/" + customer.contactId() + "/erasure", token, "application/json",
                "{\"reason\":\"subject's request, ticket 7\"}");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(personalData(customer.contactId(), token))
                .doesNotContain(customer.waId()).doesNotContain(customer.name()).doesNotContain(customer.text())
                .contains("erased").contains("ContactErased"));
    }

    @Test
    void an_agent_or_an_unknown_contact_is_refused_as_a_problem() {
        HttpResponse<String> byAgent = client.get("/api/contacts/" + UUID.randomUUID() + "/personal-data",
                tokenOf(Role.AGENT));
        HttpResponse<String> nobody = client.get("/api/contacts/" + UUID.randomUUID() + "/personal-data", token);

        assertThat(List.of(byAgent, nobody)).extracting(HttpResponse::statusCode).containsExactly(403, 404);
        assertThat(List.of(byAgent, nobody)).allSatisfy(answer -> assertThat(answer.headers()
                .firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json")));
    }
}
