package ke.co.datacare.whatsapp.chatbot.handoff;

import static ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.CONTACT;
import static ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.CONVERSATION;
import static ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.NUMBER;
import static ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.WEDNESDAY_10;
import static ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.WEDNESDAY_21;
import static ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.nairobi;
import static ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.started;
import static ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.text;

import java.time.Duration;
import java.time.Instant;
import ke.co.datacare.whatsapp.api.conversation.AssignWaitingConversation;
import ke.co.datacare.whatsapp.api.conversation.BusinessAppMessageSent;
import ke.co.datacare.whatsapp.api.conversation.ConversationAssigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationEscalated;
import ke.co.datacare.whatsapp.api.conversation.ConversationHandedBackToBot;
import ke.co.datacare.whatsapp.api.conversation.ConversationResolved;
import ke.co.datacare.whatsapp.api.conversation.ConversationSnoozed;
import ke.co.datacare.whatsapp.api.conversation.ConversationUnassigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationUnsnoozed;
import ke.co.datacare.whatsapp.api.conversation.HandoffRequested;
import ke.co.datacare.whatsapp.api.conversation.InboundMessage;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.ReassignOverdueConversation;
import ke.co.datacare.whatsapp.api.conversation.ReplyDeadlineMissed;
import ke.co.datacare.whatsapp.api.conversation.SetReplyDeadline;
import ke.co.datacare.whatsapp.api.conversation.WakeConversation;
import ke.co.datacare.whatsapp.api.conversation.outbound.TextContent;
import ke.co.datacare.whatsapp.chatbot.context.ChatbotConfigHolder;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfigLoader;
import ke.co.datacare.whatsapp.chatbot.handoff.HandoffSaga.ReplyDue;
import ke.co.datacare.whatsapp.chatbot.handoff.HandoffSaga.SnoozeEnds;
import ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.FakeAgentPool;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HandoffSagaTest {

    private static final Duration SLA = Duration.ofMinutes(15);
    private static final String WANJIRU = "agent-wanjiru";
    private static final String OTIENO = "agent-otieno";

    private SagaTestFixture<HandoffSaga> fixture;
    private ChatbotConfigHolder chatbot;
    private ChatbotConfig defaults;
    private FakeAgentPool agents;

    @BeforeEach
    void setUp() {
        defaults = ChatbotConfigLoader.defaults();
        chatbot = new ChatbotConfigHolder(defaults);
        agents = new FakeAgentPool();
        fixture = new SagaTestFixture<>(HandoffSaga.class);
        fixture.registerResource(new AgentAssigner(agents, new LeastOpenConversationsAssignment()));
        fixture.registerResource(new ReplyDeadlinePolicy(SLA, chatbot));
        fixture.registerResource(HandoffTestSupport.clockOf(fixture));
    }

    // --- only conversations away from the bot have a saga ------------------------------------------------------

    @Test
    void a_customer_message_to_a_conversation_with_the_bot_loads_no_saga() throws Exception {
        fixture.givenCurrentTime(WEDNESDAY_10).andThenAggregate(CONVERSATION.value()).published(started(WEDNESDAY_10))
                .whenAggregate(CONVERSATION.value()).publishes(text("wamid.1", WEDNESDAY_10, "How do I pay?"))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void a_handoff_starts_the_saga() throws Exception {
        fixture.givenCurrentTime(WEDNESDAY_10).andThenAggregate(CONVERSATION.value()).published(started(WEDNESDAY_10))
                .whenAggregate(CONVERSATION.value())
                .publishes(new HandoffRequested(CONVERSATION, "INTENT_NEEDS_HUMAN", WEDNESDAY_10))
                .expectActiveSagas(1);
    }

    @Test
    void handing_the_conversation_back_to_the_bot_ends_the_saga_and_its_deadline() throws Exception {
        fixture.givenCurrentTime(WEDNESDAY_10).andThenAggregate(CONVERSATION.value()).published(started(WEDNESDAY_10),
                        new HandoffRequested(CONVERSATION, "INTENT_NEEDS_HUMAN", WEDNESDAY_10),
                        new ConversationAssigned(CONVERSATION, WANJIRU, "handoff", WEDNESDAY_10))
                .whenAggregate(CONVERSATION.value())
                .publishes(new ConversationHandedBackToBot(CONVERSATION, "agent:" + WANJIRU, WEDNESDAY_10.plusSeconds(60)))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    @Test
    void a_snoozed_conversation_of_the_bot_goes_back_to_the_bot_when_woken() throws Exception {
        Instant until = WEDNESDAY_10.plus(Duration.ofHours(2));
        fixture.givenCurrentTime(WEDNESDAY_10).andThenAggregate(CONVERSATION.value()).published(started(WEDNESDAY_10),
                        new ConversationSnoozed(CONVERSATION, until, "agent:" + WANJIRU, WEDNESDAY_10))
                .whenAggregate(CONVERSATION.value()).publishes(new ConversationUnsnoozed(CONVERSATION, "time", until))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    @Test
    void a_late_message_to_an_agent_starts_the_reply_deadline_when_it_reached_us() throws Exception {
        Instant wrote = WEDNESDAY_10.minus(Duration.ofHours(2));
        Instant arrived = WEDNESDAY_10.plus(Duration.ofMinutes(10));
        fixture.givenCurrentTime(WEDNESDAY_10).andThenAggregate(CONVERSATION.value()).published(started(WEDNESDAY_10),
                        new HandoffRequested(CONVERSATION, "INTENT_NEEDS_HUMAN", WEDNESDAY_10),
                        new ConversationAssigned(CONVERSATION, WANJIRU, "handoff", WEDNESDAY_10),
                        agentReply(WANJIRU, WEDNESDAY_10.plusSeconds(60)))
                .andThenTimeAdvancesTo(arrived)
                .whenAggregate(CONVERSATION.value()).publishes(text("wamid.3", wrote, "Still not working"))
                .expectDispatchedCommands(new SetReplyDeadline(CONVERSATION, WANJIRU, arrived.plus(SLA), arrived));
    }

    // --- assignment and a silent bot -----------------------------------------------------------------------

    @Test
    void a_handoff_goes_to_the_available_agent_with_the_fewest_open_conversations() throws Exception {
        agents.with(WANJIRU, 3).with(OTIENO, 1);
        fixture.givenCurrentTime(WEDNESDAY_10).andThenAggregate(CONVERSATION.value()).published(started(WEDNESDAY_10))
                .whenAggregate(CONVERSATION.value())
                .publishes(new HandoffRequested(CONVERSATION, "INTENT_NEEDS_HUMAN", WEDNESDAY_10))
                .expectDispatchedCommands(new AssignWaitingConversation(CONVERSATION, OTIENO, "handoff", WEDNESDAY_10));
    }

    @Test
    void with_nobody_available_the_conversation_waits_with_a_deadline_counted_from_the_next_opening() throws Exception {
        Instant due = nairobi("2026-11-26T08:15");
        fixture.givenCurrentTime(WEDNESDAY_21).andThenAggregate(CONVERSATION.value()).published(started(WEDNESDAY_21))
                .whenAggregate(CONVERSATION.value())
                .publishes(new HandoffRequested(CONVERSATION, "OUTSIDE_BUSINESS_HOURS", WEDNESDAY_21))
                .expectDispatchedCommands(new SetReplyDeadline(CONVERSATION, null, due, WEDNESDAY_21))
                .expectScheduledDeadline(due, new ReplyDue(null, due));
    }

    @Test
    void the_assigned_agent_must_answer_within_the_reply_deadline() throws Exception {
        Instant due = WEDNESDAY_10.plus(SLA);
        fixture.givenCurrentTime(WEDNESDAY_10).andThenAggregate(CONVERSATION.value()).published(started(WEDNESDAY_10),
                        new HandoffRequested(CONVERSATION, "INTENT_NEEDS_HUMAN", WEDNESDAY_10))
                .whenAggregate(CONVERSATION.value())
                .publishes(new ConversationAssigned(CONVERSATION, WANJIRU, "handoff", WEDNESDAY_10))
                .expectDispatchedCommands(new SetReplyDeadline(CONVERSATION, WANJIRU, due, WEDNESDAY_10))
                .expectScheduledDeadline(due, new ReplyDue(WANJIRU, due));
    }

    @Test
    void the_bot_stays_silent_while_an_agent_holds_the_conversation() throws Exception {
        agents.with(WANJIRU, 0);
        fixture.givenCurrentTime(WEDNESDAY_10).andThenAggregate(CONVERSATION.value()).published(started(WEDNESDAY_10),
                        new HandoffRequested(CONVERSATION, "INTENT_NEEDS_HUMAN", WEDNESDAY_10),
                        new ConversationAssigned(CONVERSATION, WANJIRU, "handoff", WEDNESDAY_10))
                .whenAggregate(CONVERSATION.value()).publishes(text("wamid.2", WEDNESDAY_10.plusSeconds(60), "Hello?"))
                .expectNoDispatchedCommands();
    }

    @Test
    void the_bot_stays_silent_while_the_conversation_waits_for_an_agent() throws Exception {
        fixture.givenCurrentTime(WEDNESDAY_10).andThenAggregate(CONVERSATION.value()).published(started(WEDNESDAY_10),
                        new HandoffRequested(CONVERSATION, "INTENT_NEEDS_HUMAN", WEDNESDAY_10))
                .whenAggregate(CONVERSATION.value()).publishes(text("wamid.2", WEDNESDAY_10.plusSeconds(60), "What are your opening hours?"))
                .expectNoDispatchedCommands();
    }

    @Test
    void the_customer_writing_again_after_the_agents_reply_starts_a_new_deadline() throws Exception {
        Instant replied = WEDNESDAY_10.plus(Duration.ofMinutes(5));
        Instant again = WEDNESDAY_10.plus(Duration.ofMinutes(8));
        fixture.givenCurrentTime(WEDNESDAY_10).andThenAggregate(CONVERSATION.value()).published(started(WEDNESDAY_10),
                        new HandoffRequested(CONVERSATION, "INTENT_NEEDS_HUMAN", WEDNESDAY_10),
                        new ConversationAssigned(CONVERSATION, WANJIRU, "handoff", WEDNESDAY_10),
                        agentReply(WANJIRU, replied))
                .andThenTimeAdvancesTo(again)
                .whenAggregate(CONVERSATION.value()).publishes(text("wamid.3", again, "Still not working"))
                .expectDispatchedCommands(new SetReplyDeadline(CONVERSATION, WANJIRU, again.plus(SLA), again));
    }

    @Test
    void a_customer_writing_to_a_conversation_its_agent_woke_starts_a_new_deadline() throws Exception {
        Instant until = WEDNESDAY_10.plus(Duration.ofMinutes(30));
        Instant again = until.plus(Duration.ofMinutes(1));
        fixture.givenCurrentTime(WEDNESDAY_10).andThenAggregate(CONVERSATION.value()).published(started(WEDNESDAY_10),
                        new ConversationAssigned(CONVERSATION, WANJIRU, "handoff", WEDNESDAY_10),
                        agentReply(WANJIRU, WEDNESDAY_10.plusSeconds(60)),
                        new ConversationSnoozed(CONVERSATION, until, "agent:" + WANJIRU, WEDNESDAY_10.plusSeconds(90)),
                        new ConversationUnsnoozed(CONVERSATION, "agent:" + WANJIRU, WEDNESDAY_10.plusSeconds(120)))
                .andThenTimeAdvancesTo(again)
                .whenAggregate(CONVERSATION.value()).publishes(text("wamid.4", again, "Any news?"))
                .expectDispatchedCommands(new SetReplyDeadline(CONVERSATION, WANJIRU, again.plus(SLA), again));
    }

    @Test
    void a_customer_writing_to_a_conversation_waiting_in_the_queue_sets_no_deadline_of_its_own() throws Exception {
        fixture.givenCurrentTime(WEDNESDAY_10).andThenAggregate(CONVERSATION.value()).published(started(WEDNESDAY_10),
                        new HandoffRequested(CONVERSATION, "INTENT_NEEDS_HUMAN", WEDNESDAY_10))
                .whenAggregate(CONVERSATION.value()).publishes(text("wamid.2", WEDNESDAY_10.plusSeconds(60), "Hello?"))
                .expectNoDispatchedCommands();
    }

    // --- the reply deadline (SLA) ----------------------------------------------------------------------------

    @Test
    void an_agent_who_does_not_answer_in_time_loses_the_conversation_to_another_available_agent() throws Exception {
        agents.with(WANJIRU, 0).with(OTIENO, 2);
        Instant due = WEDNESDAY_10.plus(SLA);
        fixture.givenCurrentTime(WEDNESDAY_10)
                .andThenAPublished(started(WEDNESDAY_10))
                .andThenAPublished(new HandoffRequested(CONVERSATION, "INTENT_NEEDS_HUMAN", WEDNESDAY_10))
                .andThenAPublished(new ConversationAssigned(CONVERSATION, WANJIRU, "handoff", WEDNESDAY_10))
                .whenTimeElapses(SLA.plusMinutes(1))
                .expectTriggeredDeadlines(new ReplyDue(WANJIRU, due))
                .expectDispatchedCommands(new ReassignOverdueConversation(CONVERSATION, WANJIRU, due, OTIENO, due));
    }

    @Test
    void the_reassigned_agent_gets_a_deadline_of_their_own() throws Exception {
        agents.with(WANJIRU, 0).with(OTIENO, 2);
        Instant due = WEDNESDAY_10.plus(SLA);
        fixture.givenCurrentTime(WEDNESDAY_10)
                .andThenAPublished(started(WEDNESDAY_10))
                .andThenAPublished(new ConversationAssigned(CONVERSATION, WANJIRU, "handoff", WEDNESDAY_10))
                .andThenTimeElapses(SLA.plusMinutes(1))
                .andThenAPublished(new ReplyDeadlineMissed(CONVERSATION, WANJIRU, due, due))
                .whenPublishingA(new ConversationAssigned(CONVERSATION, OTIENO, "sla", due))
                .expectDispatchedCommands(new SetReplyDeadline(CONVERSATION, OTIENO, due.plus(SLA), due))
                .expectScheduledDeadline(due.plus(SLA), new ReplyDue(OTIENO, due.plus(SLA)));
    }

    @Test
    void with_no_other_agent_available_an_overdue_conversation_is_escalated() throws Exception {
        agents.with(WANJIRU, 0);
        Instant due = WEDNESDAY_10.plus(SLA);
        fixture.givenCurrentTime(WEDNESDAY_10)
                .andThenAPublished(started(WEDNESDAY_10))
                .andThenAPublished(new ConversationAssigned(CONVERSATION, WANJIRU, "handoff", WEDNESDAY_10))
                .whenTimeElapses(SLA.plusMinutes(1))
                .expectDispatchedCommands(new ReassignOverdueConversation(CONVERSATION, WANJIRU, due, null, due));
    }

    @Test
    void after_an_escalation_no_further_deadline_runs() throws Exception {
        Instant due = WEDNESDAY_10.plus(SLA);
        fixture.givenCurrentTime(WEDNESDAY_10)
                .andThenAPublished(started(WEDNESDAY_10))
                .andThenAPublished(new ConversationAssigned(CONVERSATION, WANJIRU, "handoff", WEDNESDAY_10))
                .andThenTimeElapses(SLA.plusMinutes(1))
                .andThenAPublished(new ReplyDeadlineMissed(CONVERSATION, WANJIRU, due, due))
                .whenPublishingA(new ConversationEscalated(CONVERSATION, WANJIRU, "nobody else", due))
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines();
    }

    @Test
    void an_agents_reply_in_time_meets_the_deadline() throws Exception {
        agents.with(WANJIRU, 0).with(OTIENO, 0);
        fixture.givenCurrentTime(WEDNESDAY_10)
                .andThenAPublished(started(WEDNESDAY_10))
                .andThenAPublished(new ConversationAssigned(CONVERSATION, WANJIRU, "handoff", WEDNESDAY_10))
                .andThenAPublished(agentReply(WANJIRU, WEDNESDAY_10.plus(Duration.ofMinutes(3))))
                .whenTimeElapses(Duration.ofHours(1))
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines();
    }

    @Test
    void a_message_staff_typed_on_the_business_app_meets_the_deadline_as_an_agents_reply_does() throws Exception {
        agents.with(WANJIRU, 0).with(OTIENO, 0);
        fixture.givenCurrentTime(WEDNESDAY_10)
                .andThenAPublished(started(WEDNESDAY_10))
                .andThenAPublished(new ConversationAssigned(CONVERSATION, WANJIRU, "handoff", WEDNESDAY_10))
                .andThenAPublished(typedOnThePhone("wamid.echo1", WEDNESDAY_10.plus(Duration.ofMinutes(3))))
                .whenTimeElapses(Duration.ofHours(1))
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines();
    }

    @Test
    void the_customer_writing_again_after_a_message_typed_on_the_business_app_starts_a_new_deadline() throws Exception {
        Instant typed = WEDNESDAY_10.plus(Duration.ofMinutes(5));
        Instant again = WEDNESDAY_10.plus(Duration.ofMinutes(8));
        fixture.givenCurrentTime(WEDNESDAY_10).andThenAggregate(CONVERSATION.value()).published(started(WEDNESDAY_10),
                        new HandoffRequested(CONVERSATION, "INTENT_NEEDS_HUMAN", WEDNESDAY_10),
                        new ConversationAssigned(CONVERSATION, WANJIRU, "handoff", WEDNESDAY_10),
                        typedOnThePhone("wamid.echo2", typed))
                .andThenTimeAdvancesTo(again)
                .whenAggregate(CONVERSATION.value()).publishes(text("wamid.3", again, "Still not working"))
                .expectDispatchedCommands(new SetReplyDeadline(CONVERSATION, WANJIRU, again.plus(SLA), again))
                .expectScheduledDeadline(again.plus(SLA), new ReplyDue(WANJIRU, again.plus(SLA)));
    }

    @Test
    void a_message_typed_on_the_business_app_to_a_conversation_with_the_bot_loads_no_saga() throws Exception {
        fixture.givenCurrentTime(WEDNESDAY_10).andThenAggregate(CONVERSATION.value()).published(started(WEDNESDAY_10))
                .whenAggregate(CONVERSATION.value()).publishes(typedOnThePhone("wamid.echo3", WEDNESDAY_10))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void the_bots_own_messages_do_not_count_as_an_answer() throws Exception {
        agents.with(WANJIRU, 0);
        Instant due = WEDNESDAY_10.plus(SLA);
        fixture.givenCurrentTime(WEDNESDAY_10)
                .andThenAPublished(started(WEDNESDAY_10))
                .andThenAPublished(new ConversationAssigned(CONVERSATION, WANJIRU, "handoff", WEDNESDAY_10))
                .andThenAPublished(new OutboundMessageQueued(CONVERSATION, CONTACT, NUMBER, "bot-x",
                        new TextContent("Hi", false), null, "bot", WEDNESDAY_10))
                .whenTimeElapses(SLA.plusMinutes(1))
                .expectDispatchedCommands(new ReassignOverdueConversation(CONVERSATION, WANJIRU, due, null, due));
    }

    @Test
    void an_unassigned_conversation_goes_to_another_available_agent() throws Exception {
        agents.with(WANJIRU, 0).with(OTIENO, 4);
        Instant at = WEDNESDAY_10.plus(Duration.ofMinutes(2));
        fixture.givenCurrentTime(WEDNESDAY_10).andThenAggregate(CONVERSATION.value()).published(started(WEDNESDAY_10),
                        new ConversationAssigned(CONVERSATION, WANJIRU, "handoff", WEDNESDAY_10))
                .whenAggregate(CONVERSATION.value())
                .publishes(new ConversationUnassigned(CONVERSATION, WANJIRU, "agent:" + WANJIRU, at))
                .expectDispatchedCommands(new AssignWaitingConversation(CONVERSATION, OTIENO, "handoff", at));
    }

    // --- snooze, hand back, resolve ------------------------------------------------------------------------

    @Test
    void a_snoozed_conversation_is_woken_at_its_time() throws Exception {
        Instant until = WEDNESDAY_10.plus(Duration.ofHours(2));
        fixture.givenCurrentTime(WEDNESDAY_10)
                .andThenAPublished(started(WEDNESDAY_10))
                .andThenAPublished(new ConversationAssigned(CONVERSATION, WANJIRU, "handoff", WEDNESDAY_10))
                .andThenAPublished(new ConversationSnoozed(CONVERSATION, until, "agent:" + WANJIRU, WEDNESDAY_10))
                .whenTimeAdvancesTo(until)
                .expectTriggeredDeadlines(new SnoozeEnds(until))
                .expectDispatchedCommands(new WakeConversation(CONVERSATION, until, until));
    }

    @Test
    void a_woken_conversation_is_due_an_answer_from_its_agent_again() throws Exception {
        Instant until = WEDNESDAY_10.plus(Duration.ofHours(2));
        fixture.givenCurrentTime(WEDNESDAY_10).andThenAggregate(CONVERSATION.value()).published(started(WEDNESDAY_10),
                        new ConversationAssigned(CONVERSATION, WANJIRU, "handoff", WEDNESDAY_10),
                        new ConversationSnoozed(CONVERSATION, until, "agent:" + WANJIRU, WEDNESDAY_10))
                .whenAggregate(CONVERSATION.value()).publishes(new ConversationUnsnoozed(CONVERSATION, "time", until))
                .expectDispatchedCommands(new SetReplyDeadline(CONVERSATION, WANJIRU, until.plus(SLA), until));
    }

    @Test
    void resolution_ends_the_saga_and_its_deadlines() throws Exception {
        fixture.givenCurrentTime(WEDNESDAY_10).andThenAggregate(CONVERSATION.value()).published(started(WEDNESDAY_10),
                        new HandoffRequested(CONVERSATION, "INTENT_NEEDS_HUMAN", WEDNESDAY_10),
                        new ConversationAssigned(CONVERSATION, WANJIRU, "handoff", WEDNESDAY_10))
                .whenAggregate(CONVERSATION.value())
                .publishes(new ConversationResolved(CONVERSATION, "agent:" + WANJIRU, WEDNESDAY_10.plusSeconds(600)))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    private static BusinessAppMessageSent typedOnThePhone(String wamid, Instant at) {
        return new BusinessAppMessageSent(CONVERSATION, wamid, at, new InboundMessage.Text("A technician comes tomorrow"));
    }

    private static OutboundMessageQueued agentReply(String agent, Instant at) {
        return new OutboundMessageQueued(CONVERSATION, CONTACT, NUMBER, "m-" + at.getEpochSecond(),
                new TextContent("Pole sana, tunashughulikia", false), null, "agent:" + agent, at);
    }
}
