package ke.co.datacare.whatsapp.app.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import ke.co.datacare.whatsapp.app.support.GraphStub;
import ke.co.datacare.whatsapp.app.support.IntegrationTest;
import ke.co.datacare.whatsapp.app.support.OwnDatabase;
import ke.co.datacare.whatsapp.app.support.ServiceClient;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Catching up after an outage, over HTTP: Meta redelivers what it could not deliver while the service was down, all at
 * once. 500 single-message webhooks from 300 customers, written over the last 30 hours, arrive at once, once at night
 * (250 from 150 customers) and once in the day (the other 250 from 150). The service's clock is set to each moment
 * (the scenario's Tuesday 22:00 and Wednesday 11:00 in Nairobi, so business hours do not depend on when the test
 * runs), and so is the clock that stamps the events, which is when the service recorded each message. What reaches
 * the Graph API stand-in must follow the time it is now, not the time the customer wrote: nothing at all to a customer
 * whose window closed, one reply per customer however many messages of theirs arrive late (the out-of-office reply at
 * night, the apology in the day), the ordinary answer to a message that is not late; every conversation is in the
 * inbox, the late ones found by the "arrived late" filter. The service has a database of its own.
 */
@TestPropertySource(properties = {"datacare.handoff.enabled=true", "datacare.handoff.reply-sla=15m"})
@Import({OutageReplayTest.ReplaySetup.class, OwnDatabase.class})
class OutageReplayTest extends IntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(OutageReplayTest.class);
    private static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");
    private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static final ZonedDateTime NEXT_WEDNESDAY = ZonedDateTime.now(NAIROBI)
            .with(TemporalAdjusters.next(DayOfWeek.WEDNESDAY));
    /** The night before the scenario's Wednesday: the team has gone home. */
    private static final Instant TUESDAY_22 = NEXT_WEDNESDAY.minusDays(1).with(LocalTime.of(22, 0)).toInstant();
    /** The scenario's Wednesday morning: the team is in (no holiday falls on a Wednesday in the shipped calendar). */
    private static final Instant WEDNESDAY_11 = NEXT_WEDNESDAY.with(LocalTime.of(11, 0)).toInstant();
    private static final int CUSTOMERS_PER_REPLAY = 150;
    private static final Duration SPREAD = Duration.ofHours(30);
    private static final Duration WINDOW = Duration.ofHours(24);
    private static final Duration STALE_AFTER = Duration.ofMinutes(15);
    /** The customers' numbers: a range of this test's own, as the stand-in is shared by the whole test run. */
    private static final long FIRST_NUMBER = 254788000000L + Math.floorMod(RUN.hashCode(), 100_000) * 1_000L;

    static final SettableClock CLOCK = new SettableClock();

    @TestConfiguration(proxyBeanMethods = false)
    static class ReplaySetup {

        /** The service's clock: set to the night, then to the day, and ticking from there. */
        @Bean
        @Primary
        Clock replayClock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void contextKeysOfThisRun(DynamicPropertyRegistry registry) {
        registry.add("datacare.chatbot.context.key-prefix", () -> "test:replay:" + RUN + ":");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private ServiceClient client;
    private String adminToken;

    @BeforeEach
    void setUp() {
        client = new ServiceClient(port, APP_SECRET);
        adminToken = client.login("admin@test.datacare.local", "admin-password");
        GenericEventMessage.clock = CLOCK;
    }

    @AfterEach
    void eventsStampedByTheSystemClockAgain() {
        GenericEventMessage.clock = Clock.systemUTC();
    }

    @Test
    void a_backlog_delivered_at_night_gets_one_out_of_office_reply_per_customer_and_nothing_past_the_window() {
        Replay replay = replay(TUESDAY_22, 0);

        for (Customer customer : replay.customers) {
            List<String> sent = replay.sendsTo(customer);
            if (customer.windowClosed()) {
                assertThat(sent).as("sends to %s, whose window closed", customer).isEmpty();
            } else {
                assertThat(sent).as("sends to %s", customer).hasSize(1);
                assertThat(sent.get(0)).contains("Our team is offline now");
            }
        }
        assertInbox(replay);
    }

    @Test
    void a_backlog_delivered_in_the_day_gets_one_apology_per_late_customer_and_live_messages_their_answer() {
        Replay replay = replay(WEDNESDAY_11, CUSTOMERS_PER_REPLAY);

        for (Customer customer : replay.customers) {
            List<String> sent = replay.sendsTo(customer);
            if (customer.windowClosed()) {
                assertThat(sent).as("sends to %s, whose window closed", customer).isEmpty();
            } else if (customer.late()) {
                assertThat(sent).as("sends to %s", customer).hasSize(1);
                assertThat(sent.get(0)).contains("your message reached us late");
            } else {
                assertThat(sent).as("sends to %s", customer).isNotEmpty()
                        .allSatisfy(body -> assertThat(body).doesNotContain("reached us late"));
                assertThat(sent.get(0)).as("the first of what %s got: %s", customer, sent).contains("Welcome to DataCare");
            }
        }
        assertInbox(replay);
        Customer late = replay.customers.stream().filter(Customer::late).filter(c -> !c.windowClosed()).findFirst()
                .orElseThrow();
        JsonNode message = StreamSupport.stream(client.getJson("/api/conversations/" + replay.conversations.get(late.waId)
                + "/messages", adminToken).spliterator(), false).filter(m -> "inbound".equals(m.path("direction").asText()))
                .findFirst().orElseThrow();
        assertThat(message.path("arrivedLate").path("bySeconds").asLong())
                .isBetween(late.oldestAge().toSeconds(), late.oldestAge().toSeconds() + 600);
    }

    // --- the replay ----------------------------------------------------------------------------------------------

    /**
     * Sets the clock to {@code now}, posts every customer's messages at once, and waits until the bot has decided on
     * every one of them and what it sent has reached the stand-in.
     */
    private Replay replay(Instant now, int firstCustomer) {
        CLOCK.set(now);
        List<Customer> customers = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS_PER_REPLAY; i++) {
            Customer customer = Customer.of(i, String.valueOf(FIRST_NUMBER + firstCustomer + i));
            customers.add(customer);
            for (int m = 0; m < customer.ages.size(); m++) {
                Instant wrote = now.minus(customer.ages.get(m));
                bodies.add(Webhooks.text(customer.waId, "Mteja", "wamid.replay-" + RUN + "-" + customer.waId + "-" + m,
                        wrote.getEpochSecond(), "Habari"));
            }
        }
        assertThat(bodies).hasSize(250);
        long started = System.nanoTime();
        postAtOnce(bodies);
        long acknowledged = System.nanoTime();
        Set<String> numbers = new HashSet<>(customers.stream().map(c -> c.waId).toList());
        Map<String, String> conversations = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> conversationsOf(numbers), found -> found.size() == numbers.size());
        int handedOff = (int) customers.stream().filter(c -> c.late() || now.equals(TUESDAY_22)).count();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> handoffsRequested(conversations.values()), count -> count >= handedOff);
        int replies = (int) customers.stream().filter(c -> !c.windowClosed()).count();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> customersSentTo(numbers), count -> count >= replies);
        double seconds = (System.nanoTime() - started) / 1e9;
        log.info("Outage replay at {}: 250 webhooks acknowledged in {} ms, decided and answered in {} s ({} messages/s)",
                now, (acknowledged - started) / 1_000_000, String.format("%.1f", seconds),
                String.format("%.1f", 250 / seconds));
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true); // anything sent twice would show up now
        return new Replay(customers, conversations, GraphStub.sends());
    }

    private void postAtOnce(List<String> bodies) {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<HttpResponse<String>>> posted = bodies.stream()
                    .map(body -> pool.submit(() -> client.postWebhook(body))).toList();
            for (Future<HttpResponse<String>> response : posted) {
                assertThat(response.get().statusCode()).isEqualTo(200);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdown();
        }
    }

    private Map<String, String> conversationsOf(Set<String> numbers) {
        Map<String, String> found = new HashMap<>();
        for (JsonNode item : client.getJson("/api/conversations?size=500", adminToken)) {
            String waId = item.path("contact").path("phoneNumber").asText().replace("+", "");
            if (numbers.contains(waId)) {
                found.put(waId, item.path("id").asText());
            }
        }
        return found;
    }

    private int handoffsRequested(java.util.Collection<String> conversations) {
        Integer count = jdbc.queryForObject("select count(distinct aggregate_identifier) from domain_event_entry "
                        + "where payload_type like '%.HandoffRequested' and aggregate_identifier = any (?)",
                Integer.class, (Object) conversations.toArray(String[]::new));
        return count == null ? 0 : count;
    }

    private static long customersSentTo(Set<String> numbers) {
        return GraphStub.sends().stream().map(OutageReplayTest::recipient).filter(numbers::contains).distinct().count();
    }

    /** Every conversation is in the inbox; the "arrived late" filter finds exactly the late ones. */
    private void assertInbox(Replay replay) {
        Set<String> flaggedLate = new HashSet<>();
        for (JsonNode item : client.getJson("/api/conversations?size=500&arrivedLate=true", adminToken)) {
            flaggedLate.add(item.path("contact").path("phoneNumber").asText().replace("+", ""));
            assertThat(item.path("arrivedLateBySeconds").asLong()).isGreaterThan(STALE_AFTER.toSeconds());
        }
        for (Customer customer : replay.customers) {
            assertThat(replay.conversations).containsKey(customer.waId);
            assertThat(flaggedLate.contains(customer.waId)).as("%s is flagged as arrived late", customer)
                    .isEqualTo(customer.late());
        }
        Integer templateNeeded = jdbc.queryForObject("select count(*) from domain_event_entry where payload_type like "
                        + "'%.HandoffRequested' and aggregate_identifier = any (?) and convert_from(payload, 'UTF8') like ?",
                Integer.class, (Object) replay.conversations.values().toArray(String[]::new),
                "%WINDOW_CLOSED_TEMPLATE_NEEDED%");
        assertThat(templateNeeded).isEqualTo((int) replay.customers.stream().filter(Customer::windowClosed).count());
    }

    private static String recipient(LoggedRequest request) {
        String body = request.getBodyAsString();
        int at = body.indexOf("\"to\":\"");
        return at < 0 ? "" : body.substring(at + 6, body.indexOf('"', at + 6));
    }

    private record Replay(List<Customer> customers, Map<String, String> conversations, List<LoggedRequest> sends) {

        /** What reached the stand-in for the customer, read receipts left out. */
        List<String> sendsTo(Customer customer) {
            return sends.stream().filter(request -> customer.waId.equals(recipient(request)))
                    .map(LoggedRequest::getBodyAsString).filter(body -> !body.contains("\"status\":\"read\""))
                    .toList();
        }
    }

    /**
     * One customer of a replay: customer {@code i} of 150 wrote {@code (i + 0.5) / 150} of 30 hours ago, two out of three
     * wrote again a minute later. No customer wrote within five minutes before the staleness or the end of the window
     * is reached, so that the time the replay takes cannot move a customer across either.
     */
    private record Customer(String waId, List<Duration> ages) {

        static Customer of(int i, String waId) {
            Duration age = Duration.ofSeconds(SPREAD.toSeconds() * (2L * i + 1) / (2L * CUSTOMERS_PER_REPLAY));
            age = awayFrom(awayFrom(age, WINDOW), STALE_AFTER);
            return new Customer(waId, i % 3 == 0 ? List.of(age) : List.of(age, age.minusMinutes(1)));
        }

        private static Duration awayFrom(Duration age, Duration boundary) {
            Duration margin = Duration.ofMinutes(5);
            if (age.compareTo(boundary.minus(margin)) > 0 && age.compareTo(boundary.plus(margin)) < 0) {
                return age.compareTo(boundary) < 0 ? boundary.minus(margin) : boundary.plus(margin);
            }
            return age;
        }

        Duration oldestAge() {
            return ages.get(0);
        }

        Duration newestAge() {
            return ages.get(ages.size() - 1);
        }

        boolean late() {
            return newestAge().compareTo(STALE_AFTER) > 0;
        }

        boolean windowClosed() {
            return newestAge().compareTo(WINDOW) >= 0;
        }
    }

    /** A clock that reads a chosen moment and ticks on from it. */
    static final class SettableClock extends Clock {

        private volatile Duration offset = Duration.ZERO;

        void set(Instant now) {
            offset = Duration.between(Instant.now(), now);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
