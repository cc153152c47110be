package ke.co.datacare.whatsapp.app.notifications;

import ke.co.datacare.whatsapp.app.support.OwnDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import ke.co.datacare.whatsapp.api.campaign.AudienceSpec;
import ke.co.datacare.whatsapp.api.campaign.CampaignCompleted;
import ke.co.datacare.whatsapp.api.campaign.CampaignContent;
import ke.co.datacare.whatsapp.api.campaign.CampaignDrafted;
import ke.co.datacare.whatsapp.api.campaign.CampaignId;
import ke.co.datacare.whatsapp.api.campaign.CampaignPaused;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.ConversationEscalated;
import ke.co.datacare.whatsapp.api.conversation.ReplyDeadlineMissed;
import ke.co.datacare.whatsapp.api.conversation.ReplyDeadlineSet;
import ke.co.datacare.whatsapp.app.security.Role;
import ke.co.datacare.whatsapp.app.security.UserAccounts;
import ke.co.datacare.whatsapp.app.support.IntegrationTest;
import ke.co.datacare.whatsapp.app.support.ServiceClient;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Email notifications through a real SMTP server in this JVM (GreenMail), on a service of its own (its own database,
 * SMTP configured). Events are published on the event bus as the aggregates and sagas would publish them.
 */
@Import(OwnDatabase.class)
class EmailNotificationsTest extends IntegrationTest {

