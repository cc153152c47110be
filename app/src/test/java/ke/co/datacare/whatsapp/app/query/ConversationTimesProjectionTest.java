package ke.co.datacare.whatsapp.app.query;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.ConversationAssigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationResolved;
import ke.co.datacare.whatsapp.api.conversation.ConversationStarted;
import ke.co.datacare.whatsapp.api.conversation.HandoffRequested;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageAccepted;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageDelivered;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRead;
import ke.co.datacare.whatsapp.api.conversation.TextMessageReceived;
import ke.co.datacare.whatsapp.api.conversation.outbound.OutboundContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.TextContent;
import ke.co.datacare.whatsapp.api.query.AgentAnalytics;
import ke.co.datacare.whatsapp.api.query.AnalyticsOverview;
import ke.co.datacare.whatsapp.api.query.AnalyticsOverview.Durations;
import ke.co.datacare.whatsapp.api.query.FindAgentAnalytics;
import ke.co.datacare.whatsapp.api.query.FindAnalyticsOverview;
import ke.co.datacare.whatsapp.api.query.FindAnalyticsOverview.Granularity;
import ke.co.datacare.whatsapp.api.query.FindTemplateAnalytics;
import ke.co.datacare.whatsapp.api.query.TemplateAnalytics;
import ke.co.datacare.whatsapp.query.analytics.AnalyticsQueries;
import ke.co.datacare.whatsapp.query.analytics.AnalyticsRollupProjection;
import ke.co.datacare.whatsapp.query.analytics.ConversationTimesProjection;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Response and resolution times, bot containment, agents and templates, fed with the events of a fixed Monday
 * (2024-02-26, Nairobi is UTC+3) on an in-memory H2 database in PostgreSQL mode with the analytics migrations,
 * without Spring; every figure below is worked out by hand from that day. Business hours here: weekdays
 * 08:00-18:00 Nairobi time.
 */
class ConversationTimesProjectionTest {

    private static final String PHONE_NUMBER_ID = "110000000000001";
    private static final LocalDate MONDAY = LocalDate.of(2024, 2, 26);
    private static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");

    private JdbcTemplate jdbc;
    private ConversationTimesProjection times;
    private AnnotationEventHandlerAdapter projection;
    private AnalyticsQueries queries;
    private final Map<String, Long> sequences = new HashMap<>();

    @BeforeEach
    void createDatabase() throws Exception {
        jdbc = AnalyticsDatabase.create("times");
        times = new ConversationTimesProjection(jdbc, new AnalyticsRollupProjection(jdbc,
                instants -> instants.stream().map(ConversationTimesProjectionTest::open).toList()));
        projection = new AnnotationEventHandlerAdapter(times);
        queries = new AnalyticsQueries(jdbc);
    }

    private static boolean open(Instant at) {
        ZonedDateTime local = at.atZone(NAIROBI);
        return local.getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue() && local.getHour() >= 8 && local.getHour() < 18;
    }

    private void given(ConversationId conversation, Object... events) throws Exception {
        for (Object event : events) {
            long sequence = sequences.merge(conversation.value(), 1L, Long::sum) - 1;
            projection.handle(new GenericDomainEventMessage<>("Conversation", conversation.value(), sequence, event));
        }
    }

    private ConversationId started(String contact, String at) throws Exception {
        ConversationId conversation = ConversationId.derivedFrom(PHONE_NUMBER_ID + "|" + contact);
        given(conversation, new ConversationStarted(conversation, ContactId.of(contact), PHONE_NUMBER_ID, Instant.parse(at)));
        return conversation;
    }

    private static TextMessageReceived text(ConversationId conversation, String wamid, String at) {
        return new TextMessageReceived(conversation, wamid, Instant.parse(at), "Habari", null, null);
    }

    private static OutboundMessageQueued queued(ConversationId conversation, String messageId, OutboundContent content,
                                                String sentBy, String at) {
        return new OutboundMessageQueued(conversation, ContactId.of("c"), PHONE_NUMBER_ID, messageId, content, null, sentBy,
                Instant.parse(at));
    }

