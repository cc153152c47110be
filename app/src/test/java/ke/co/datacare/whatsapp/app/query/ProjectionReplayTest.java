package ke.co.datacare.whatsapp.app.query;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.security.Role;
import ke.co.datacare.whatsapp.query.readmodel.ReadModels;
import ke.co.datacare.whatsapp.app.security.UserAccounts;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

// nested configuration classes are not picked up by themselves when @SpringBootTest names its classes
@org.springframework.context.annotation.Import(ProjectionReplayTest.OwnDatabase.class)
class ProjectionReplayTest extends SignedInTest {

    private static final ke.co.datacare.whatsapp.app.support.TestDatabase.Own DATABASE =
            new ke.co.datacare.whatsapp.app.support.TestDatabase.Own("replay");

    @org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
    static class OwnDatabase {
        @org.springframework.context.annotation.Bean
        @org.springframework.context.annotation.Primary
        javax.sql.DataSource ownDataSource() {
            return DATABASE.dataSource();
        }
    }

    private static final long T0 = 1_764_057_600L;
    private static final Map<String, String> INBOX_TABLES = Map.of(
            "contact_view", "contact_id",
            "inbox_conversation", "conversation_id",
            "timeline_message", "message_key",
            "message_status", "wamid");
    private static final Map<String, String> ANALYTICS_TABLES = Map.ofEntries(
            Map.entry("analytics_conversation", "conversation_id"),
            Map.entry("analytics_contact", "contact_id"),
            Map.entry("analytics_contact_activity", "granularity, period_start, contact_id"),
            Map.entry("analytics_inbound_daily", "day_date, message_type"),
            Map.entry("analytics_outbound_message", "wamid"),
            Map.entry("analytics_outbound_daily", "day_date"),
            Map.entry("analytics_error_daily", "day_date, error_code"),
            Map.entry("analytics_episode", "conversation_id"),
            Map.entry("analytics_episode_log", "conversation_id, episode"),
            Map.entry("analytics_response", "conversation_id, sequence_number"),
            Map.entry("analytics_handoff", "conversation_id, sequence_number"),
            Map.entry("analytics_assignment", "conversation_id, sequence_number"),
            Map.entry("analytics_template_message", "message_id"));

    @Autowired
    UserAccounts users;

    private QueryScenario scenario;

    @BeforeEach
    void setUp() {
        scenario = new QueryScenario(client, token, jdbc);
    }

    private void conversationsWithMessagesAndStatuses() {
        for (int contact = 0; contact < 3; contact++) {
            String waId = QueryScenario.newNumber();
            long at = T0 + contact * 3600;
            client.postWebhook(Webhooks.messages(waId, "Mteja " + contact, List.of(
                    Webhooks.message(waId, "wamid.r1-" + waId, at, "text", "{\"body\":\"Habari\"}"),
                    Webhooks.message(waId, "wamid.r2-" + waId, at + 60, "image",
                            "{\"id\":\"media-" + waId + "\",\"mime_type\":\"image/jpeg\",\"caption\":\"router\"}"),
                    Webhooks.message(waId, "wamid.r3-" + waId, at + 90, "reaction",
                            "{\"message_id\":\"wamid.r1-" + waId + "\",\"emoji\":\"\\ud83d\\udc4d\"}"))));
            client.postWebhook(Webhooks.statuses(List.of(
                    Webhooks.status("wamid.out-" + waId, waId, "sent", at + 100),
                    Webhooks.status("wamid.out-" + waId, waId, "read", at + 200),
                    Webhooks.status("wamid.fail-" + waId, waId, "failed", at + 300))));
        }
    }

    private Map<String, List<Map<String, Object>>> dump(Map<String, String> tables) {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        tables.forEach((table, key) -> rows.put(table, scenario.dump(table, key)));
        return rows;
    }

