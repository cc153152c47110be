package ke.co.datacare.whatsapp.app.query;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.ConversationStarted;
import ke.co.datacare.whatsapp.api.conversation.MediaMessageReceived;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageDelivered;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageFailed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRead;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageSent;
import ke.co.datacare.whatsapp.api.conversation.SystemNoticeReceived;
import ke.co.datacare.whatsapp.api.conversation.TextMessageReceived;
import ke.co.datacare.whatsapp.api.query.AnalyticsOverview;
import ke.co.datacare.whatsapp.api.query.FindAnalyticsOverview;
import ke.co.datacare.whatsapp.api.query.FindAnalyticsOverview.Granularity;
import ke.co.datacare.whatsapp.query.analytics.AnalyticsProjection;
import ke.co.datacare.whatsapp.query.analytics.AnalyticsQueries;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analytics projection fed with events directly, without Spring, on an in-memory H2 database in
 * PostgreSQL mode carrying the projection's migration (the same database the zero-setup mode runs on).
 */
class AnalyticsProjectionTest {

    private static final String PHONE_NUMBER_ID = "110000000000001";
    private static final LocalDate MONDAY = LocalDate.of(2024, 2, 26);

    private JdbcTemplate jdbc;
    private AnnotationEventHandlerAdapter projection;
    private AnalyticsQueries queries;
    private final Map<String, Long> sequences = new HashMap<>();

    @BeforeEach
    void createDatabase() throws Exception {
        jdbc = AnalyticsDatabase.create("analytics");
        projection = new AnnotationEventHandlerAdapter(new AnalyticsProjection(jdbc));
        queries = new AnalyticsQueries(jdbc);
    }

    private void given(ConversationId conversation, Object... events) throws Exception {
        for (Object event : events) {
            long sequence = sequences.merge(conversation.value(), 1L, Long::sum) - 1;
            projection.handle(new GenericDomainEventMessage<>("Conversation", conversation.value(), sequence, event));
        }
    }

    private void redeliver(ConversationId conversation, long sequence, Object event) throws Exception {
        projection.handle(new GenericDomainEventMessage<>("Conversation", conversation.value(), sequence, event));
    }

    private ConversationId started(String contact) throws Exception {
        ConversationId conversation = ConversationId.derivedFrom(PHONE_NUMBER_ID + "|" + contact);
        given(conversation, new ConversationStarted(conversation, ContactId.of(contact), PHONE_NUMBER_ID,
                Instant.parse("2024-02-26T00:00:00Z")));
        return conversation;
    }

    private static TextMessageReceived text(ConversationId conversation, String wamid, String sentAt) {
        return new TextMessageReceived(conversation, wamid, Instant.parse(sentAt), "Habari", null, null);
    }

    private AnalyticsOverview.Period day(LocalDate day) {
        return queries.handle(new FindAnalyticsOverview(day, day, Granularity.DAY)).periods().get(0);
    }

    private AnalyticsOverview.Period week() {
        return queries.handle(new FindAnalyticsOverview(MONDAY, MONDAY, Granularity.WEEK)).periods().get(0);
    }

    private List<Map<String, Object>> tables() {
        return List.of("analytics_conversation", "analytics_contact", "analytics_contact_activity",
                        "analytics_inbound_daily", "analytics_outbound_message", "analytics_outbound_daily",
                        "analytics_error_daily").stream()
                .flatMap(table -> jdbc.queryForList("select * from " + table + " order by 1, 2").stream()).toList();
    }

    @Test
    void customer_messages_count_by_type_on_the_nairobi_day_they_were_sent() throws Exception {
        ConversationId wanjiku = started("wanjiku");
        given(wanjiku, text(wanjiku, "wamid.1", "2024-02-26T07:00:00Z"),
                new MediaMessageReceived(wanjiku, "wamid.2", Instant.parse("2024-02-26T20:30:00Z"), "image", "m-1",
                        "image/jpeg", "abc", null, null, false, false, null, null),
                text(wanjiku, "wamid.3", "2024-02-26T21:30:00Z"));

        assertThat(day(MONDAY).inbound()).isEqualTo(new AnalyticsOverview.Inbound(2, Map.of("text", 1L, "image", 1L)));
        assertThat(day(MONDAY.plusDays(1)).inbound()).isEqualTo(new AnalyticsOverview.Inbound(1, Map.of("text", 1L)));
    }

    @Test
    void a_contact_is_new_on_the_day_of_its_first_message_and_returning_on_later_days() throws Exception {
        ConversationId wanjiku = started("wanjiku");
        ConversationId otieno = started("otieno");
        given(wanjiku, text(wanjiku, "wamid.w1", "2024-02-26T07:00:00Z"), text(wanjiku, "wamid.w2", "2024-02-27T07:00:00Z"));
        given(otieno, text(otieno, "wamid.o1", "2024-02-27T09:00:00Z"));

        assertThat(day(MONDAY).contacts()).isEqualTo(new AnalyticsOverview.Contacts(1, 1, 0));
        assertThat(day(MONDAY.plusDays(1)).contacts()).isEqualTo(new AnalyticsOverview.Contacts(2, 1, 1));
        assertThat(week().contacts()).isEqualTo(new AnalyticsOverview.Contacts(2, 2, 0));
    }

