package ke.co.datacare.whatsapp.app.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.zaxxer.hikari.HikariDataSource;
import ke.co.datacare.whatsapp.app.security.Role;
import ke.co.datacare.whatsapp.app.security.UserAccounts;
import ke.co.datacare.whatsapp.app.support.GraphStub;
import ke.co.datacare.whatsapp.app.support.IntegrationTest;
import ke.co.datacare.whatsapp.app.support.ServiceClient;
import ke.co.datacare.whatsapp.app.support.TestDatabase;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bot and the agents over HTTP, on a service of its own (its own database, the handoff switched on) whose
 * clock reads a Wednesday morning in Nairobi, so that business hours do not depend on when the test runs.
 * Customers write through signed webhooks with timestamps on that clock; what reaches Meta is read from the stub.
 */
@TestPropertySource(properties = {"datacare.handoff.enabled=true", "datacare.handoff.reply-sla=15m"})
@Import(HandoffScenarioTest.ScenarioSetup.class)
class HandoffScenarioTest extends IntegrationTest {

    private static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");
    private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    /** The next Wednesday, 10:00 in Nairobi (no holiday falls on a Wednesday in the shipped calendar). */
    private static final Instant WEDNESDAY_10 = ZonedDateTime.now(NAIROBI)
            .with(TemporalAdjusters.next(DayOfWeek.WEDNESDAY)).with(LocalTime.of(10, 0)).toInstant();
    private static final Duration OFFSET = Duration.between(Instant.now(), WEDNESDAY_10);
    private static final AtomicLong NUMBERS = new AtomicLong(254755000000L);
    private static final String AGENT_EMAIL = "wanjiru.agent@test.datacare.local";
    private static final String ANALYST_EMAIL = "analyst@test.datacare.local";
    private static final String PASSWORD = "agent-password";

    @TestConfiguration(proxyBeanMethods = false)
    static class ScenarioSetup {

        /** The service's clock reads the scenario's Wednesday morning and keeps ticking. */
        @Bean
        @Primary
        Clock scenarioClock() {
            return Clock.offset(Clock.systemUTC(), OFFSET);
        }

        /** A database of its own, so that no other test's service works on these conversations or deadlines. */
        @Bean
        @Primary
        DataSource handoffDataSource() {
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(TestDatabase.create("datacare_handoff_" + RUN));
            dataSource.setUsername(TestDatabase.USER);
            dataSource.setPassword("");
            dataSource.setMaximumPoolSize(16);
            return dataSource;
        }
    }

