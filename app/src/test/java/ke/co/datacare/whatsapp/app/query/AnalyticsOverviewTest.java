package ke.co.datacare.whatsapp.app.query;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.query.readmodel.ReadModels;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A week of two customers, Wanjiku and Otieno, in the leap-year week of 26 February 2024, and five of our
 * messages to them; the figures below are counted by hand (Nairobi is UTC+3).
 */
class AnalyticsOverviewTest extends SignedInTest {


    private static JsonNode days;
    private static JsonNode week;

    private static long at(String instant) {
        return Instant.parse(instant).getEpochSecond();
    }

    @BeforeEach
    void setUp() {
        if (days == null) {
            aWeekOfMessages();
            days = client.getJson("/api/analytics/overview?from=2024-02-26&to=2024-02-29&granularity=day", token);
            week = client.getJson("/api/analytics/overview?from=2024-02-26&to=2024-02-29&granularity=week", token);
        }
    }

    private void aWeekOfMessages() {
        String wanjiku = QueryScenario.newNumber();
        String otieno = QueryScenario.newNumber();
        client.postWebhook(Webhooks.messages(wanjiku, "Wanjiku", List.of(
                Webhooks.message(wanjiku, "wamid.a1-" + wanjiku, at("2024-02-26T07:00:00Z"), "text", "{\"body\":\"Habari\"}"),
                Webhooks.message(wanjiku, "wamid.a2-" + wanjiku, at("2024-02-26T20:30:00Z"), "image",
                        "{\"id\":\"media-a2\",\"mime_type\":\"image/jpeg\"}"),
                Webhooks.message(wanjiku, "wamid.a3-" + wanjiku, at("2024-02-26T21:30:00Z"), "text",
                        "{\"body\":\"Bado haifanyi kazi\"}"))));
        client.postWebhook(Webhooks.messages(otieno, "Otieno", List.of(
                Webhooks.message(otieno, "wamid.b1-" + otieno, at("2024-02-27T09:00:00Z"), "location",
                        "{\"latitude\":-0.0917,\"longitude\":34.768,\"name\":\"Kisumu\"}"),
                Webhooks.message(otieno, "wamid.b2-" + otieno, at("2024-02-29T06:00:00Z"), "text", "{\"body\":\"Asante\"}"))));
        client.postWebhook(Webhooks.messages(wanjiku, "Wanjiku", List.of(
                Webhooks.message(wanjiku, "wamid.a4-" + wanjiku, at("2024-02-29T10:00:00Z"), "reaction",
                        "{\"message_id\":\"wamid.a1-" + wanjiku + "\",\"emoji\":\"\\ud83d\\ude4f\"}"))));
        client.postWebhook(Webhooks.statuses(List.of(
                Webhooks.status("wamid.out1-" + wanjiku, wanjiku, "sent", at("2024-02-27T08:00:00Z")),
                Webhooks.status("wamid.out1-" + wanjiku, wanjiku, "delivered", at("2024-02-27T08:01:00Z")),
                Webhooks.status("wamid.out1-" + wanjiku, wanjiku, "read", at("2024-02-27T08:05:00Z")),
                Webhooks.status("wamid.out2-" + otieno, otieno, "sent", at("2024-02-27T10:00:00Z")),
                Webhooks.status("wamid.out2-" + otieno, otieno, "delivered", at("2024-02-27T10:01:00Z")),
                Webhooks.status("wamid.out3-" + otieno, otieno, "failed", at("2024-02-27T11:00:00Z")),
                Webhooks.status("wamid.out4-" + wanjiku, wanjiku, "read", at("2024-02-27T12:00:00Z")),
                Webhooks.status("wamid.out4-" + wanjiku, wanjiku, "delivered", at("2024-02-27T11:59:00Z")),
                Webhooks.status("wamid.out5-" + wanjiku, wanjiku, "sent", at("2024-02-26T23:00:00Z")))));
        new QueryScenario(client, token, jdbc).awaitCaughtUp(ReadModels.GROUP);
    }

    private static JsonNode day(int index) {
        return days.path("periods").get(index);
    }

    @Test
    void the_overview_has_one_entry_per_nairobi_day_of_the_range() {
        assertThat(days.path("timeZone").asText()).isEqualTo("Africa/Nairobi");
        assertThat(days.path("periods")).extracting(period -> period.path("start").asText())
                .containsExactly("2024-02-26", "2024-02-27", "2024-02-28", "2024-02-29");
    }

    @Test
    void customer_messages_count_by_type_on_the_nairobi_day_they_were_sent() {
        assertThat(day(0).path("inbound").path("total").asLong()).isEqualTo(2);
        assertThat(day(0).path("inbound").path("byType").path("text").asLong()).isEqualTo(1);
        assertThat(day(0).path("inbound").path("byType").path("image").asLong()).isEqualTo(1);
        assertThat(day(1).path("inbound").path("total").asLong()).isEqualTo(2);
        assertThat(day(1).path("inbound").path("byType").path("text").asLong()).as("21:30 UTC is the next day").isEqualTo(1);
        assertThat(day(1).path("inbound").path("byType").path("location").asLong()).isEqualTo(1);
        assertThat(day(2).path("inbound").path("total").asLong()).isZero();
        assertThat(day(3).path("inbound").path("byType").path("reaction").asLong()).isEqualTo(1);
    }

