package ke.co.datacare.whatsapp.app.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.api.campaign.CampaignId;
import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.app.protection.CampaignAudienceNumbersMigration;
import ke.co.datacare.whatsapp.app.support.GraphStub;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Recipient rows resolved before audiences named contacts held the numbers (in {@code entry}, and in {@code wa_id}
 * for a number that was no contact yet). Migration V175 rewrites them as rows are written now: the entry names the
 * contact (or the entry's position when it was not a number), and only a pending row keeps the {@code wa_id} its
 * send needs.
 */
class CampaignRecipientNumbersMigrationTest extends SignedInTest {

    private static final String MIGRATION = "db/migration/V175__campaign_recipients_without_numbers.sql";

    @Autowired
    ApplicationContext context;
    @Autowired
    CampaignAudienceNumbersMigration v174;

    @AfterEach
    void restoreStub() {
        GraphStub.reset();
    }

    @Test
    void on_postgresql_flyway_rewrites_finished_recipients_to_contact_ids_and_positions_and_pending_ones_keep_their_number() {
        String url = TestDatabase.create("datacare_v175_" + Long.toHexString(System.nanoTime()));
        DriverManagerDataSource database = new DriverManagerDataSource(url, TestDatabase.USER, "");
        migratedByFlyway(database, List.of("classpath:db/migration", "classpath:db/vendor/postgresql"));
    }

    @Test
    void in_the_embedded_h2_mode_flyway_rewrites_them_the_same_way() {
        SingleConnectionDataSource database = new SingleConnectionDataSource("jdbc:h2:mem:v175_"
                + Long.toHexString(System.nanoTime()) + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;NON_KEYWORDS=VALUE,KEY", "sa", "", true);
        try {
            migratedByFlyway(database, List.of("classpath:db/migration", "classpath:db/vendor/h2"));
        } finally {
            database.destroy();
        }
    }

    /** The schema as it was before V175, rows as the resolver wrote them then, then V175 as Flyway runs it. */
    private void migratedByFlyway(javax.sql.DataSource database, List<String> locations) {
        Flyway.configure().dataSource(database).locations(locations.toArray(String[]::new)).javaMigrations(v174).target("174")
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false")).load().migrate();
        JdbcTemplate db = new JdbcTemplate(database);
        String campaign = CampaignId.fromUuid(UUID.randomUUID()).value();
        String fresh = number();
        String known = number();
        String pending = number();
        String optedOut = number();
        String erasedBefore = number();
        String knownContact = "c-" + UUID.randomUUID();
        insert(db, campaign, 0, "+" + fresh, contactOf(fresh).value(), fresh, "queued", null);
        insert(db, campaign, 1, fresh, contactOf(fresh).value(), null, "excluded", "DUPLICATE");
        insert(db, campaign, 2, "+" + known, knownContact, null, "queued", null);
        insert(db, campaign, 3, "0712 345", null, null, "excluded", "INVALID_PHONE_NUMBER");
        insert(db, campaign, 4, "+" + optedOut, contactOf(optedOut).value(), optedOut, "skipped", "OPTED_OUT");
        insert(db, campaign, 5, "no-such-contact", null, null, "excluded", "NO_WHATSAPP_IDENTITY");
        insert(db, campaign, 6, "erased", contactOf(erasedBefore).value(), null, "queued", null);
        insert(db, campaign, 7, "+" + pending, contactOf(pending).value(), pending, "pending", null);
        insert(db, campaign, 8, "#9", null, null, "excluded", "INVALID_PHONE_NUMBER");

        Flyway.configure().dataSource(database).locations(locations.toArray(String[]::new)).javaMigrations(v174).target("175")
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false")).load().migrate();

        assertThat(db.queryForList("select concat(entry, ' ', coalesce(wa_id, '-'), ' ', state) from campaign_recipient "
                + "where campaign_id = ? order by seq", String.class, campaign)).containsExactly(
                contactOf(fresh).value() + " - queued",
                contactOf(fresh).value() + " - excluded",
                knownContact + " - queued",
                "#4 - excluded",
                contactOf(optedOut).value() + " - skipped",
                "no-such-contact - excluded",
                "erased - queued",
                contactOf(pending).value() + " " + pending + " pending",
                "#9 - excluded");
        for (String number : List.of(fresh, known, optedOut, erasedBefore, "0712 345")) {
            assertThat(rowsHolding(db, number, "")).as(number).isZero();
        }
        assertThat(rowsHolding(db, pending, "and state <> 'pending'")).isZero();
        assertThat(db.queryForObject("select count(*) from flyway_schema_history where version = '175' and success",
                Integer.class)).isEqualTo(1);
    }

    @Test
    void a_recipient_pending_with_its_number_when_the_migration_runs_is_still_sent_to_that_number() {
        CampaignApi api = new CampaignApi(port);
        await().atMost(Duration.ofSeconds(20)).until(() -> client.post("/api/templates/sync", token, "{}").statusCode() == 200);
        List<String> numbers = IntStream.range(0, 5).mapToObj(i -> number()).toList();
        Instant now = Instant.now();
        long reached = jdbc.queryForObject("select count(*) from messaging_limit_recipient where last_sent_at > ?",
                Long.class, Timestamp.from(now.minus(Duration.ofHours(24))));
        // room for two: the campaign queues two recipients and waits with three pending
        List<Object[]> filler = IntStream.range(0, (int) (10_000 - 2 - reached))
                .mapToObj(i -> new Object[]{"v175-filler-" + i, Timestamp.from(now)}).toList();
        jdbc.batchUpdate("insert into messaging_limit_recipient (contact_id, last_sent_at) values (?, ?)", filler);
        SmartLifecycle dispatcher = context.getBean("campaignDispatcher", SmartLifecycle.class);
        try {
            String campaign = api.create(token, "{\"name\":\"Before V175 " + numbers.get(0) + "\",\"template\":{\"name\":"
                    + "\"december_offer\",\"language\":\"en\",\"parameters\":[{\"source\":\"profileName\",\"default\":"
                    + "\"customer\"}]},\"audience\":{}}");
            api.upload(campaign, token, "name,phone\n" + String.join("\n", numbers.stream().map(n -> "Customer,+" + n).toList()) + "\n");
            assertThat(api.control(campaign, "start", token).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> api.sends(campaign).size() == 2
                    && waitingReason(api.campaign(campaign, token)).equals("MESSAGING_LIMIT"));
            dispatcher.stop();
            // the rows as the resolver wrote them before: the number as uploaded, and its digits for a new number
            for (String number : numbers) {
                jdbc.update("update campaign_recipient set entry = ?, wa_id = ? where campaign_id = ? and contact_id = ?",
                        "+" + number, number, campaign, contactIdOf(number));
            }
            List<String> pendingBefore = pendingRows(campaign);
            assertThat(pendingBefore).hasSize(3);

            new ResourceDatabasePopulator(new ClassPathResource(MIGRATION)).execute(jdbc.getDataSource());

            assertThat(pendingRows(campaign)).as("what the sender reads of a pending row").isEqualTo(pendingBefore);
            for (String number : numbers) {
                assertThat(rowsHolding(jdbc, number, "and state <> 'pending'")).as(number).isZero();
            }
            jdbc.update("delete from messaging_limit_recipient where contact_id like 'v175-filler-%'");
            dispatcher.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> "completed".equals(api.status(campaign, token)));
            Map<String, Long> perRecipient = api.sendsPerRecipient(campaign);
            assertThat(perRecipient.keySet()).containsExactlyInAnyOrderElementsOf(numbers);
            assertThat(perRecipient.values()).allMatch(count -> count == 1);
            assertThat(jdbc.queryForList("select entry from campaign_recipient where campaign_id = ? order by seq",
                    String.class, campaign)).containsExactlyElementsOf(numbers.stream().map(this::contactIdOf).toList());
            assertThat(jdbc.queryForObject("select count(*) from campaign_recipient where campaign_id = ? and wa_id is not null",
                    Integer.class, campaign)).as("numbers left once the recipients were queued").isZero();
        } finally {
            jdbc.update("delete from messaging_limit_recipient where contact_id like 'v175-filler-%'");
            if (!dispatcher.isRunning()) {
                dispatcher.start();
            }
        }
    }

    /** What RecipientQueue reads of the pending rows: position, contact, number, partition. */
    private List<String> pendingRows(String campaign) {
        return jdbc.queryForList("select concat(seq, ' ', contact_id, ' ', coalesce(wa_id, '-'), ' ', partition_key) "
                + "from campaign_recipient where campaign_id = ? and state = 'pending' order by seq", String.class, campaign);
    }

    private String contactIdOf(String waId) {
        return jdbc.queryForObject("select contact_id from contact_identity where identity = ?", String.class,
                "wa_id:" + waId);
    }

    private static int rowsHolding(JdbcTemplate db, String number, String condition) {
        return db.queryForObject("select count(*) from campaign_recipient where (entry like concat('%', cast(? as varchar(32)), '%') "
                + "or wa_id like concat('%', cast(? as varchar(32)), '%')) " + condition, Integer.class, number, number);
    }

    private static void insert(JdbcTemplate db, String campaign, int seq, String entry, String contact, String waId,
                               String state, String reason) {
        db.update("insert into campaign_recipient (campaign_id, seq, entry, contact_id, wa_id, state, reason, message_id) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?)", campaign, seq, entry, contact, waId, state, reason,
                state.equals("queued") && contact != null ? CampaignId.of(campaign).messageIdFor(contact) : null);
    }

    private static String number() {
        return "25479" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    }

    private static ContactId contactOf(String waId) {
        return ContactId.derivedFrom("wa_id:" + waId);
    }

    /** Why the campaign waits, as its read model says; empty while the read model does not have the campaign yet. */
    private static String waitingReason(JsonNode campaign) {
        return campaign == null ? "" : campaign.path("waiting").path("reason").asText();
    }
}
