package ke.co.datacare.whatsapp.app.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.security.Role;
import ke.co.datacare.whatsapp.app.security.UserAccounts;
import ke.co.datacare.whatsapp.app.support.GraphStub;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Campaigns end to end: the whole service, PostgreSQL, and the stub Graph API, with the statuses Meta would send
 * fed back as signed webhooks. At the test rate (80 messages/s, 20% reserved for conversations) a campaign sends
 * at least 64 messages/s, and up to the whole rate while no conversation waits.
 */
class CampaignTest extends SignedInTest {

    private static final AtomicLong NUMBERS = new AtomicLong(254733000000L);
    private static final AtomicLong INBOUND = new AtomicLong();
    private static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");

    @Autowired
    UserAccounts users;
    @Autowired
    ApplicationContext context;
    @Autowired
    EventProcessingConfiguration processing;

    private CampaignApi api;

    @BeforeEach
    void setUp() {
        api = new CampaignApi(port);
        await().atMost(Duration.ofSeconds(20)).until(() -> client.post("/api/templates/sync", token, "{}").statusCode() == 200);
    }

    @AfterEach
    void restoreStub() {
        GraphStub.reset();
    }

    private static List<String> newNumbers(int count) {
        return IntStream.range(0, count).mapToObj(i -> String.valueOf(NUMBERS.incrementAndGet())).toList();
    }

    private static String csv(List<String> numbers) {
        return "name,phone\n" + numbers.stream().map(number -> "Customer,+" + number).collect(Collectors.joining("\n")) + "\n";
    }

    private static String offer(String name, String audience, String window) {
        return "{\"name\":\"" + name + "\",\"template\":{\"name\":\"december_offer\",\"language\":\"en\",\"parameters\":"
                + "[{\"source\":\"profileName\",\"default\":\"customer\"}]},\"audience\":" + audience
                + (window == null ? "" : ",\"sendWindow\":" + window) + "}";
    }

    /** A customer who wrote to us (so a contact with a profile name), optionally followed by STOP. */
    private String customerWrites(String waId, String name, String text) {
        long now = Instant.now().getEpochSecond();
        client.postWebhook(Webhooks.text(waId, name, "wamid.c" + waId + "." + INBOUND.incrementAndGet(), now, text));
        return waId;
    }