    /** The whole Monday: a handed-off conversation answered by an agent, one the bot answers at night, a campaign. */
    private void monday() throws Exception {
        ConversationId wanjiku = started("wanjiku", "2024-02-26T06:00:00Z");
        given(wanjiku, text(wanjiku, "wamid.w1", "2024-02-26T07:00:00Z"),
                queued(wanjiku, "m-w1", new TextContent("Karibu!", false), "bot", "2024-02-26T07:00:30Z"),
                text(wanjiku, "wamid.w2", "2024-02-26T07:05:00Z"),
                new HandoffRequested(wanjiku, "CUSTOMER_ASKED_FOR_HUMAN", Instant.parse("2024-02-26T07:05:10Z")),
                new ConversationAssigned(wanjiku, "agent-wanjiru", "handoff", Instant.parse("2024-02-26T07:06:00Z")),
                queued(wanjiku, "m-w2", new TextContent("Niko hapa", false), "agent:agent-wanjiru", "2024-02-26T07:10:00Z"),
                queued(wanjiku, "m-w3", new TextContent("Kitu kingine?", false), "agent:agent-wanjiru", "2024-02-26T07:11:00Z"),
                new ConversationResolved(wanjiku, "agent:agent-wanjiru", Instant.parse("2024-02-26T08:00:00Z")));
        ConversationId otieno = started("otieno", "2024-02-26T17:00:00Z");
        given(otieno, text(otieno, "wamid.o1", "2024-02-26T17:00:00Z"),
                queued(otieno, "m-o1", new TextContent("Tuko nje ya saa za kazi", false), "bot", "2024-02-26T17:00:10Z"));
        ConversationId akinyi = started("akinyi", "2024-02-26T08:00:00Z");
        given(akinyi, text(akinyi, "wamid.a1", "2024-02-26T08:00:00Z"),
                queued(akinyi, "m-a1", new TemplateContent("december_offer", "en", List.of()), "campaign:c-1",
                        "2024-02-26T08:00:05Z"),
                new OutboundMessageAccepted(akinyi, "m-a1", "wamid.out-a1", Instant.parse("2024-02-26T08:00:06Z")),
                new OutboundMessageDelivered(akinyi, "wamid.out-a1", "m-a1", Instant.parse("2024-02-26T08:00:09Z"), null),
                new OutboundMessageRead(akinyi, "wamid.out-a1", "m-a1", Instant.parse("2024-02-26T08:01:00Z")));
    }

    private AnalyticsOverview.Conversations mondayFigures() {
        return queries.handle(new FindAnalyticsOverview(MONDAY, MONDAY, Granularity.DAY)).periods().get(0).conversations();
    }

    @Test
    void first_response_times_count_the_wait_until_our_next_message_and_split_by_business_hours() throws Exception {
        monday();

        AnalyticsOverview.Conversations figures = mondayFigures();

        // waits: 30 s (bot, 10:00 EAT), 300 s (agent, 10:05 EAT), 10 s (bot, 20:00 EAT); the campaign is no answer
        assertThat(figures.firstResponse()).isEqualTo(new Durations(3, 30L, 300L));
        assertThat(figures.firstResponseInBusinessHours()).isEqualTo(new Durations(2, 30L, 300L));
        assertThat(figures.firstResponseOutsideBusinessHours()).isEqualTo(new Durations(1, 10L, 10L));
        assertThat(figures.agentFirstResponse()).isEqualTo(new Durations(1, 300L, 300L));
    }

    @Test
    void resolution_time_runs_from_the_start_of_the_episode_and_containment_counts_episodes_never_handed_off()
            throws Exception {
        monday();

        AnalyticsOverview.Conversations figures = mondayFigures();

        assertThat(figures.resolution()).isEqualTo(new Durations(1, 7200L, 7200L));
        assertThat(figures.episodes()).isEqualTo(3);
        assertThat(figures.contained()).isEqualTo(2);
        assertThat(figures.botContainmentRate()).isEqualTo(0.6667);
        assertThat(figures.handoffReasons()).isEqualTo(Map.of("CUSTOMER_ASKED_FOR_HUMAN", 1L));
    }