    @Test
    void a_message_recorded_late_but_sent_earlier_makes_the_contact_new_on_the_day_it_was_sent() throws Exception {
        ConversationId wanjiku = started("wanjiku");
        given(wanjiku, text(wanjiku, "wamid.later", "2024-02-27T07:00:00Z"), text(wanjiku, "wamid.earlier", "2024-02-26T07:00:00Z"));

        assertThat(day(MONDAY).contacts()).isEqualTo(new AnalyticsOverview.Contacts(1, 1, 0));
        assertThat(day(MONDAY.plusDays(1)).contacts()).isEqualTo(new AnalyticsOverview.Contacts(1, 0, 1));
    }

    @Test
    void a_system_notice_counts_as_a_message_but_not_as_the_contact_writing() throws Exception {
        ConversationId wanjiku = started("wanjiku");
        given(wanjiku, new SystemNoticeReceived(wanjiku, "wamid.s", Instant.parse("2024-02-26T07:00:00Z"),
                "user_changed_number", "changed number", "254700000009"));

        assertThat(day(MONDAY).inbound().byType()).containsEntry("system", 1L);
        assertThat(day(MONDAY).contacts().active()).isZero();
    }

    @Test
    void outbound_messages_count_on_the_day_of_their_first_status_with_every_status_they_reached() throws Exception {
        ConversationId otieno = started("otieno");
        Instant tuesday = Instant.parse("2024-02-27T08:00:00Z");
        given(otieno,
                new OutboundMessageSent(otieno, "wamid.out1", null, tuesday, null),
                new OutboundMessageDelivered(otieno, "wamid.out1", null, tuesday.plusSeconds(60), null),
                new OutboundMessageRead(otieno, "wamid.out1", null, Instant.parse("2024-02-28T08:00:00Z")),
                new OutboundMessageRead(otieno, "wamid.out2", null, tuesday),
                new OutboundMessageSent(otieno, "wamid.out3", null, tuesday, null),
                new OutboundMessageFailed(otieno, "wamid.out4", null, tuesday, 131026, "Message undeliverable",
                        "receiver incapable", "PERMANENT"),
                new OutboundMessageFailed(otieno, "wamid.out3", null, tuesday.plusSeconds(5), 131047,
                        "Re-engagement message", null, "PERMANENT"));

        AnalyticsOverview.Period period = day(MONDAY.plusDays(1));

        assertThat(period.outbound()).isEqualTo(new AnalyticsOverview.Outbound(4, 3, 2, 2, 2, 0.5, 1.0, 0.5));
        assertThat(period.topErrors()).containsExactly(
                new AnalyticsOverview.ErrorCount(131026, "Message undeliverable", 1),
                new AnalyticsOverview.ErrorCount(131047, "Re-engagement message", 1));
        assertThat(day(MONDAY.plusDays(2)).outbound().messages()).isZero();
    }

    @Test
    void an_event_delivered_twice_counts_once() throws Exception {
        ConversationId wanjiku = started("wanjiku");
        TextMessageReceived text = text(wanjiku, "wamid.1", "2024-02-26T07:00:00Z");
        given(wanjiku, text);
        redeliver(wanjiku, 1, text);
        OutboundMessageFailed failed = new OutboundMessageFailed(wanjiku, "wamid.out", null,
                Instant.parse("2024-02-26T08:00:00Z"), 131026, "Message undeliverable", null, "PERMANENT");
        given(wanjiku, failed);
        redeliver(wanjiku, 2, failed);

        assertThat(day(MONDAY).inbound().total()).isEqualTo(1);
        assertThat(day(MONDAY).outbound().failed()).isEqualTo(1);
        assertThat(day(MONDAY).topErrors()).extracting(AnalyticsOverview.ErrorCount::failures).containsExactly(1L);
    }

    @Test
    void replaying_the_same_events_after_a_reset_rebuilds_the_same_tables() throws Exception {
        ConversationId wanjiku = started("wanjiku");
        List<Object> events = List.of(text(wanjiku, "wamid.1", "2024-02-26T07:00:00Z"),
                new OutboundMessageSent(wanjiku, "wamid.out", null, Instant.parse("2024-02-26T08:00:00Z"), null),
                new OutboundMessageRead(wanjiku, "wamid.out", null, Instant.parse("2024-02-26T09:00:00Z")));
        given(wanjiku, events.toArray());
        List<Map<String, Object>> before = tables();

        projection.prepareReset();
        assertThat(tables()).isEmpty();
        sequences.clear();
        started("wanjiku");
        given(wanjiku, events.toArray());

        assertThat(tables()).isEqualTo(before);
    }
}