    @Test
    void wanjiku_is_new_on_monday_and_returning_on_tuesday_when_otieno_is_new() {
        assertThat(day(0).path("contacts").toString()).isEqualTo("{\"active\":1,\"newContacts\":1,\"returningContacts\":0}");
        assertThat(day(1).path("contacts").toString()).isEqualTo("{\"active\":2,\"newContacts\":1,\"returningContacts\":1}");
        assertThat(day(3).path("contacts").toString()).isEqualTo("{\"active\":2,\"newContacts\":0,\"returningContacts\":2}");
    }

    @Test
    void our_five_messages_count_on_tuesday_with_the_furthest_status_each_reached() {
        JsonNode outbound = day(1).path("outbound");

        assertThat(outbound.path("messages").asLong()).isEqualTo(5);
        assertThat(outbound.path("sent").asLong()).isEqualTo(4);
        assertThat(outbound.path("delivered").asLong()).isEqualTo(3);
        assertThat(outbound.path("read").asLong()).isEqualTo(2);
        assertThat(outbound.path("failed").asLong()).isEqualTo(1);
        assertThat(outbound.path("deliveryRate").asDouble()).isEqualTo(0.6);
        assertThat(outbound.path("readRate").asDouble()).isEqualTo(0.6667);
        assertThat(outbound.path("failureRate").asDouble()).isEqualTo(0.2);
        assertThat(day(1).path("topErrors").toString())
                .isEqualTo("[{\"code\":131026,\"title\":\"Message undeliverable\",\"failures\":1}]");
        assertThat(day(0).path("outbound").path("messages").asLong()).isZero();
        assertThat(day(0).path("outbound").has("deliveryRate")).isFalse();
    }

    @Test
    void the_week_counts_each_contact_once_and_both_as_new() {
        JsonNode period = week.path("periods").get(0);

        assertThat(week.path("periods")).hasSize(1);
        assertThat(period.path("start").asText()).isEqualTo("2024-02-26");
        assertThat(period.path("end").asText()).isEqualTo("2024-03-03");
        assertThat(period.path("inbound").path("total").asLong()).isEqualTo(6);
        assertThat(period.path("inbound").path("byType").path("text").asLong()).isEqualTo(3);
        assertThat(period.path("contacts").toString()).isEqualTo("{\"active\":2,\"newContacts\":2,\"returningContacts\":0}");
        assertThat(period.path("outbound").path("messages").asLong()).isEqualTo(5);
        assertThat(period.path("outbound").path("deliveryRate").asDouble()).isEqualTo(0.6);
    }

    @Test
    void a_granularity_other_than_day_or_week_is_refused() {
        HttpResponse<String> response = client.get("/api/analytics/overview?from=2024-02-26&to=2024-02-29&granularity=month",
                token);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(client.read(response.body()).path("code").asText()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void an_agents_answer_counts_as_a_first_response_classified_by_business_hours_and_per_agent() {
        String customer = QueryScenario.newNumber();
        long now = Instant.now().getEpochSecond();
        client.postWebhook(Webhooks.text(customer, "Njeri", "wamid.frt-" + customer, now, "Habari, nisaidie"));
        String conversation = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() ->
                jdbc.query("select conversation_id from inbox_conversation c join contact_view v on v.contact_id = c.contact_id "
                        + "where v.wa_id = ?", (rs, i) -> rs.getString(1), customer).stream().findFirst()
                        .orElse(null), java.util.Objects::nonNull);
        assertThat(client.post("/api/messages/send", token, "{\"conversationId\":\"" + conversation
                + "\",\"content\":\"Karibu Njeri\"}").statusCode()).isEqualTo(202);
        new QueryScenario(client, token, jdbc).awaitCaughtUp(ReadModels.GROUP);
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Africa/Nairobi")).toString();

        JsonNode figures = client.getJson("/api/analytics/overview?from=" + today + "&to=" + today, token)
                .path("periods").get(0).path("conversations");
        JsonNode agents = client.getJson("/api/analytics/agents?from=" + today + "&to=" + today, token).path("agents");

        long responses = figures.path("firstResponse").path("count").asLong();
        assertThat(responses).isPositive();
        assertThat(figures.path("firstResponseInBusinessHours").path("count").asLong()
                + figures.path("firstResponseOutsideBusinessHours").path("count").asLong()).isEqualTo(responses);
        assertThat(figures.path("agentFirstResponse").path("count").asLong()).isPositive();
        assertThat(agents).anySatisfy(agent -> assertThat(agent.path("firstResponse").path("count").asLong()).isPositive());
        assertThat(client.get("/api/analytics/templates?from=" + today + "&to=" + today, token).statusCode()).isEqualTo(200);
    }
}