    private static final ServerSetup SMTP = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    private static final String PASSWORD = "agent-password-1";

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(SMTP)
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(true);


    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", SMTP::getPort);
        registry.add("datacare.notifications.poll-interval", () -> "500ms");
        registry.add("datacare.notifications.first-retry", () -> "1s");
        registry.add("datacare.notifications.console-url", () -> "https://console.datacare.test");
    }

    @Autowired
    EventGateway events;
    @Autowired
    UserAccounts users;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DailyDigest digest;
    @LocalServerPort
    int port;

    private final ObjectMapper json = new ObjectMapper();
    private String agentEmail;
    private String agentId;

    @BeforeEach
    void anAgentOfThisTest() {
        agentEmail = "agent-" + UUID.randomUUID().toString().substring(0, 8) + "@test.datacare.local";
        agentId = users.create(agentEmail, PASSWORD, "Wanjiru Kamau", Role.AGENT).id();
    }

    @Test
    void an_escalation_is_emailed_to_its_agent_and_the_admins_without_customer_data() throws Exception {
        ConversationId conversation = ConversationId.derivedFrom("escalation-" + UUID.randomUUID());

        events.publish(new ConversationEscalated(conversation, agentId, "NO_AGENT_AVAILABLE", Instant.now()));

        List<MimeMessage> emails = received(2);
        assertThat(recipients(emails)).containsExactlyInAnyOrder(agentEmail, "admin@test.datacare.local");
        MimeMessage toAgent = to(emails, agentEmail);
        assertThat(toAgent.getSubject()).isEqualTo("Conversation escalated: the admins must step in");
        assertThat(GreenMailUtil.getBody(toAgent))
                .contains("NO_AGENT_AVAILABLE")
                .contains("https://console.datacare.test/conversations/" + conversation.value());
    }

    @Test
    void a_missed_reply_deadline_and_a_customer_waiting_with_no_agent_are_emailed() throws Exception {
        ConversationId conversation = ConversationId.derivedFrom("sla-" + UUID.randomUUID());
        Instant due = Instant.now();

        events.publish(new ReplyDeadlineSet(conversation, null, due, due.minusSeconds(900)));
        events.publish(new ReplyDeadlineMissed(conversation, agentId, due, due));

        List<MimeMessage> emails = received(3);
        assertThat(Arrays.stream(emails.toArray(MimeMessage[]::new)).map(EmailNotificationsTest::subject))
                .containsExactlyInAnyOrder("A customer is waiting and no agent is available",
                        "Reply overdue: a customer was not answered in time",
                        "Reply overdue: a customer was not answered in time");
    }

    @Test
    void a_user_who_turned_a_kind_off_is_not_told_of_it() throws Exception {
        String token = new ServiceClient(port, APP_SECRET).login(agentEmail, PASSWORD);
        HttpResponse<String> changed = new ServiceClient(port, APP_SECRET).put("/api/users/me/notifications", token,
                "{\"escalations\":false,\"slaBreaches\":true,\"waitingCustomers\":true,\"campaigns\":true,\"dailyDigest\":true}");
        assertThat(changed.statusCode()).isEqualTo(200);
        JsonNode mine = json.readTree(new ServiceClient(port, APP_SECRET).get("/api/users/me/notifications", token).body());
        assertThat(mine.path("escalations").asBoolean()).isFalse();

        events.publish(new ConversationEscalated(ConversationId.derivedFrom("quiet-" + UUID.randomUUID()), agentId,
                "REPLY_OVERDUE", Instant.now()));

        assertThat(recipients(received(1))).containsExactly("admin@test.datacare.local");
    }

    @Test
    void preferences_with_a_missing_field_are_refused_naming_it() {
        String token = new ServiceClient(port, APP_SECRET).login(agentEmail, PASSWORD);

        HttpResponse<String> refused = new ServiceClient(port, APP_SECRET).put("/api/users/me/notifications", token,
                "{\"escalations\":false}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(refused.body()).contains("slaBreaches");
    }

    @Test
    void a_campaign_completed_or_paused_by_meta_is_emailed_to_its_creator_but_a_users_own_pause_is_not() throws Exception {
        CampaignId campaign = CampaignId.fromUuid(UUID.randomUUID());
        Instant now = Instant.now();
        events.publish(new CampaignDrafted(campaign, "December offers",
                new CampaignContent("order_update", "en", List.of()), AudienceSpec.none(), null, agentId, now));
        events.publish(new CampaignPaused(campaign, null, agentId, now));
        events.publish(new CampaignPaused(campaign, "MESSAGING_LIMIT_REACHED", "system", now));
        events.publish(new CampaignCompleted(campaign, 3, 1, now));

        List<MimeMessage> emails = received(4);
        List<MimeMessage> toCreator = emails.stream().filter(email -> recipients(List.of(email)).contains(agentEmail)).toList();
        assertThat(toCreator).extracting(EmailNotificationsTest::subject)
                .containsExactlyInAnyOrder("Campaign paused: December offers", "Campaign completed: December offers");
        assertThat(GreenMailUtil.getBody(toCreator.stream()
                .filter(email -> subject(email).startsWith("Campaign completed")).findFirst().orElseThrow()))
                .contains("3 messages queued, 1 recipients skipped as opted out");
    }

    @Test
    void an_email_that_the_mail_server_refused_is_sent_once_it_is_back() throws Exception {
        mail.stop();
        events.publish(new ConversationEscalated(ConversationId.derivedFrom("outage-" + UUID.randomUUID()), agentId,
                "NO_AGENT_AVAILABLE", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> failedAttempts(agentEmail) > 0);

        mail.start();

        List<MimeMessage> emails = received(2);
        assertThat(recipients(emails)).contains(agentEmail);
        assertThat(jdbc.queryForObject("select count(*) from notification_outbox where recipient = ? and sent_at is not null",
                Integer.class, agentEmail)).isEqualTo(1);
    }

    @Test
    void the_daily_digest_goes_to_the_admins_once_a_day() throws Exception {
        digest.queue();
        digest.queue();

        List<MimeMessage> emails = received(1);
        assertThat(subject(emails.get(0))).startsWith("DataCare WhatsApp: the day of ");
        assertThat(GreenMailUtil.getBody(emails.get(0))).contains("Customers waiting for an agent now: ");
        assertThat(recipients(emails)).containsExactly("admin@test.datacare.local");
    }

    private int failedAttempts(String recipient) {
        Integer attempts = jdbc.queryForObject("select coalesce(max(attempts), 0) from notification_outbox "
                + "where recipient = ? and sent_at is null", Integer.class, recipient);
        return attempts == null ? 0 : attempts;
    }

    /** Waits for exactly {@code count} emails, then a moment more to see that no further one follows. */
    private List<MimeMessage> received(int count) throws InterruptedException {
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.getReceivedMessages().length >= count);
        Thread.sleep(1500);
        MimeMessage[] emails = mail.getReceivedMessages();
        assertThat(emails).hasSize(count);
        return List.of(emails);
    }

    private static List<String> recipients(List<MimeMessage> emails) {
        return emails.stream().flatMap(email -> {
            try {
                return Arrays.stream(email.getAllRecipients()).map(Object::toString);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static MimeMessage to(List<MimeMessage> emails, String recipient) {
        return emails.stream().filter(email -> recipients(List.of(email)).contains(recipient)).findFirst().orElseThrow();
    }

    private static String subject(MimeMessage email) {
        try {
            return email.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