    @Test
    void each_agent_has_assignments_resolutions_response_times_and_current_load() throws Exception {
        monday();
        ConversationId kamau = started("kamau", "2024-02-26T09:00:00Z");
        given(kamau, new ConversationAssigned(kamau, "agent-wanjiru", "agent:admin", Instant.parse("2024-02-26T09:01:00Z")));

        AgentAnalytics agents = queries.handle(new FindAgentAnalytics(MONDAY, MONDAY));

        assertThat(agents.agents()).containsExactly(
                new AgentAnalytics.Agent("agent-wanjiru", 2, 1, new Durations(1, 300L, 300L), 1));
    }

    /** A customer of {@code contact} writes at {@code at} and agent-wanjiru answers {@code waitSeconds} later. */
    private void answeredByWanjiru(String contact, String at, long waitSeconds) throws Exception {
        ConversationId conversation = started(contact, at);
        Instant written = Instant.parse(at);
        given(conversation, text(conversation, "wamid." + contact, at),
                new ConversationAssigned(conversation, "agent-wanjiru", "agent:admin", written.plusSeconds(1)),
                queued(conversation, "m-" + contact, new TextContent("Niko hapa", false), "agent:agent-wanjiru",
                        written.plusSeconds(waitSeconds).toString()));
    }

    private Durations wanjiruWaits(String from, String to) {
        return queries.handle(new FindAgentAnalytics(LocalDate.parse(from), LocalDate.parse(to))).agents().stream()
                .filter(agent -> agent.agentId().equals("agent-wanjiru")).findFirst().orElseThrow().firstResponse();
    }

    @Test
    void an_agents_waits_over_months_add_the_whole_months_to_the_days_of_the_partial_months_at_either_end()
            throws Exception {
        answeredByWanjiru("amina", "2024-01-31T07:00:00Z", 60);
        answeredByWanjiru("baraka", "2024-02-15T07:00:00Z", 120);
        answeredByWanjiru("chebet", "2024-02-29T07:00:00Z", 240);
        answeredByWanjiru("dalia", "2024-03-01T07:00:00Z", 180);

        assertThat(jdbc.queryForObject("select count(*) from analytics_agent_month_duration", Long.class)).isEqualTo(3);
        assertThat(wanjiruWaits("2024-01-31", "2024-03-01")).isEqualTo(new Durations(4, 120L, 240L));
        assertThat(wanjiruWaits("2024-02-01", "2024-02-29")).isEqualTo(new Durations(2, 120L, 240L));
        assertThat(wanjiruWaits("2024-01-01", "2024-03-31")).isEqualTo(new Durations(4, 120L, 240L));
        assertThat(wanjiruWaits("2024-02-15", "2024-03-01")).isEqualTo(new Durations(3, 180L, 240L));
        assertThat(wanjiruWaits("2024-02-16", "2024-02-28")).isEqualTo(new Durations(0, null, null));
    }

    @Test
    void templates_show_how_far_their_messages_got() throws Exception {
        monday();

        TemplateAnalytics templates = queries.handle(new FindTemplateAnalytics(MONDAY, MONDAY));

        assertThat(templates.templates()).containsExactly(
                new TemplateAnalytics.Template("december_offer", "en", 1, 1, 1, 1, 0, 1.0, 1.0, 0.0));
    }

    @Test
    void a_redelivered_event_changes_nothing_and_a_replay_rebuilds_the_same_figures() throws Exception {
        monday();
        AnalyticsOverview.Conversations before = mondayFigures();
        ConversationId wanjiku = ConversationId.derivedFrom(PHONE_NUMBER_ID + "|wanjiku");
        projection.handle(new GenericDomainEventMessage<>("Conversation", wanjiku.value(), 6L, queued(wanjiku, "m-w2",
                new TextContent("Niko hapa", false), "agent:agent-wanjiru", "2024-02-26T07:10:00Z")));
        assertThat(mondayFigures()).isEqualTo(before);

        projection.prepareReset(null);
        sequences.clear();
        monday();

        assertThat(mondayFigures()).isEqualTo(before);
    }
}
