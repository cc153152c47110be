package ke.co.datacare.whatsapp.app.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.inbox.FindConversation;
import ke.co.datacare.whatsapp.api.inbox.FindInbox;
import ke.co.datacare.whatsapp.api.inbox.FindTimeline;
import ke.co.datacare.whatsapp.api.inbox.InboxItem;
import ke.co.datacare.whatsapp.api.inbox.InboxPage;
import ke.co.datacare.whatsapp.api.inbox.TimelinePage;
import ke.co.datacare.whatsapp.api.query.FindAgentAnalytics;
import ke.co.datacare.whatsapp.api.query.FindAnalyticsOverview;
import ke.co.datacare.whatsapp.api.query.ContactPage;
import ke.co.datacare.whatsapp.api.query.FindContacts;
import ke.co.datacare.whatsapp.api.query.CostAnalytics;
import ke.co.datacare.whatsapp.api.query.FindCostAnalytics;
import ke.co.datacare.whatsapp.api.query.FindTemplateAnalytics;
import ke.co.datacare.whatsapp.app.support.TestDatabase;
import ke.co.datacare.whatsapp.query.analytics.RateCard;
import ke.co.datacare.whatsapp.query.paging.SearchTerms;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.math.BigDecimal;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every read of the inbox, the contacts and the timelines is answered from indexes: at 50,000 conversations and
 * 505,000 messages (filled with generated rows, then analyzed: enough for PostgreSQL to prefer an index wherever one
 * serves), the plan of each SQL statement a read runs ({@code EXPLAIN (FORMAT JSON)} with its real arguments) has no
 * sequential scan of the big tables. A new filter without its index fails here. The analytics endpoints, over a year,
 * read only their daily rollups, none of the rows kept per answer, episode, message or contact (the costs too: their
 * daily counts, not the {@code ReadModelFill#PRICED_MESSAGES} priced messages).
 * <p>
 * The tag filter is checked for a tag on 1 % of the contacts and one on 10 %: a page reads the tag's rows of
 * {@code inbox_conversation_tag} in page order and stops after the page. Searches are checked for a rare word, a name prefix that 1,000 contacts share, a word in 4 % of the
 * messages and a broad search combined with a filter: each reads a bounded candidate set through its index.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadPlansTest {

    private static final Set<String> BIG_TABLES = Set.of("inbox_conversation", "contact_view", "contact_view_tag",
            "timeline_message", "message_status", "inbox_conversation_tag");
    private static final int CONVERSATIONS = 50_000;

    /** Rows per answer, episode, message or contact: the analytics endpoints read their daily rollups instead. */
    private static final Set<String> ANALYTICS_DETAIL = Set.of("analytics_response", "analytics_episode_log",
            "analytics_episode", "analytics_handoff", "analytics_assignment", "analytics_template_message",
            "analytics_contact_activity", "analytics_contact", "analytics_message_cost");

    private final ObjectMapper json = new ObjectMapper();
    private ExplainingJdbc jdbc;
    private Object inbox;
    private Object contacts;
    private Object analytics;
    private Object costs;

    @BeforeAll
    void fill() throws Exception {
        String url = TestDatabase.create("datacare_plans_" + Long.toHexString(System.nanoTime()));
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url, TestDatabase.USER, "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/postgresql")
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false")).load().migrate();
        try (Connection connection = dataSource.getConnection()) {
            ReadModelFill.fill(connection, CONVERSATIONS, "admin-1");
        }
        jdbc = new ExplainingJdbc(dataSource);
        // what the tables and their indexes take at this size (docs/operations.md scales these per million messages)
        new JdbcTemplate(dataSource).queryForList("select c.relname || case when c.relkind = 'i' then ' (index)' else '' "
                + "end || ' ' || pg_relation_size(c.oid) from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                + "where n.nspname = 'public' and (c.relname in ('timeline_message', 'message_status', 'inbox_conversation', "
                + "'contact_view') or c.oid in (select indexrelid from pg_index where indrelid in ('timeline_message'::regclass, "
                + "'message_status'::regclass, 'inbox_conversation'::regclass, 'contact_view'::regclass))) order by 1",
                String.class).forEach(size -> System.out.println("size " + size));
        inbox = construct("ke.co.datacare.whatsapp.query.inbox.InboxQueries", jdbc, Clock.systemUTC());
        contacts = construct("ke.co.datacare.whatsapp.query.contacts.ContactQueries", jdbc);
        analytics = construct("ke.co.datacare.whatsapp.query.analytics.AnalyticsQueries", jdbc);
        costs = construct("ke.co.datacare.whatsapp.query.analytics.CostQueries", jdbc, new RateCard("USD", List.of()));
    }

    @Test
    void every_inbox_filter_and_search_reads_through_an_index() throws Exception {
        Map<String, FindInbox> reads = new LinkedHashMap<>();
        reads.put("first page", inbox(null, null, null, null, null, null, null));
        reads.put("status", inbox("open", null, null, null, null, null, null));
        reads.put("assignee", inbox(null, "agent-3", null, null, null, null, null));
        reads.put("unassigned", inbox(null, null, true, null, null, null, null));
        reads.put("window open", inbox(null, null, null, "open", null, null, null));
        reads.put("unread", inbox(null, null, null, null, true, null, null));
        reads.put("assigned, unread, window open", inbox("assigned", null, null, "open", true, null, null));
        reads.put("mine and assigned", inbox("assigned", "admin-1", null, null, null, null, null));
        reads.put("search by name", inbox(null, null, null, null, null, "Wanjiru Kamau", null));
        reads.put("search by phone", inbox(null, null, null, null, null, "0700012345", null));
        reads.put("search by message words", inbox(null, null, null, null, null, "kiwanda", null));
        reads.put("search by name prefix", inbox(null, null, null, null, null, "Nyambu", null));
        reads.put("search by a common word", inbox(null, null, null, null, null, "habari", null));
        reads.put("search with a filter", inbox("open", null, null, null, null, "Wanjiru", null));
        reads.put("tag", inbox(null, null, null, null, null, null, "vip"));
        reads.put("tag and status", inbox("open", null, null, null, null, null, "vip"));
        reads.put("common tag", inbox(null, null, null, null, null, null, "nairobi"));
        reads.put("tag and unread", inbox(null, null, null, null, true, null, "nairobi"));
        reads.put("tag and assignee", inbox(null, "agent-3", null, null, null, null, "nairobi"));
        reads.put("tag and window open", inbox(null, null, null, "open", null, null, "nairobi"));
        reads.put("search with a tag", inbox(null, null, null, null, null, "Wanjiru", "vip"));
        reads.put("search by a common word with a tag", inbox(null, null, null, null, null, "habari", "nairobi"));
        reads.put("arrived late", new FindInbox(null, null, null, null, null, null, null, 0, 50, null, true));
        reads.put("window open, arrived late", new FindInbox(null, null, null, "open", null, null, null, 0, 50, null, true));
        for (Map.Entry<String, FindInbox> read : reads.entrySet()) {
            assertIndexed(read.getKey(), () -> call(inbox, read.getValue()));
        }
        InboxPage first = (InboxPage) call(inbox, inbox(null, null, null, null, null, null, null));
        assertIndexed("page after a cursor", () -> call(inbox, new FindInbox(null, null, null, null, null, null, null, 0,
                50, first.nextCursor())));
        assertIndexed("one conversation", () -> call(inbox, new FindConversation("v42")));
    }

    @Test
    void only_a_search_for_common_words_walks_the_newest_messages_the_others_go_straight_to_the_full_text_index()
            throws Exception {
        Map<String, Boolean> searches = new LinkedHashMap<>();
        searches.put("Wanjiru Kamau", false);
        searches.put("Nyambu", false);
        searches.put("kiwanda", false);
        searches.put("0700012345", false);
        searches.put("habari", true);
        searches.put("habari tafadhali", true);
        for (Map.Entry<String, Boolean> search : searches.entrySet()) {
            assertIndexed("search " + search.getKey(), () -> call(inbox, inbox(null, null, null, null, null,
                    search.getKey(), null)));
            List<String> indexes = new ArrayList<>();
            for (String plan : jdbc.plans) {
                indexNames(json.readTree(plan), indexes);
            }
            if (search.getValue()) {
                assertThat(indexes).as("search " + search.getKey()).contains("timeline_message_recent");
            } else {
                assertThat(indexes).as("search " + search.getKey()).doesNotContain("timeline_message_recent");
            }
        }
    }

    @Test
    void a_common_word_is_found_in_the_newest_messages_whatever_their_case_or_accents_and_only_as_a_word()
            throws Exception {
        JdbcTemplate plain = new JdbcTemplate(jdbc.getDataSource());
        String insert = "insert into timeline_message (message_key, conversation_id, direction, wamid, type, text, sender, "
                + "sent_at, event_index) values (?, ?, 'in', ?, 'text', ?, 'customer', now() + interval '1 hour', ?)";
        plain.update(insert, "newest-accented", "v7", "wamid.newest-accented", "Habári, naomba msaada", 9_000_001);
        plain.update(insert, "newest-capitals", "v8", "wamid.newest-capitals", "HABARI ZA ASUBUHI", 9_000_002);
        plain.update(insert, "newest-inside", "v9", "wamid.newest-inside", "mahabari yote", 9_000_003);
        try {
            InboxPage page = (InboxPage) call(inbox, inbox(null, null, null, null, null, "habari", null));
            Map<String, String> matches = new LinkedHashMap<>();
            page.items().forEach(item -> matches.put(item.id(), item.match().messageId()));
            assertThat(matches).containsEntry("v7", "newest-accented").containsEntry("v8", "newest-capitals");
            assertThat(matches.get("v9")).isNotEqualTo("newest-inside");
        } finally {
            plain.update("delete from timeline_message where message_key like 'newest-%'");
        }
    }

    @Test
    void a_contacts_search_by_name_prefix_finds_every_name_starting_with_it_without_its_accents() throws Exception {
        JdbcTemplate plain = new JdbcTemplate(jdbc.getDataSource());
        for (String search : List.of("Nyambu", "NYAMBURA K", "José", "Zoë", "Chlo")) {
            String folded = SearchTerms.fold(search);
            long starting = plain.queryForObject("select count(*) from contact_view where "
                    + "public.datacare_fold(profile_name) like ?", Long.class, folded + "%");
            ContactPage page = (ContactPage)
                    call(contacts, new FindContacts(search, null, 0, 50));
            assertThat(starting).as(search).isPositive();
            assertThat(page.total()).as(search).isGreaterThanOrEqualTo(Math.min(starting, 1001));
            assertThat(page.items()).as(search).allSatisfy(contact -> assertThat(
                    SearchTerms.fold(contact.profileName())).contains(folded));
        }
    }

    @Test
    void a_contacts_search_by_name_reads_the_names_starting_with_it_from_a_b_tree() throws Exception {
        assertIndexed("contacts by name prefix", () -> call(contacts, new FindContacts("Nyambu", null, 0, 50)));
        List<String> indexes = new ArrayList<>();
        for (String plan : jdbc.plans) {
            indexNames(json.readTree(plan), indexes);
        }
        assertThat(indexes).as("contacts by name prefix").contains("contact_view_name_prefix");
    }

    @Test
    void searches_by_number_read_the_numbers_starting_with_it_from_a_b_tree_in_the_plan_postgresql_keeps_for_them()
            throws Exception {
        for (String number : List.of("+254700012345", "0700012345")) {
            jdbc.statements.clear();
            InboxPage page = (InboxPage) call(inbox, inbox(null, null, null, null, null, number, null));
            assertThat(page.items()).as(number).isNotEmpty()
                    .allSatisfy(item -> assertThat(item.contact().phoneNumber()).contains("700012345"));
            List<String> indexes = new ArrayList<>();
            for (Object[] statement : jdbc.statements) {
                indexNames(json.readTree(genericPlan((String) statement[0], (Object[]) statement[1])), indexes);
            }
            assertThat(indexes).as(number).contains("contact_view_number_prefix")
                    .doesNotContain("contact_view_number_search");

            jdbc.statements.clear();
            ContactPage contactsFound = (ContactPage) call(contacts, new FindContacts(number, null, 0, 50));
            assertThat(contactsFound.items()).as("contacts " + number).hasSize(1);
            List<String> contactIndexes = new ArrayList<>();
            for (Object[] statement : jdbc.statements) {
                indexNames(json.readTree(genericPlan((String) statement[0], (Object[]) statement[1])), contactIndexes);
            }
            assertThat(contactIndexes).as("contacts " + number).contains("contact_view_number_prefix")
                    .doesNotContain("contact_view_number_search");
        }
    }

    /**
     * The plan PostgreSQL may keep for a prepared statement after five runs, made without its arguments (as the
     * service's statements are planned, under {@code IndexPlans}' settings).
     */
    private String genericPlan(String sql, Object[] args) throws Exception {
        StringBuilder numbered = new StringBuilder();
        int parameter = 0;
        for (char c : sql.toCharArray()) {
            numbered.append(c == '?' ? "$" + ++parameter : String.valueOf(c));
        }
        List<String> literals = new ArrayList<>();
        for (Object arg : args) {
            literals.add(arg instanceof Number ? arg.toString() : "'" + String.valueOf(arg).replace("'", "''") + "'");
        }
        try (Connection connection = jdbc.getDataSource().getConnection();
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("set enable_seqscan = off");
            statement.execute("set plan_cache_mode = force_generic_plan");
            statement.execute("prepare kept as " + numbered);
            try (java.sql.ResultSet plan = statement.executeQuery("explain (format json) execute kept("
                    + String.join(", ", literals) + ")")) {
                plan.next();
                return plan.getString(1);
            }
        }
    }

    @Test
    void an_inbox_search_by_name_reads_the_names_starting_with_it_the_trigram_index_only_when_too_few_do_and_names_for_its_page()
            throws Exception {
        jdbc.analyze = true;
        try {
            jdbc.plans.clear();
            InboxPage nyambu = (InboxPage) call(inbox, inbox(null, null, null, null, null, "Nyambu", null));
            String plan = jdbc.plans.get(0);
            assertThat(nyambu.items()).hasSize(50).allSatisfy(item -> assertThat(item.contact().name()).startsWith("Nyambu"));
            assertThat(tagRowsRead(plan, "contact_view_name_prefix")).as("names starting with it").isPositive();
            assertThat(indexLoops(plan, "contact_view_name_search")).as("trigram scans of Nyambu").isZero();
            assertThat(indexLoops(plan, "contact_view_pkey")).as("names read of 200 candidates for a page of 50")
                    .isBetween(1L, 50L);

            jdbc.plans.clear();
            InboxPage odhiambo = (InboxPage) call(inbox, inbox(null, null, null, null, null, "Odhiambo", null));
            assertThat(odhiambo.items()).isNotEmpty()
                    .allSatisfy(item -> assertThat(item.contact().name()).contains("Odhiambo"));
            assertThat(indexLoops(jdbc.plans.get(0), "contact_view_name_search")).as("trigram scans of Odhiambo").isPositive();
        } finally {
            jdbc.analyze = false;
        }
    }

    /** How many times the statement's execution read from an index (EXPLAIN ANALYZE; 0: never executed). */
    private long indexLoops(String plan, String index) throws Exception {
        List<JsonNode> scans = new ArrayList<>();
        nodes(json.readTree(plan), scans);
        return scans.stream().filter(node -> index.equals(node.path("Index Name").asText()))
                .mapToLong(node -> node.path("Actual Loops").asLong()).sum();
    }

    @Test
    void a_page_of_a_tag_reads_the_tags_rows_in_page_order_and_stops_after_the_page() throws Exception {
        jdbc.analyze = true;
        try {
            for (String tag : new String[]{"nairobi", "vip"}) {
                jdbc.plans.clear();
                InboxPage first = (InboxPage) call(inbox, inbox(null, null, null, null, null, null, tag));
                assertThat(first.items()).hasSize(50);
                assertThat(tagRowsRead(jdbc.plans.get(jdbc.plans.size() - 1))).as("first page of " + tag).isEqualTo(50);
                jdbc.plans.clear();
                InboxPage next = (InboxPage) call(inbox, new FindInbox(null, null, null, null, null, null, tag, 0, 50,
                        first.nextCursor()));
                assertThat(jdbc.plans).as("a page after a cursor is not counted").hasSize(1);
                assertThat(tagRowsRead(jdbc.plans.get(0))).as("next page of " + tag).isEqualTo(50);
                assertThat(next.items().get(0).lastActivityAt()).isBeforeOrEqualTo(first.items().get(49).lastActivityAt());
            }
        } finally {
            jdbc.analyze = false;
        }
    }

    @Test
    void a_tag_and_a_status_read_only_their_page_and_other_filters_are_checked_on_each_conversation() throws Exception {
        JdbcTemplate plain = new JdbcTemplate(jdbc.getDataSource());
        String[][] reads = {{"vip", "resolved", null}, {"vip", "open", null}, {"nairobi", "open", null},
                {"nairobi", null, "c.unread_count > 0"}, {"fibre", "assigned", "c.unread_count > 0"}};
        jdbc.analyze = true;
        try {
            for (String[] read : reads) {
                String tag = read[0];
                String status = read[1];
                String where = " from inbox_conversation c join contact_view_tag t on t.contact_id = c.contact_id and "
                        + "t.tag = '" + tag + "' where true" + (status == null ? "" : " and c.status = '" + status + "'")
                        + (read[2] == null ? "" : " and " + read[2]);
                jdbc.plans.clear();
                InboxPage page = (InboxPage) call(inbox, new FindInbox(status, null, null, null,
                        read[2] == null ? null : true, null, tag, 0, 50, null));
                List<String> expected = plain.queryForList("select c.conversation_id" + where + " order by "
                        + "c.last_activity_at desc, c.conversation_id desc limit 50", String.class);
                assertThat(page.items()).as(String.join(" ", tag, status, read[2])).extracting(InboxItem::id)
                        .containsExactlyElementsOf(expected);
                assertThat(page.total()).isEqualTo(plain.queryForObject("select count(*)" + where, Long.class));
                if (read[2] == null) {
                    assertThat(tagRowsRead(jdbc.plans.get(jdbc.plans.size() - 1), "inbox_conversation_tag_status_page"))
                            .as(tag + " and " + status).isEqualTo(expected.size());
                }
            }
        } finally {
            jdbc.analyze = false;
        }
    }

    @Test
    void a_search_with_a_tag_checks_its_candidates_on_their_own_tag_rows_not_on_the_contacts_tags() throws Exception {
        JdbcTemplate plain = new JdbcTemplate(jdbc.getDataSource());
        for (String[] read : new String[][]{{"Wanjiru", "vip"}, {"habari", "nairobi"}}) {
            jdbc.plans.clear();
            InboxPage page = (InboxPage) call(inbox, inbox(null, null, null, null, null, read[0], read[1]));
            List<String> relations = new ArrayList<>();
            for (String plan : jdbc.plans) {
                relations(json.readTree(plan), relations);
            }
            assertThat(relations).as(read[0] + " tagged " + read[1]).contains("inbox_conversation_tag")
                    .doesNotContain("contact_view_tag");
            assertThat(page.items()).as(read[0] + " tagged " + read[1]).isNotEmpty().allSatisfy(item ->
                    assertThat(plain.queryForObject("select count(*) from inbox_conversation_tag where conversation_id "
                            + "= ? and tag = ?", Long.class, item.id(), read[1])).isEqualTo(1));
        }
    }

    @Test
    void a_tag_with_unread_an_assignee_or_an_open_window_reads_only_its_page_of_the_tags_rows() throws Exception {
        JdbcTemplate plain = new JdbcTemplate(jdbc.getDataSource());
        // every retail conversation is unread, no nairobi one; agent-4 holds nairobi conversations, agent-3 none
        String[][] reads = {{"retail", null, null, "true"}, {"nairobi", null, null, "true"},
                {"nairobi", "agent-4", null, null}, {"nairobi", "agent-3", null, null}, {"nairobi", null, "open", null}};
        jdbc.analyze = true;
        try {
            for (String[] read : reads) {
                String tag = read[0];
                String since = "now() - interval '24 hours'";
                String where = " from inbox_conversation c join inbox_conversation_tag g on g.conversation_id = "
                        + "c.conversation_id and g.tag = '" + tag + "' where true"
                        + (read[1] == null ? "" : " and c.assignee = '" + read[1] + "'")
                        + (read[2] == null ? "" : " and c.last_customer_message_at > " + since)
                        + (read[3] == null ? "" : " and c.unread_count > 0");
                List<String> expected = plain.queryForList("select c.conversation_id" + where + " order by "
                        + "c.last_activity_at desc, c.conversation_id desc limit 50", String.class);
                jdbc.plans.clear();
                InboxPage page = (InboxPage) call(inbox, new FindInbox(null, read[1], null, read[2],
                        read[3] == null ? null : true, null, tag, 0, 50, null));
                String name = tag + " and " + (read[1] != null ? read[1] : read[2] != null ? "open window" : "unread");
                assertThat(page.items()).as(name).extracting(InboxItem::id).containsExactlyElementsOf(expected);
                assertThat(page.total()).as(name).isEqualTo(plain.queryForObject("select count(*)" + where, Long.class));
                long rowsRead = tagTableRowsRead(jdbc.plans.get(jdbc.plans.size() - 1));
                if (read[2] == null) {
                    assertThat(rowsRead).as(name + ": the tag's rows read for its page").isEqualTo(expected.size());
                } else {
                    assertThat(rowsRead).as(name + ": the tag's rows read, down to the window's start")
                            .isLessThanOrEqualTo(plain.queryForObject("select count(*) from inbox_conversation_tag "
                                    + "where tag = ? and last_activity_at > " + since, Long.class, tag));
                }
            }
        } finally {
            jdbc.analyze = false;
        }
    }

    /** The rows the statement read from {@code inbox_conversation_tag}, through any index (EXPLAIN ANALYZE). */
    private long tagTableRowsRead(String plan) throws Exception {
        List<JsonNode> scans = new ArrayList<>();
        nodes(json.readTree(plan), scans);
        return scans.stream().filter(node -> "inbox_conversation_tag".equals(node.path("Relation Name").asText()))
                .mapToLong(node -> node.path("Actual Rows").asLong() * node.path("Actual Loops").asLong()).sum();
    }

    private long tagRowsRead(String plan) throws Exception {
        return tagRowsRead(plan, "inbox_conversation_tag_page");
    }

    /** The rows the page statement read from a tag's index (actual rows, from EXPLAIN ANALYZE). */
    private long tagRowsRead(String plan, String index) throws Exception {
        List<JsonNode> scans = new ArrayList<>();
        nodes(json.readTree(plan), scans);
        return scans.stream().filter(node -> index.equals(node.path("Index Name").asText()))
                .mapToLong(node -> node.path("Actual Rows").asLong() * node.path("Actual Loops").asLong()).sum();
    }

    private static void nodes(JsonNode node, List<JsonNode> found) {
        if (node.isArray()) {
            node.forEach(child -> nodes(child, found));
            return;
        }
        found.add(node);
        if (node.has("Plan")) {
            nodes(node.get("Plan"), found);
        }
        if (node.has("Plans")) {
            nodes(node.get("Plans"), found);
        }
    }

    private static void indexNames(JsonNode node, List<String> found) {
        planValues(node, "Index Name", found);
    }

    private static void planValues(JsonNode node, String key, List<String> found) {
        if (node.isArray()) {
            node.forEach(child -> planValues(child, key, found));
            return;
        }
        if (node.has(key)) {
            found.add(node.get(key).asText());
        }
        if (node.has("Plan")) {
            planValues(node.get("Plan"), key, found);
        }
        if (node.has("Plans")) {
            planValues(node.get("Plans"), key, found);
        }
    }
    @Test
    void the_inbox_and_its_status_assignee_unassigned_and_unread_filters_take_exact_totals_from_counters()
            throws Exception {
        JdbcTemplate plain = new JdbcTemplate(jdbc.getDataSource());
        Map<FindInbox, String> reads = new LinkedHashMap<>();
        reads.put(inbox(null, null, null, null, null, null, null), "true");
        reads.put(inbox("open", null, null, null, null, null, null), "status = 'open'");
        reads.put(inbox("resolved", null, null, null, null, null, null), "status = 'resolved'");
        reads.put(inbox(null, "admin-1", null, null, null, null, null), "assignee = 'admin-1'");
        reads.put(inbox("assigned", "admin-1", null, null, null, null, null), "status = 'assigned' and assignee = 'admin-1'");
        reads.put(inbox(null, null, true, null, null, null, null), "assignee is null");
        reads.put(inbox(null, null, null, null, true, null, null), "unread_count > 0");
        reads.put(inbox(null, null, null, null, false, null, null), "unread_count = 0");
        reads.put(inbox("open", null, true, null, true, null, null), "status = 'open' and assignee is null and unread_count > 0");
        for (Map.Entry<FindInbox, String> read : reads.entrySet()) {
            jdbc.plans.clear();
            InboxPage page = (InboxPage) call(inbox, read.getKey());
            long exact = plain.queryForObject("select count(*) from inbox_conversation where " + read.getValue(), Long.class);
            assertThat(page.total()).as("total where " + read.getValue()).isEqualTo(exact);
            for (String plan : jdbc.plans) {
                List<String> counted = new ArrayList<>();
                aggregatedRelations(json.readTree(plan), false, counted);
                assertThat(counted).as(read.getValue() + " counts conversations:\n" + plan)
                        .doesNotContain("inbox_conversation");
            }
        }
        assertThat(((InboxPage) call(inbox, inbox(null, null, null, null, null, null, null))).total())
                .as("beyond the cap of a counted total").isGreaterThan(10_001);
    }

    /**
     * No list read pays for a compilation of its statements: a statement left with a sequential scan under
     * {@code enable_seqscan = off} is priced at ten billion and PostgreSQL compiled it with LLVM on every execution
     * (the sum over the five status counters: 27-30 ms of CPU for five rows).
     */
    @Test
    void no_list_read_compiles_its_statements_when_it_runs() throws Exception {
        Map<String, FindInbox> reads = new LinkedHashMap<>();
        reads.put("first page", inbox(null, null, null, null, null, null, null));
        reads.put("status", inbox("open", null, null, null, null, null, null));
        reads.put("tag", inbox(null, null, null, null, null, null, "vip"));
        reads.put("search", inbox(null, null, null, null, null, "habari", null));
        jdbc.analyze = true;
        try {
            for (Map.Entry<String, FindInbox> read : reads.entrySet()) {
                jdbc.plans.clear();
                call(inbox, read.getValue());
                assertThat(jdbc.plans).as(read.getKey()).isNotEmpty();
                for (String plan : jdbc.plans) {
                    assertThat(json.readTree(plan).get(0).has("JIT")).as(read.getKey() + " compiled:\n" + plan).isFalse();
                }
            }
            jdbc.plans.clear();
            call(contacts, new FindContacts(null, null, 0, 50));
            for (String plan : jdbc.plans) {
                assertThat(json.readTree(plan).get(0).has("JIT")).as("contacts compiled:\n" + plan).isFalse();
            }
        } finally {
            jdbc.analyze = false;
        }
    }

    /** The relations read beneath a plain aggregate (a count), not a grouping. */
    private static void aggregatedRelations(JsonNode node, boolean underAggregate, List<String> found) {
        if (node.isArray()) {
            node.forEach(child -> aggregatedRelations(child, underAggregate, found));
            return;
        }
        boolean aggregate = underAggregate || "Aggregate".equals(node.path("Node Type").asText())
                && "Plain".equals(node.path("Strategy").asText());
        if (aggregate && node.has("Relation Name")) {
            found.add(node.path("Relation Name").asText());
        }
        if (node.has("Plan")) {
            aggregatedRelations(node.get("Plan"), aggregate, found);
        }
        if (node.has("Plans")) {
            aggregatedRelations(node.get("Plans"), aggregate, found);
        }
    }

    @Test
    void contacts_and_timelines_read_through_an_index() throws Exception {
        assertIndexed("contacts first page", () -> call(contacts, new FindContacts(null, null, 0, 50)));
        assertIndexed("contacts by name", () -> call(contacts, new FindContacts("Wanjiru Kamau", null, 0, 50)));
        assertIndexed("contacts by phone", () -> call(contacts, new FindContacts("+254700012345", null, 0, 50)));
        assertIndexed("contacts by tag", () -> call(contacts, new FindContacts(null, "vip", 0, 50)));
        assertIndexed("contacts by name prefix", () -> call(contacts, new FindContacts("Nyambu", null, 0, 50)));
        assertIndexed("whole timeline", () -> call(inbox, new FindTimeline("v1")));
        TimelinePage page = (TimelinePage) invoke(inbox, "page", new FindTimeline("v1", null, 100));
        assertIndexed("timeline page", () -> invoke(inbox, "page", new FindTimeline("v1", null, 100)));
        assertIndexed("timeline page after a cursor", () -> invoke(inbox, "page",
                new FindTimeline("v1", page.nextCursor(), 100)));
    }

    @Test
    void a_years_costs_price_each_daily_row_by_the_rate_of_its_day_across_a_rate_change()
            throws Exception {
        LocalDate to = LocalDate.now(ZoneId.of("Africa/Nairobi"));
        LocalDate from = to.minusDays(364);
        LocalDate rise = to.minusDays(100);
        Object priced = construct("ke.co.datacare.whatsapp.query.analytics.CostQueries", jdbc, new RateCard("USD",
                List.of(new RateCard.Rate("KE", "marketing", from.minusDays(30), new BigDecimal("0.0500")),
                        new RateCard.Rate("KE", "marketing", rise, new BigDecimal("0.0700")),
                        new RateCard.Rate("TZ", "utility", from.minusDays(30), new BigDecimal("0.0100")))));
        CostAnalytics costs = (CostAnalytics) call(priced, new FindCostAnalytics(from, to,
                FindAnalyticsOverview.Granularity.WEEK));
        // each daily group of analytics_cost_daily priced by its own day, as the costs were read before
        String cost = "sum(charged * case when market = 'KE' and category = 'marketing' then case when priced_on >= "
                + "'" + rise + "' then 0.07 else 0.05 end when market = 'TZ' and category = 'utility' then 0.01 else 0 end)";
        JdbcTemplate plain = new JdbcTemplate(jdbc.getDataSource());
        String range = " from analytics_cost_daily where priced_on between '" + from + "' and '" + to + "'";
        assertThat(costs.total().cost()).isEqualByComparingTo(plain.queryForObject("select " + cost + range,
                BigDecimal.class));
        assertGroupCosts(costs.senders(), plain, "select sender_kind, " + cost + range + " group by sender_kind");
        assertGroupCosts(costs.campaigns(), plain, "select campaign_id, " + cost + range + " and campaign_id <> '' "
                + "group by campaign_id");
        assertThat(costs.periods().stream().map(period -> period.cost().cost()).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(costs.total().cost());
        assertThat(costs.unpricedMarkets()).contains("UG");
    }

    private static void assertGroupCosts(List<CostAnalytics.CostGroup> groups, JdbcTemplate jdbc, String expectedSql) {
        Map<String, BigDecimal> expected = new TreeMap<>();
        jdbc.query(expectedSql, rs -> {
            expected.put(rs.getString(1), rs.getBigDecimal(2));
        });
        assertThat(groups).hasSize(expected.size());
        groups.forEach(group -> assertThat(group.cost().cost()).as(group.name())
                .isEqualByComparingTo(expected.get(group.name())));
    }

    @Test
    void a_year_of_analytics_reads_the_daily_rollups_only() throws Exception {
        LocalDate to = LocalDate.now(ZoneId.of("Africa/Nairobi"));
        LocalDate from = to.minusDays(364);
        Map<String, Object> reads = new LinkedHashMap<>();
        reads.put("overview, days", new FindAnalyticsOverview(from, to, FindAnalyticsOverview.Granularity.DAY));
        reads.put("overview, weeks", new FindAnalyticsOverview(from, to, FindAnalyticsOverview.Granularity.WEEK));
        reads.put("agents", new FindAgentAnalytics(from, to));
        reads.put("templates", new FindTemplateAnalytics(from, to));
        reads.put("costs", new FindCostAnalytics(from, to, FindAnalyticsOverview.Granularity.DAY));
        for (Map.Entry<String, Object> read : reads.entrySet()) {
            Object queries = read.getValue() instanceof FindCostAnalytics ? costs : analytics;
            assertIndexed("analytics " + read.getKey(), () -> call(queries, read.getValue()));
            for (String plan : jdbc.plans) {
                List<String> relations = new ArrayList<>();
                relations(json.readTree(plan), relations);
                assertThat(relations).as("analytics " + read.getKey() + " reads per-answer rows:\n" + plan)
                        .doesNotContainAnyElementsOf(ANALYTICS_DETAIL);
            }
            if (read.getKey().equals("agents")) {
                List<String> relations = new ArrayList<>();
                for (String plan : jdbc.plans) {
                    relations(json.readTree(plan), relations);
                }
                assertThat(relations).as("a year of agents reads their whole months from the month rows")
                        .contains("analytics_agent_month_duration");
            }
        }
    }

    private static void relations(JsonNode node, List<String> found) {
        planValues(node, "Relation Name", found);
    }

    private static FindInbox inbox(String status, String assignee, Boolean unassigned, String window, Boolean unread,
                                   String search, String tag) {
        return new FindInbox(status, assignee, unassigned, window, unread, search, tag, 0, 50, null);
    }

    interface Read {
        Object run() throws Exception;
    }

    private void assertIndexed(String read, Read run) throws Exception {
        jdbc.plans.clear();
        long started = System.nanoTime();
        run.run();
        System.out.printf(java.util.Locale.ROOT, "read %-32s %7.1f ms (with its EXPLAIN)%n", read,
                (System.nanoTime() - started) / 1e6);
        assertThat(jdbc.plans).as(read + ": statements run").isNotEmpty();
        for (String plan : jdbc.plans) {
            List<String> scans = new ArrayList<>();
            sequentialScans(json.readTree(plan), scans);
            assertThat(scans).as(read + " scans a big table sequentially:\n" + plan).isEmpty();
        }
    }

    private static void sequentialScans(JsonNode node, List<String> found) {
        if (node.isArray()) {
            node.forEach(child -> sequentialScans(child, found));
            return;
        }
        if ("Seq Scan".equals(node.path("Node Type").asText()) && BIG_TABLES.contains(node.path("Relation Name").asText())) {
            found.add(node.path("Relation Name").asText());
        }
        if (node.has("Plan")) {
            sequentialScans(node.get("Plan"), found);
        }
        if (node.has("Plans")) {
            sequentialScans(node.get("Plans"), found);
        }
    }

    private static Object construct(String type, Object... args) throws ReflectiveOperationException {
        for (Constructor<?> constructor : Class.forName(type).getDeclaredConstructors()) {
            if (constructor.getParameterCount() == args.length) {
                constructor.setAccessible(true);
                return constructor.newInstance(args);
            }
        }
        throw new IllegalStateException("no constructor of " + type);
    }

    private static Object call(Object target, Object query) throws Exception {
        for (Method method : target.getClass().getDeclaredMethods()) {
            if (method.getName().equals("handle") && method.getParameterCount() == 1
                    && method.getParameterTypes()[0] == query.getClass()) {
                return invoke(target, method, query);
            }
        }
        throw new IllegalStateException("no handler of " + query.getClass().getSimpleName());
    }

    private static Object invoke(Object target, String name, Object query) throws Exception {
        Method method = target.getClass().getDeclaredMethod(name, query.getClass());
        return invoke(target, method, query);
    }

    private static Object invoke(Object target, Method method, Object query) throws Exception {
        method.setAccessible(true);
        try {
            return method.invoke(target, query);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    /** Runs each statement after recording its plan for the same arguments. */
    static final class ExplainingJdbc extends JdbcTemplate {
        final List<String> plans = new ArrayList<>();
        /** Each statement run, with its arguments. */
        final List<Object[]> statements = new ArrayList<>();
        /** Whether the statements are run under {@code EXPLAIN (ANALYZE)}: the plans then say what execution did. */
        boolean analyze;

        ExplainingJdbc(javax.sql.DataSource dataSource) {
            super(dataSource);
        }

        private void explain(String sql, Object... args) {
            statements.add(new Object[]{sql, args});
            plans.add(super.queryForObject("explain (" + (analyze ? "analyze, " : "") + "format json) " + sql,
                    String.class, args));
        }

        @Override
        public <T> T queryForObject(String sql, Class<T> requiredType) {
            explain(sql);
            return super.queryForObject(sql, requiredType);
        }

        @Override
        public <T> List<T> query(String sql, RowMapper<T> rowMapper, Object... args) {
            explain(sql, args);
            return super.query(sql, rowMapper, args);
        }

        @Override
        public void query(String sql, RowCallbackHandler handler, Object... args) {
            explain(sql, args);
            super.query(sql, handler, args);
        }

        @Override
        public <T> T queryForObject(String sql, Class<T> requiredType, Object... args) {
            explain(sql, args);
            return super.queryForObject(sql, requiredType, args);
        }
    }
}
