package ke.co.datacare.whatsapp.app.protection;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.security.Role;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Analysts work from analytics and pseudonymous exports: every route that shows a customer (contacts,
 * conversations, timelines, time travel, message statuses, the live stream, media, campaign audiences) refuses
 * them with a 403 problem coded PERSONAL_DATA_FORBIDDEN, while agents and admins keep them.
 */
class AnalystSeesNoCustomersTest extends SignedInTest {

    private List<String> customerRoutes(Customer customer, String messageId, String campaignId) {
        return List.of(
                "/api/contacts",
                "/api/contacts?q=" + customer.waId(),
                "/api/contacts/" + customer.contactId(),
                "/api/conversations",
                "/api/conversations?q=" + customer.waId(),
                "/api/conversations/" + customer.conversationId(),
                "/api/conversations/" + customer.conversationId() + "/messages",
                "/api/conversations/" + customer.conversationId() + "/history",
                "/api/messages/" + messageId + "/status",
                "/api/stream",
                "/api/media/some-media-id",
                "/api/campaigns/" + campaignId + "/recipients");
    }

    @Test
    void an_analyst_is_refused_every_route_that_shows_customers_with_a_stable_code() {
        Customer customer = Customer.whoWrote(client, token, jdbc);
        String messageId = Customer.timeline(client, token, customer.conversationId()).get(0).path("id").asText();
        String analyst = tokenOf(Role.ANALYST);

        for (String route : customerRoutes(customer, messageId, "some-campaign")) {
            HttpResponse<String> refused = client.get(route, analyst);

            assertThat(refused.statusCode()).as(route).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).as(route)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = client.read(refused.body());
            assertThat(problem.path("code").asText()).as(route).isEqualTo("PERSONAL_DATA_FORBIDDEN");
            assertThat(refused.body()).as(route).doesNotContain(customer.waId()).doesNotContain(customer.name())
                    .doesNotContain(customer.text());
        }
    }

    @Test
    void agents_and_admins_still_read_the_customers_an_analyst_may_not() {
        Customer customer = Customer.whoWrote(client, token, jdbc);
        String agent = tokenOf(Role.AGENT);

        for (String bearer : List.of(agent, token)) {
            assertThat(client.get("/api/contacts/" + customer.contactId(), bearer).body()).contains(customer.waId());
            assertThat(client.get("/api/conversations/" + customer.conversationId() + "/messages", bearer).body())
                    .contains(customer.text());
            assertThat(client.get("/api/media/some-media-id", bearer).statusCode()).isNotEqualTo(403);
        }
    }

    @Test
    void an_analyst_keeps_the_analytics_the_campaigns_and_the_pseudonymous_export() {
        String analyst = tokenOf(Role.ANALYST);

        assertThat(client.get("/api/analytics/overview?from=2026-11-01&to=2026-11-02", analyst).statusCode()).isEqualTo(200);
        assertThat(client.get("/api/campaigns", analyst).statusCode()).isEqualTo(200);
        assertThat(client.get("/api/admin/events?aggregateId=none", analyst).statusCode()).isEqualTo(200);
    }
}