    @DynamicPropertySource
    static void contextKeysOfThisRun(DynamicPropertyRegistry registry) {
        registry.add("datacare.chatbot.context.key-prefix", () -> "test:handoff:" + RUN + ":");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    UserAccounts users;

    private ServiceClient client;
    private String adminToken;
    private String agentToken;
    private String agentId;

    @BeforeEach
    void setUp() {
        client = new ServiceClient(port, APP_SECRET);
        adminToken = client.login("admin@test.datacare.local", "admin-password");
        synchronized (HandoffScenarioTest.class) {
            if (users.byEmail(AGENT_EMAIL).isEmpty()) {
                users.create(AGENT_EMAIL, PASSWORD, "Wanjiru Kamau", Role.AGENT);
                users.create(ANALYST_EMAIL, PASSWORD, "Achieng Analyst", Role.ANALYST);
            }
        }
        agentId = users.byEmail(AGENT_EMAIL).orElseThrow().id();
        agentToken = client.login(AGENT_EMAIL, PASSWORD);
        assertThat(client.post("/api/agents/me/availability", agentToken, "{\"status\":\"available\"}").statusCode())
                .isEqualTo(200);
    }

    // --- the story of the issue ------------------------------------------------------------------------------

    @Test
    void the_bot_answers_hands_a_complaint_to_an_agent_stays_silent_and_is_back_after_resolution() {
        String waId = newNumber();
        Instant now = scenarioNow();

        customerWrites(waId, "wamid.faq-" + waId, now, "What are your opening hours?");
        assertThat(botSendTo(waId, "wamid.faq-" + waId).getBodyAsString()).contains("We are open Monday to Friday");
        String conversation = conversationOf(waId);

        customerWrites(waId, "wamid.complaint-" + waId, now.plusSeconds(10), "My router is not working");
        assertThat(botSendTo(waId, "wamid.complaint-" + waId).getBodyAsString())
                .contains("Our support team will answer you here shortly");
        JsonNode assigned = await().atMost(Duration.ofSeconds(30)).until(() -> inboxItem(conversation),
                item -> "assigned".equals(item.path("status").asText()));
        assertThat(assigned.path("assignee").asText()).isEqualTo(agentId);
        await().atMost(Duration.ofSeconds(20)).until(() -> slaDueAt(conversation) != null);
        assertThat(agents()).anySatisfy(agent -> {
            assertThat(agent.path("id").asText()).isEqualTo(agentId);
            assertThat(agent.path("status").asText()).isEqualTo("available");
            assertThat(agent.path("openConversations").asInt()).isGreaterThanOrEqualTo(1);
        });

        customerWrites(waId, "wamid.hello-" + waId, now.plusSeconds(20), "Hello? Anyone there?");
        await().atMost(Duration.ofSeconds(20)).until(() -> botSaw(conversation, "wamid.hello-" + waId));
        assertThat(botMessagesQueued(conversation, "wamid.hello-" + waId)).isZero();
        assertThat(botSendsTo(waId, "wamid.hello-" + waId)).isEmpty();

        HttpResponse<String> reply = client.post("/api/messages/send", agentToken, "{\"conversationId\":\""
                + conversation + "\",\"content\":\"Pole sana! We are resetting your line now.\"}");
        assertThat(reply.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> GraphStub.sends().stream().anyMatch(request ->
                request.getBodyAsString().contains("\"to\":\"" + waId + "\"")
                        && request.getBodyAsString().contains("resetting your line")));
        await().atMost(Duration.ofSeconds(20)).until(() -> slaDueAt(conversation) == null);

        assertThat(client.post("/api/conversations/" + conversation + "/resolve", agentToken, "{}").statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> "resolved".equals(inboxItem(conversation).path("status").asText()));

        customerWrites(waId, "wamid.again-" + waId, now.plusSeconds(60), "How do I pay?");
        assertThat(botSendTo(waId, "wamid.again-" + waId).getBodyAsString()).contains("M-Pesa Paybill");
        await().atMost(Duration.ofSeconds(20)).until(() -> "open".equals(inboxItem(conversation).path("status").asText()));
    }

    @Test
    void a_message_written_last_night_that_reaches_us_in_the_morning_is_answered_by_the_time_it_is_now() {
        String waId = newNumber();
        Instant tuesdayNight = WEDNESDAY_10.minus(Duration.ofHours(13));

        customerWrites(waId, "wamid.night1-" + waId, tuesdayNight, "Habari");
        String apology = botSendTo(waId, "wamid.night1-" + waId).getBodyAsString();
        assertThat(apology).contains("your message reached us late").doesNotContain("Our team is offline now");
        String conversation = conversationOf(waId);
        await().atMost(Duration.ofSeconds(20)).until(() -> !"open".equals(inboxItem(conversation).path("status").asText()));

        customerWrites(waId, "wamid.night2-" + waId, tuesdayNight.plus(Duration.ofMinutes(30)), "Habari");
        await().atMost(Duration.ofSeconds(20)).until(() -> botSaw(conversation, "wamid.night2-" + waId));
        assertThat(botMessagesQueued(conversation, "wamid.night2-" + waId)).isZero();
    }

    @Test
    void a_configuration_change_through_the_api_applies_to_the_next_message() {
        JsonNode original = client.getJson("/api/chatbot/config", adminToken);
        ObjectNode changed = (ObjectNode) original.deepCopy();
        ((ArrayNode) changed.path("faqs")).addObject()
                .put("id", "wifi_password")
                .put("answer", "Your Wi-Fi password is printed under the router.")
                .putArray("phrases").add("wifi password");
        ObjectNode broken = ((ObjectNode) original.deepCopy()).put("maxNotUnderstood", 0);
        AdminHttp http = new AdminHttp(port);
        try {
            assertThat(http.put("/api/chatbot/config", agentToken, changed.toString()).statusCode()).isEqualTo(403);
            HttpResponse<String> refused = http.put("/api/chatbot/config", adminToken, broken.toString());
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(client.read(refused.body()).path("code").asText()).isEqualTo("VALIDATION_FAILED");
            assertThat(client.read(refused.body()).path("errors").get(0).path("field").asText()).isEqualTo("maxNotUnderstood");
            assertThat(http.put("/api/chatbot/config", adminToken, changed.toString()).statusCode()).isEqualTo(200);

            String waId = newNumber();
            customerWrites(waId, "wamid.wifi-" + waId, scenarioNow(), "Wifi password?");
            assertThat(botSendTo(waId, "wamid.wifi-" + waId).getBodyAsString()).contains("printed under the router");
        } finally {
            assertThat(http.put("/api/chatbot/config", adminToken, original.toString()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void agents_act_on_conversations_and_the_rules_hold() {
        String waId = newNumber();
        customerWrites(waId, "wamid.act-" + waId, scenarioNow(), "Where are you located?");
        botSendTo(waId, "wamid.act-" + waId);
        String conversation = conversationOf(waId);
        String base = "/api/conversations/" + conversation;
        String analystToken = client.login(ANALYST_EMAIL, PASSWORD);

        assertThat(client.post(base + "/assign", analystToken, "{}").statusCode()).isEqualTo(403);
        assertThat(client.post("/api/conversations/no-such-conversation/assign", agentToken, "{}").statusCode()).isEqualTo(404);
        HttpResponse<String> nobodyHolds = client.post(base + "/unassign", agentToken, "{}");
        assertThat(nobodyHolds.statusCode()).isEqualTo(409);
        assertThat(client.read(nobodyHolds.body()).path("code").asText()).isEqualTo("CONFLICT");
        assertThat(client.post(base + "/assign", adminToken, "{\"agentId\":\"nobody\"}").statusCode()).isEqualTo(400);

        assertThat(client.post(base + "/assign", agentToken, "{}").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> agentId.equals(inboxItem(conversation).path("assignee").asText()));

        HttpResponse<String> note = client.post(base + "/notes", agentToken, "{\"text\":\"Customer prefers a call after 5pm\"}");
        assertThat(note.statusCode()).isEqualTo(201);
        JsonNode shown = await().atMost(Duration.ofSeconds(20)).until(() -> timelineNote(conversation), found -> found != null);
        assertThat(shown.path("direction").asText()).isEqualTo("note");
        assertThat(shown.path("sender").asText()).isEqualTo("agent:" + agentId);
        assertThat(shown.path("text").asText()).isEqualTo("Customer prefers a call after 5pm");

        String until = scenarioNow().plus(Duration.ofHours(2)).toString();
        assertThat(client.post(base + "/snooze", agentToken, "{\"until\":\"" + until + "\"}").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> "snoozed".equals(inboxItem(conversation).path("status").asText()));
        assertThat(client.post(base + "/snooze", agentToken, "{\"until\":\"2020-01-01T00:00:00Z\"}").statusCode()).isEqualTo(400);
        customerWrites(waId, "wamid.wake-" + waId, scenarioNow(), "Are you there?");
        await().atMost(Duration.ofSeconds(20)).until(() -> "assigned".equals(inboxItem(conversation).path("status").asText()));

        assertThat(client.post(base + "/handback-to-bot", agentToken, "{}").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> "open".equals(inboxItem(conversation).path("status").asText()));
        assertThat(client.post(base + "/handback-to-bot", agentToken, "{}").statusCode()).isEqualTo(409);
        customerWrites(waId, "wamid.bot-again-" + waId, scenarioNow(), "How do I pay?");
        assertThat(botSendTo(waId, "wamid.bot-again-" + waId).getBodyAsString()).contains("M-Pesa Paybill");

        assertThat(client.post(base + "/reopen", agentToken, "{}").statusCode()).isEqualTo(409);
        assertThat(client.post(base + "/resolve", adminToken, "{}").statusCode()).isEqualTo(202);
        assertThat(client.post(base + "/resolve", adminToken, "{}").statusCode()).isEqualTo(409);
        assertThat(client.post(base + "/reopen", agentToken, "{}").statusCode()).isEqualTo(202);
        assertThat(GraphStub.sends()).noneSatisfy(request ->
                assertThat(request.getBodyAsString()).contains("Customer prefers a call"));
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static String newNumber() {
        return String.valueOf(NUMBERS.incrementAndGet());
    }

    private static Instant scenarioNow() {
        return Instant.now().plus(OFFSET);
    }

    private void customerWrites(String waId, String wamid, Instant at, String text) {
        assertThat(client.postWebhook(Webhooks.text(waId, "Mteja", wamid, at.getEpochSecond(), text)).statusCode())
                .isEqualTo(200);
    }

    private void resolve(String conversation) {
        assertThat(client.post("/api/conversations/" + conversation + "/resolve", adminToken, "{}").statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> "resolved".equals(inboxItem(conversation).path("status").asText()));
    }

    /** The bot's answer to one customer message as it reached Meta (our message id travels as callback data). */
    private LoggedRequest botSendTo(String waId, String wamid) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> botSendsTo(waId, wamid), found -> !found.isEmpty()).get(0);
    }

    private List<LoggedRequest> botSendsTo(String waId, String wamid) {
        return GraphStub.sends().stream()
                .filter(request -> request.getBodyAsString().contains("\"to\":\"" + waId + "\""))
                .filter(request -> request.getBodyAsString().contains("\"biz_opaque_callback_data\":\"bot-" + wamid + "\""))
                .toList();
    }

    private long botMessagesQueued(String conversation, String wamid) {
        Long count = jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ? "
                        + "and payload_type like '%OutboundMessageQueued' and convert_from(payload, 'UTF8') like ?",
                Long.class, conversation, "%\"bot-" + wamid + "%");
        return count == null ? 0 : count;
    }

    /** Whether the bot's processor has handled the message (and committed what it decided about it). */
    private boolean botSaw(String conversation, String wamid) {
        return !jdbc.queryForList("select conversation_id from bot_conversation where conversation_id = ? "
                + "and last_inbound_wamid = ?", String.class, conversation, wamid).isEmpty();
    }

    private Instant slaDueAt(String conversation) {
        return jdbc.queryForList("select sla_due_at from inbox_conversation where conversation_id = ?",
                java.sql.Timestamp.class, conversation).stream().filter(java.util.Objects::nonNull)
                .map(java.sql.Timestamp::toInstant).findFirst().orElse(null);
    }

    private String conversationOf(String waId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> StreamSupport.stream(
                        client.getJson("/api/conversations?size=500", adminToken).spliterator(), false)
                .filter(item -> ("+" + waId).equals(item.path("contact").path("phoneNumber").asText()))
                .map(item -> item.path("id").asText()).findFirst().orElse(null), id -> id != null);
    }

    private JsonNode inboxItem(String conversation) {
        return StreamSupport.stream(client.getJson("/api/conversations?size=500", adminToken).spliterator(), false)
                .filter(item -> conversation.equals(item.path("id").asText())).findFirst().orElseThrow();
    }

    private List<JsonNode> agents() {
        return StreamSupport.stream(client.getJson("/api/agents", adminToken).spliterator(), false).toList();
    }

    private JsonNode timelineNote(String conversation) {
        return StreamSupport.stream(client.getJson("/api/conversations/" + conversation + "/messages", agentToken)
                        .spliterator(), false)
                .filter(message -> "note".equals(message.path("direction").asText())).findFirst().orElse(null);
    }
}