    private String contactIdOf(String waId) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForList(
                "select contact_id from contact_identity where identity = ?", String.class, "wa_id:" + waId), ids -> !ids.isEmpty()).get(0);
    }

    private void awaitStatus(String campaign, String status, Duration atMost) {
        await().atMost(atMost).until(() -> status.equals(api.status(campaign, token)));
    }

    /** Watches the stub for two seconds past {@code deadline}: no message of the campaign may arrive after it. */
    private void noSendsAfter(String campaign, Instant deadline) {
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(api.sends(campaign)).filteredOn(send -> send.at().isAfter(deadline))
                        .extracting(send -> Duration.between(deadline, send.at()).toMillis() + " ms late").isEmpty());
    }

    private String startedCampaign(List<String> numbers, String window) {
        String campaign = api.create(token, offer("Offer " + numbers.get(0), "{}", window));
        api.upload(campaign, token, csv(numbers));
        assertThat(api.control(campaign, "start", token).statusCode()).isEqualTo(202);
        return campaign;
    }

    @Test
    void a_campaign_reaches_every_recipient_once_leaves_out_opted_out_duplicate_and_invalid_entries_and_tracks_outcomes() {
        String wanjiku = customerWrites(String.valueOf(NUMBERS.incrementAndGet()), "Wanjiku Kamau", "Habari");
        String otieno = customerWrites(String.valueOf(NUMBERS.incrementAndGet()), "Otieno", "Hello");
        String stopper = customerWrites(String.valueOf(NUMBERS.incrementAndGet()), "Achieng", "Hi");
        customerWrites(stopper, "Achieng", "STOP");
        String wanjikuContact = contactIdOf(wanjiku);
        String otienoContact = contactIdOf(otieno);
        await().atMost(Duration.ofSeconds(15)).until(() -> Boolean.TRUE.equals(jdbc.query(
                "select opted_out from contact_consent where contact_id = ?", rs -> rs.next() ? rs.getBoolean(1) : null,
                contactIdOf(stopper))));
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject(
                "select count(*) from contact_view where contact_id = ? and profile_name is not null", Integer.class,
                wanjikuContact) == 1);
        List<String> fresh = newNumbers(300);
        List<String> uploaded = new ArrayList<>(fresh);
        uploaded.addAll(List.of(stopper, fresh.get(0), fresh.get(1)));
        String audience = "{\"contactIds\":[\"" + wanjikuContact + "\",\"" + otienoContact + "\",\"no-such-contact\"],"
                + "\"phoneNumbers\":[\"+" + otieno + "\",\"0712345678\"]}";
        String campaign = api.create(token, offer("December offer", audience, null));
        JsonNode upload = api.upload(campaign, token, csv(uploaded) + "Someone,not-a-number\n");
        assertThat(upload.path("phoneNumbers").asInt()).isEqualTo(303);
        assertThat(upload.path("rejected").asInt()).isEqualTo(1);
        assertThat(upload.path("rejectedRows").path(0).path("line").asInt()).isEqualTo(305);

        assertThat(api.control(campaign, "start", token).statusCode()).isEqualTo(202);
        awaitStatus(campaign, "completed", Duration.ofSeconds(90));

        Map<String, Long> perRecipient = api.sendsPerRecipient(campaign);
        Set<String> expected = new java.util.HashSet<>(fresh);
        expected.addAll(List.of(wanjiku, otieno));
        assertThat(perRecipient.keySet()).isEqualTo(expected);
        assertThat(perRecipient.values()).allMatch(count -> count == 1);
        List<CampaignApi.Send> sends = api.sends(campaign);
        Map<String, CampaignApi.Send> byNumber = CampaignApi.byRecipient(sends, CampaignApi.Send::to);
        assertThat(byNumber.get(wanjiku).firstParameter()).isEqualTo("Wanjiku Kamau");
        assertThat(byNumber.get(wanjiku).messageId()).isEqualTo("cmp-" + campaign + "-" + wanjikuContact);
        assertThat(byNumber.get(fresh.get(5)).firstParameter()).isEqualTo("customer");

        List<String> statuses = new ArrayList<>();
        long now = Instant.now().getEpochSecond();
        for (int i = 0; i < sends.size(); i++) {
            CampaignApi.Send send = sends.get(i);
            if (i < 3) {
                statuses.add(Webhooks.status(send.wamid(), send.to(), "failed", now));
                continue;
            }
            statuses.add(Webhooks.status(send.wamid(), send.to(), "sent", now));
            statuses.add(Webhooks.status(send.wamid(), send.to(), "delivered", now + 1));
            if (i % 2 == 0) {
                statuses.add(Webhooks.status(send.wamid(), send.to(), "read", now + 2));
            }
        }
        for (int from = 0; from < statuses.size(); from += 60) {
            client.postWebhook(Webhooks.statuses(statuses.subList(from, Math.min(statuses.size(), from + 60))));
        }
        customerWrites(sends.get(10).to(), "Customer", "Nataka offer hii");
        customerWrites(sends.get(11).to(), "Customer", "How do I get it?");

        int delivered = sends.size() - 3;
        int read = (int) IntStream.range(3, sends.size()).filter(i -> i % 2 == 0).count();
        JsonNode progress = await().atMost(Duration.ofSeconds(30)).until(() -> api.campaign(campaign, token).path("progress"),
                p -> p.path("delivered").asInt() == delivered && p.path("replied").asInt() == 2
                        && p.path("failed").asInt() == 3 && p.path("read").asInt() == read);
        assertThat(progress.path("entries").asInt()).isEqualTo(308);
        assertThat(progress.path("recipients").asInt()).isEqualTo(302);
        assertThat(progress.path("excluded").path("OPTED_OUT").asInt()).isEqualTo(1);
        assertThat(progress.path("excluded").path("DUPLICATE").asInt()).isEqualTo(3);
        assertThat(progress.path("excluded").path("INVALID_PHONE_NUMBER").asInt()).isEqualTo(1);
        assertThat(progress.path("excluded").path("NO_WHATSAPP_IDENTITY").asInt()).isEqualTo(1);
        assertThat(progress.path("queued").asInt()).isEqualTo(302);
        assertThat(progress.path("pending").asInt()).isZero();
        assertThat(progress.path("sent").asInt()).isEqualTo(delivered);
        assertThat(progress.path("failedByErrorCode").path("131026").asInt()).isEqualTo(3);

        HttpResponse<String> excluded = api.request("GET", "/api/campaigns/" + campaign + "/recipients?status=excluded",
                token, null, null);
        assertThat(excluded.headers().firstValue("X-Total-Count")).hasValue("6");
        assertThat(api.read(excluded.body()).findValuesAsText("reason")).contains("NO_WHATSAPP_IDENTITY", "OPTED_OUT");
        HttpResponse<String> failed = api.request("GET", "/api/campaigns/" + campaign + "/recipients?status=failed&size=10",
                token, null, null);
        assertThat(api.read(failed.body())).hasSize(3).allSatisfy(recipient ->
                assertThat(recipient.path("errorCode").asInt()).isEqualTo(131026));
        JsonNode list = api.read(api.request("GET", "/api/campaigns?status=completed", token, null, null).body());
        assertThat(list.findValuesAsText("id")).contains(campaign);
    }

    /** The stored payloads of a campaign's events of one type, as text. */
    private String payloadsOf(String campaign, String eventType) {
        return String.join("\n", jdbc.queryForList("select convert_from(payload, 'UTF8') from domain_event_entry "
                + "where aggregate_identifier = ? and payload_type = ?", String.class, campaign,
                "ke.co.datacare.whatsapp.api.campaign." + eventType));
    }

    @Test
    void an_uploaded_audience_becomes_contacts_at_the_upload_and_no_audience_event_or_row_names_a_number() {
        String known = customerWrites(String.valueOf(NUMBERS.incrementAndGet()), "Njeri", "Habari");
        String knownContact = contactIdOf(known);
        List<String> fresh = newNumbers(3);
        List<String> uploaded = new ArrayList<>(fresh);
        uploaded.addAll(List.of(known, fresh.get(0)));
        String campaign = api.create(token, offer("Contacts, not numbers " + fresh.get(0),
                "{\"phoneNumbers\":[\"+" + fresh.get(1) + "\",\"12-x\"]}", null));

        api.upload(campaign, token, csv(uploaded));

        Map<String, String> contactByNumber = uploaded.stream().distinct().collect(Collectors.toMap(number -> number,
                number -> jdbc.queryForObject("select contact_id from contact_identity where identity = ?",
                        String.class, "wa_id:" + number)));
        assertThat(contactByNumber.get(known)).isEqualTo(knownContact);
        assertThat(jdbc.queryForList("select entry from campaign_audience_entry where campaign_id = ? and source = 'upload' "
                + "order by seq", String.class, campaign)).containsExactlyElementsOf(uploaded.stream()
                .map(contactByNumber::get).toList());
        assertThat(api.control(campaign, "start", token).statusCode()).isEqualTo(202);
        awaitStatus(campaign, "completed", Duration.ofSeconds(60));

        assertThat(api.sendsPerRecipient(campaign).keySet()).containsExactlyInAnyOrderElementsOf(contactByNumber.keySet());
        assertThat(jdbc.queryForList("select entry || ' ' || reason from campaign_excluded_view where campaign_id = ? "
                + "order by seq", String.class, campaign)).containsExactly("#2 INVALID_PHONE_NUMBER",
                contactByNumber.get(fresh.get(1)) + " DUPLICATE", contactByNumber.get(fresh.get(0)) + " DUPLICATE");
        String records = payloadsOf(campaign, "CampaignAudienceUploaded") + payloadsOf(campaign, "CampaignAudienceResolved")
                + String.join(" ", jdbc.queryForList("select entry || coalesce(wa_id, '') from campaign_recipient "
                + "where campaign_id = ?", String.class, campaign));
        assertThat(records).contains(knownContact);
        assertThat(uploaded).allSatisfy(number -> assertThat(records).doesNotContain(number));
    }

    @Test
    void pause_resume_and_cancel_take_effect_within_a_second() {
        List<String> numbers = newNumbers(300);
        String campaign = startedCampaign(numbers, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.sends(campaign).size() >= 40);

        HttpResponse<String> pause = api.control(campaign, "pause", token);
        Instant pausedAt = Instant.now();
        assertThat(pause.statusCode()).isEqualTo(202);
        noSendsAfter(campaign, pausedAt.plusSeconds(1));
        int whilePaused = api.sends(campaign).size();
        assertThat(whilePaused).isLessThan(numbers.size());
        assertThat(api.control(campaign, "pause", token).statusCode()).isEqualTo(409);

        assertThat(api.control(campaign, "resume", token).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.sends(campaign).size() >= whilePaused + 40);

        HttpResponse<String> cancel = api.control(campaign, "cancel", token);
        Instant cancelledAt = Instant.now();
        assertThat(cancel.statusCode()).isEqualTo(202);
        noSendsAfter(campaign, cancelledAt.plusSeconds(1));
        assertThat(api.sends(campaign).size()).isLessThan(numbers.size());
        assertThat(api.sendsPerRecipient(campaign).values()).allMatch(count -> count == 1);
        awaitStatus(campaign, "cancelled", Duration.ofSeconds(10));
        HttpResponse<String> resumeCancelled = api.control(campaign, "resume", token);
        assertThat(resumeCancelled.statusCode()).isEqualTo(409);
        assertThat(api.read(resumeCancelled.body()).path("code").asText()).isEqualTo("CONFLICT");
        assertThat(api.read(resumeCancelled.body()).path("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void a_restart_of_the_dispatchers_in_the_middle_sends_nobody_twice_and_nobody_zero_times() {
        SmartLifecycle dispatcher = context.getBean("campaignDispatcher", SmartLifecycle.class);
        EventProcessor outbound = processing.eventProcessor("outbound-dispatch").orElseThrow();
        List<String> numbers = newNumbers(250);
        String campaign = startedCampaign(numbers, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.sends(campaign).size() >= 60);

        dispatcher.stop();
        outbound.shutDown();
        int queuedBeforeRestart = jdbc.queryForObject("select count(*) from campaign_recipient where campaign_id = ? "
                + "and state = 'queued'", Integer.class, campaign);
        // as if the marks of the last recipients queued had been lost: they are queued again after the restart
        int unmarked = jdbc.update("update campaign_recipient set state = 'pending', message_id = null where campaign_id = ? "
                + "and state = 'queued' and seq >= ?", campaign, Math.max(0, queuedBeforeRestart - 20));
        assertThat(unmarked).isPositive();
        outbound.start();
        dispatcher.start();

        awaitStatus(campaign, "completed", Duration.ofSeconds(60));
        Map<String, Long> perRecipient = api.sendsPerRecipient(campaign);
        assertThat(perRecipient.keySet()).containsExactlyInAnyOrderElementsOf(numbers);
        assertThat(perRecipient.values()).allMatch(count -> count == 1);
    }

    @Test
    void a_scheduled_campaign_starts_by_itself_and_waits_for_its_send_window() {
        List<String> numbers = newNumbers(20);
        LocalTime opens = LocalTime.now(NAIROBI).plusSeconds(6).withNano(0);
        String window = "{\"from\":\"" + opens + "\",\"to\":\"" + opens.plusHours(1) + "\",\"zone\":\"Africa/Nairobi\"}";
        String campaign = api.create(token, offer("Window " + numbers.get(0), "{}", window));
        api.upload(campaign, token, csv(numbers));
        Instant startAt = Instant.now().plusSeconds(2);

        HttpResponse<String> schedule = api.post("/api/campaigns/" + campaign + "/schedule", token,
                "{\"startAt\":\"" + startAt + "\"}");

        assertThat(schedule.statusCode()).isEqualTo(202);
        assertThat(api.read(schedule.body()).path("status").asText()).isEqualTo("scheduled");
        assertThat(api.request("PUT", "/api/campaigns/" + campaign, token, "application/json",
                offer("Changed", "{}", null)).statusCode()).isEqualTo(409);
        JsonNode waiting = await().atMost(Duration.ofSeconds(10)).until(() -> api.campaign(campaign, token),
                c -> c.path("waiting").path("reason").asText().equals("SEND_WINDOW"));
        assertThat(waiting.path("status").asText()).isEqualTo("running");
        assertThat(api.sends(campaign)).isEmpty();
        awaitStatus(campaign, "completed", Duration.ofSeconds(30));
        assertThat(api.sends(campaign)).hasSize(20).allSatisfy(send ->
                assertThat(send.at().atZone(NAIROBI).toLocalTime()).isAfterOrEqualTo(opens));
    }

    @Test
    void a_campaign_larger_than_the_messaging_limit_left_continues_when_room_frees_up() {
        Instant now = Instant.now();
        long reached = jdbc.queryForObject("select count(*) from messaging_limit_recipient where last_sent_at > ?",
                Long.class, Timestamp.from(now.minus(Duration.ofHours(24))));
        int filler = (int) (10_000 - 5 - reached);
        // room frees up 30 s from now: time enough to see the campaign wait even on a busy machine
        Timestamp leavesSoon = Timestamp.from(now.minus(Duration.ofHours(24)).plusSeconds(30));
        List<Object[]> rows = IntStream.range(0, filler).mapToObj(i -> new Object[]{"filler-" + i, leavesSoon}).toList();
        jdbc.batchUpdate("insert into messaging_limit_recipient (contact_id, last_sent_at) values (?, ?)", rows);
        try {
            List<String> numbers = newNumbers(15);
            String campaign = startedCampaign(numbers, null);

            JsonNode waiting = await().atMost(Duration.ofSeconds(25)).until(() -> api.campaign(campaign, token),
                    c -> c.path("waiting").path("reason").asText().equals("MESSAGING_LIMIT"));
            assertThat(waiting.path("status").asText()).isEqualTo("running");
            await().atMost(Duration.ofSeconds(10)).until(() -> api.sends(campaign).size() == 5);
            assertThat(jdbc.queryForObject("select count(*) from campaign_recipient where campaign_id = ? and state = 'pending'",
                    Integer.class, campaign)).as("waiting for room").isEqualTo(10);
            awaitStatus(campaign, "completed", Duration.ofSeconds(60));
            assertThat(api.sendsPerRecipient(campaign).keySet()).containsExactlyInAnyOrderElementsOf(numbers);
        } finally {
            jdbc.update("delete from messaging_limit_recipient where contact_id like 'filler-%'");
        }
    }

    @Test
    void analysts_read_campaigns_but_may_not_create_or_control_them() {
        String email = "analyst-" + UUID.randomUUID() + "@test.datacare.local";
        users.create(email, "analyst-password", "Analyst", Role.ANALYST);
        String analyst = client.login(email, "analyst-password");
        String campaign = api.create(token, offer("Read only", "{\"phoneNumbers\":[\"+" + NUMBERS.incrementAndGet() + "\"]}", null));

        assertThat(api.post("/api/campaigns", analyst, offer("No", "{}", null)).statusCode()).isEqualTo(403);
        assertThat(api.control(campaign, "start", analyst).statusCode()).isEqualTo(403);
        assertThat(await().atMost(Duration.ofSeconds(10)).until(() -> api.campaign(campaign, analyst), c -> c != null)
                .path("status").asText()).isEqualTo("draft");
        assertThat(api.request("GET", "/api/campaigns", analyst, null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void a_campaign_needs_an_approved_template_with_its_parameters_and_a_valid_audience() {
        HttpResponse<String> pending = api.post("/api/campaigns", token, "{\"name\":\"x\",\"template\":{\"name\":"
                + "\"draft_notice\",\"language\":\"en\"},\"audience\":{\"phoneNumbers\":[\"+254733999999\"]}}");
        HttpResponse<String> parameters = api.post("/api/campaigns", token, "{\"name\":\"x\",\"template\":{\"name\":"
                + "\"order_update\",\"language\":\"en\",\"parameters\":[{\"source\":\"profileName\"}]}}");
        HttpResponse<String> tags = api.post("/api/campaigns", token, offer("Tagged", "{\"tags\":[\"not/a tag\"]}", null));
        HttpResponse<String> noAudience = api.control(api.create(token, offer("Empty", "{}", null)), "start", token);

        assertThat(api.read(pending.body()).path("code").asText()).isEqualTo("TEMPLATE_NOT_APPROVED");
        assertThat(parameters.statusCode()).isEqualTo(400);
        assertThat(tags.statusCode()).isEqualTo(400);
        assertThat(api.read(tags.body()).path("errors").path(0).path("field").asText()).isEqualTo("audience.tags");
        assertThat(noAudience.statusCode()).isEqualTo(400);
        assertThat(api.control("0000000000000000", "start", token).statusCode()).isEqualTo(404);
    }
}