    private void awaitQuiet() {
        scenario.awaitCaughtUp(ReadModels.GROUP);
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ofSeconds(2)).until(() -> {
            long head = scenario.head();
            Thread.sleep(1500);
            return head == scenario.head() && scenario.pendingWebhooks() == 0;
        });
        scenario.awaitCaughtUp(ReadModels.GROUP);
    }

    @Test
    void replaying_the_read_models_rebuilds_exactly_the_same_tables() {
        conversationsWithMessagesAndStatuses();
        awaitQuiet();
        long head = scenario.head();
        Map<String, List<Map<String, Object>>> inbox = dump(INBOX_TABLES);
        Map<String, List<Map<String, Object>>> analytics = dump(ANALYTICS_TABLES);
        assertThat(inbox.get("timeline_message")).hasSizeGreaterThanOrEqualTo(9);
        assertThat(analytics.get("analytics_outbound_message")).hasSizeGreaterThanOrEqualTo(6);

        assertThat(client.post("/api/admin/projections/read-models/replay", token, "").statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> scenario.caughtUp(ReadModels.GROUP, head));
        assertThat(scenario.head()).as("no event arrived during the replay").isEqualTo(head);
        assertThat(dump(INBOX_TABLES)).isEqualTo(inbox);
        assertThat(dump(ANALYTICS_TABLES)).isEqualTo(analytics);
    }

    @Test
    void every_processor_reports_its_position_lag_and_segments() {
        scenario.awaitCaughtUp(ReadModels.GROUP);

        JsonNode readModels = scenario.processor(ReadModels.GROUP);

        assertThat(readModels.path("mode").asText()).isEqualTo("pooled");
        assertThat(readModels.path("segmentsTotal").asInt()).isEqualTo(1);
        assertThat(readModels.path("head").asLong()).isGreaterThanOrEqualTo(readModels.path("position").asLong());
        assertThat(readModels.path("lag").asLong())
                .isEqualTo(readModels.path("head").asLong() - readModels.path("position").asLong());
        assertThatThrownBy(() -> scenario.processor("inbox")).as("the former groups are gone")
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void replaying_an_unknown_processor_is_a_404_problem() {
        HttpResponse<String> response = client.post("/api/admin/projections/no-such-group/replay", token, "");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(client.read(response.body()).path("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void admin_and_analytics_endpoints_need_a_token() {
        for (String path : List.of("/api/admin/projections", "/api/admin/events", "/api/analytics/overview?from=2026-11-01&to=2026-11-30",
                "/api/contacts", "/api/messages/wamid.x/status", "/api/conversations/x/history")) {
            assertThat(client.get(path, null).statusCode()).as(path).isEqualTo(401);
        }
        assertThat(client.post("/api/admin/projections/read-models/replay", null, "").statusCode()).isEqualTo(401);
    }

    @Test
    void an_analyst_may_read_analytics_and_export_under_pseudonyms_but_not_replay_and_an_agent_may_do_neither() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        users.create("analyst-" + suffix + "@test.datacare.local", "analyst-password", "Analyst", Role.ANALYST);
        users.create("agent-" + suffix + "@test.datacare.local", "agent-password", "Agent", Role.AGENT);
        String analyst = client.login("analyst-" + suffix + "@test.datacare.local", "analyst-password");
        String agent = client.login("agent-" + suffix + "@test.datacare.local", "agent-password");

        assertThat(client.get("/api/admin/events?aggregateId=none", analyst).statusCode())
                .as("pseudonymous, see AnalystPseudonymsTest").isEqualTo(200);
        assertThat(client.get("/api/admin/events?aggregateId=none&reason=curious", analyst).statusCode())
                .as("never in clear").isEqualTo(403);
        assertThat(client.get("/api/analytics/overview?from=2026-11-01&to=2026-11-02", analyst).statusCode()).isEqualTo(200);
        assertThat(client.get("/api/admin/projections", analyst).statusCode()).isEqualTo(403);
        assertThat(client.get("/api/admin/projections", agent).statusCode()).isEqualTo(403);
        assertThat(client.get("/api/admin/events?aggregateId=none", agent).statusCode()).isEqualTo(403);
        assertThat(client.post("/api/admin/projections/read-models/replay", agent, "").statusCode()).isEqualTo(403);
    }
}
