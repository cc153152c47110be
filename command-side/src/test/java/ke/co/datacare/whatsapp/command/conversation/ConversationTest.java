package ke.co.datacare.whatsapp.command.conversation;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.ConversationMarkedRead;
import ke.co.datacare.whatsapp.api.conversation.ConversationStarted;
import ke.co.datacare.whatsapp.api.conversation.DeliveryStatus;
import ke.co.datacare.whatsapp.api.conversation.InboundMessage;
import ke.co.datacare.whatsapp.api.conversation.RecordBusinessAppMessage;
import ke.co.datacare.whatsapp.api.conversation.ImportConversationHistory;
import ke.co.datacare.whatsapp.api.conversation.HistoricalMessageImported;
import ke.co.datacare.whatsapp.api.conversation.BusinessAppMessageSent;
import ke.co.datacare.whatsapp.api.conversation.MediaMessageReceived;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageAccepted;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageAcceptedAfterFailure;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRetried;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageSendFailed;
import ke.co.datacare.whatsapp.api.conversation.RecordSendAcceptance;
import ke.co.datacare.whatsapp.api.conversation.OpenConversationAndSend;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateContent;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageDelivered;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageFailed;
import ke.co.datacare.whatsapp.api.conversation.MarkConversationRead;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRead;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageSent;
import ke.co.datacare.whatsapp.api.conversation.ReactionAdded;
import ke.co.datacare.whatsapp.api.conversation.ReactionRemoved;
import ke.co.datacare.whatsapp.api.conversation.RecordDeliveryStatus;
import ke.co.datacare.whatsapp.api.conversation.RecordInboundMessage;
import ke.co.datacare.whatsapp.api.conversation.TextMessageReceived;
import ke.co.datacare.whatsapp.api.conversation.SendMessage;
import ke.co.datacare.whatsapp.api.conversation.UnknownMessageReceived;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.common.Refusal;
import ke.co.datacare.whatsapp.api.conversation.AddNote;
import ke.co.datacare.whatsapp.api.conversation.AssignConversation;
import ke.co.datacare.whatsapp.api.conversation.AssignWaitingConversation;
import ke.co.datacare.whatsapp.api.conversation.ConversationAssigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationEscalated;
import ke.co.datacare.whatsapp.api.conversation.ConversationHandedBackToBot;
import ke.co.datacare.whatsapp.api.conversation.ConversationReopened;
import ke.co.datacare.whatsapp.api.conversation.ConversationResolved;
import ke.co.datacare.whatsapp.api.conversation.ConversationSnoozed;
import ke.co.datacare.whatsapp.api.conversation.ConversationUnassigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationUnsnoozed;
import ke.co.datacare.whatsapp.api.conversation.HandBackToBot;
import ke.co.datacare.whatsapp.api.conversation.HandoffRequested;
import ke.co.datacare.whatsapp.api.conversation.NoteAdded;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.ReassignOverdueConversation;
import ke.co.datacare.whatsapp.api.conversation.ReopenConversation;
import ke.co.datacare.whatsapp.api.conversation.ReplyDeadlineMissed;
import ke.co.datacare.whatsapp.api.conversation.ReplyDeadlineSet;
import ke.co.datacare.whatsapp.api.conversation.RequestHandoff;
import ke.co.datacare.whatsapp.api.conversation.ResolveConversation;
import ke.co.datacare.whatsapp.api.conversation.SetReplyDeadline;
import ke.co.datacare.whatsapp.api.conversation.SnoozeConversation;
import ke.co.datacare.whatsapp.api.conversation.UnassignConversation;
import ke.co.datacare.whatsapp.api.conversation.WakeConversation;
import ke.co.datacare.whatsapp.api.conversation.outbound.TextContent;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

class ConversationTest {

    private static final ConversationId CONVERSATION = ConversationId.of("conv-1");
    private static final ContactId CONTACT = ContactId.of("contact-1");
    private static final String NUMBER = "110000000000001";
    private static final Instant T0 = Instant.parse("2026-11-25T07:00:00Z");

    private FixtureConfiguration<Conversation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Conversation.class);
    }

    private static RecordInboundMessage inbound(String wamid, Instant at, InboundMessage message) {
        return new RecordInboundMessage(CONVERSATION, CONTACT, NUMBER, wamid, at, message, null, null);
    }

    private static RecordDeliveryStatus status(String wamid, DeliveryStatus status, Instant at) {
        return new RecordDeliveryStatus(CONVERSATION, CONTACT, NUMBER, wamid, status, at, null, null, null, null, null);
    }

    private static ConversationStarted started() {
        return new ConversationStarted(CONVERSATION, CONTACT, NUMBER, T0);
    }

    @Test
    void the_first_message_of_a_contact_starts_the_conversation_and_records_the_text() {
        fixture.givenNoPriorActivity()
                .when(inbound("wamid.A", T0, new InboundMessage.Text("Habari")))
                .expectEvents(started(), new TextMessageReceived(CONVERSATION, "wamid.A", T0, "Habari", null, null));
    }

    // --- a late delivery: the window is judged at the time of the send, not when the customer wrote ---------------

    @Test
    void a_reply_to_a_message_that_reached_us_25_hours_late_is_refused_as_the_window_closed() {
        Instant wrote = T0.minus(Duration.ofHours(25));
        fixture.given(started(), new TextMessageReceived(CONVERSATION, "wamid.late", wrote, "Habari", null, null))
                .when(new SendMessage(CONVERSATION, "bot-wamid.late", new TextContent("Karibu!", false), null, "bot",
                        false, false, T0))
                .expectException(CommandExecutionException.class)
                .expectExceptionDetails(new Refusal(ErrorCode.WINDOW_CLOSED, Map.of(
                        "windowClosedAt", wrote.plus(Duration.ofHours(24)).toString(), "templateRequired", true)))
                .expectNoEvents();
    }

    @Test
    void a_reply_to_a_message_that_reached_us_three_hours_late_is_inside_the_window_counted_from_the_customer() {
        Instant wrote = T0.minus(Duration.ofHours(3));
        TextContent apology = new TextContent("Sorry for the delay", false);
        fixture.given(started(), new TextMessageReceived(CONVERSATION, "wamid.late", wrote, "Habari", null, null))
                .when(new SendMessage(CONVERSATION, "bot-wamid.late", apology, null, "bot", false, false, T0))
                .expectEvents(new OutboundMessageQueued(CONVERSATION, CONTACT, NUMBER, "bot-wamid.late", apology, null,
                        "bot", T0));
    }

    @Test
    void a_redelivered_message_is_recorded_only_once() {
        fixture.given(started(), new TextMessageReceived(CONVERSATION, "wamid.A", T0, "Habari", null, null))
                .when(inbound("wamid.A", T0, new InboundMessage.Text("Habari")))
                .expectNoEvents();
    }

    @Test
    void a_message_redelivered_after_eight_days_of_newer_traffic_is_no_longer_remembered() {
        Instant later = T0.plus(java.time.Duration.ofDays(9));
        fixture.given(started(), new TextMessageReceived(CONVERSATION, "wamid.A", T0, "old", null, null),
                        new TextMessageReceived(CONVERSATION, "wamid.B", later, "new", null, null))
                .when(inbound("wamid.A", T0, new InboundMessage.Text("old")))
                .expectEvents(new TextMessageReceived(CONVERSATION, "wamid.A", T0, "old", null, null));
    }

    @Test
    void each_kind_of_message_gets_its_own_event() {
        InboundMessage.Media voice = new InboundMessage.Media("audio", "media-1", "audio/ogg", "abc=", null, null, true, false);
        fixture.given(started())
                .when(inbound("wamid.V", T0, voice))
                .expectEvents(new MediaMessageReceived(CONVERSATION, "wamid.V", T0, "audio", "media-1", "audio/ogg",
                        "abc=", null, null, true, false, null, null));
    }

    @Test
    void an_unknown_kind_is_kept_with_its_raw_json() {
        fixture.given(started())
                .when(inbound("wamid.P", T0, new InboundMessage.Unknown("poll", "{\"type\":\"poll\"}")))
                .expectEvents(new UnknownMessageReceived(CONVERSATION, "wamid.P", T0, "poll", "{\"type\":\"poll\"}", null, null));
    }

    @Test
    void reactions_reusing_a_message_id_are_told_apart_by_their_emoji() {
        fixture.given(started(), new ReactionAdded(CONVERSATION, "wamid.R", T0, "wamid.OUT", "👍"))
                .when(inbound("wamid.R", T0.plusSeconds(5), new InboundMessage.Reaction("wamid.OUT", "")))
                .expectEvents(new ReactionRemoved(CONVERSATION, "wamid.R", T0.plusSeconds(5), "wamid.OUT"));
    }

    @Test
    void delivery_statuses_move_forward_only() {
        fixture.given(started(), new OutboundMessageSent(CONVERSATION, "wamid.OUT", null, T0, null),
                        new OutboundMessageRead(CONVERSATION, "wamid.OUT", null, T0.plusSeconds(9)))
                .when(status("wamid.OUT", DeliveryStatus.DELIVERED, T0.plusSeconds(5)))
                .expectNoEvents();
    }

    @Test
    void a_read_status_skipping_delivered_is_recorded() {
        fixture.given(started(), new OutboundMessageSent(CONVERSATION, "wamid.OUT", null, T0, null))
                .when(status("wamid.OUT", DeliveryStatus.READ, T0.plusSeconds(9)))
                .expectEvents(new OutboundMessageRead(CONVERSATION, "wamid.OUT", null, T0.plusSeconds(9)));
    }

    @Test
    void the_same_status_twice_changes_nothing() {
        fixture.given(started(), new OutboundMessageDelivered(CONVERSATION, "wamid.OUT", null, T0, null))
                .when(status("wamid.OUT", DeliveryStatus.DELIVERED, T0))
                .expectNoEvents();
    }

    @Test
    void a_failure_is_recorded_with_metas_error_and_is_final() {
        RecordDeliveryStatus failed = new RecordDeliveryStatus(CONVERSATION, CONTACT, NUMBER, "wamid.OUT",
                DeliveryStatus.FAILED, T0, 131026, "Message undeliverable", "receiver incapable", "PERMANENT", null);
        fixture.given(started(), new OutboundMessageSent(CONVERSATION, "wamid.OUT", null, T0, null))
                .when(failed)
                .expectEvents(new OutboundMessageFailed(CONVERSATION, "wamid.OUT", null, T0, 131026, "Message undeliverable",
                        "receiver incapable", "PERMANENT"));
        fixture.given(started(), new OutboundMessageFailed(CONVERSATION, "wamid.OUT", null, T0, 131026, "x", "y", "PERMANENT"))
                .when(status("wamid.OUT", DeliveryStatus.DELIVERED, T0.plusSeconds(1)))
                .expectNoEvents();
    }

    private static OutboundMessageQueued queuedTemplate(String messageId) {
        return new OutboundMessageQueued(CONVERSATION, CONTACT, NUMBER, messageId,
                new TextContent("Your order is on its way", false), null, "campaign:c-1", T0);
    }

    @Test
    void a_message_meta_accepts_at_the_first_attempt_is_recorded_as_accepted_only() {
        fixture.given(started(), queuedTemplate("m-1"))
                .when(new RecordSendAcceptance(CONVERSATION, "m-1", "wamid.M1", T0.plusSeconds(1)))
                .expectEvents(new OutboundMessageAccepted(CONVERSATION, "m-1", "wamid.M1", T0.plusSeconds(1)));
    }

    @Test
    void a_message_accepted_after_a_failed_attempt_also_records_that_its_failure_is_over() {
        fixture.given(started(), queuedTemplate("m-1"),
                        new OutboundMessageSendFailed(CONVERSATION, "m-1", 1, 131000, "Something went wrong", null,
                                "TRANSIENT", T0),
                        new OutboundMessageRetried(CONVERSATION, "m-1", 2, T0.plusSeconds(2)))
                .when(new RecordSendAcceptance(CONVERSATION, "m-1", "wamid.M1", T0.plusSeconds(3)))
                .expectEvents(new OutboundMessageAccepted(CONVERSATION, "m-1", "wamid.M1", T0.plusSeconds(3)),
                        new OutboundMessageAcceptedAfterFailure(CONVERSATION, "m-1", 2, T0.plusSeconds(3)));
    }

    @Test
    void a_first_message_opens_the_conversation_and_queues_itself_in_one_command_unless_it_is_refused() {
        SendMessage template = new SendMessage(CONVERSATION, "m-1", new TextContent("Karibu", false), null,
                "campaign:c-1", true, false, T0);
        fixture.givenNoPriorActivity()
                .when(new OpenConversationAndSend(CONVERSATION, CONTACT, NUMBER, template))
                .expectException(CommandExecutionException.class)
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new OpenConversationAndSend(CONVERSATION, CONTACT, NUMBER, new SendMessage(CONVERSATION, "m-1",
                        new TemplateContent("order_update", "en", List.of()), null, "campaign:c-1", true, false, T0)))
                .expectEvents(new ConversationStarted(CONVERSATION, CONTACT, NUMBER, T0),
                        new OutboundMessageQueued(CONVERSATION, CONTACT, NUMBER, "m-1",
                                new TemplateContent("order_update", "en", List.of()), null, "campaign:c-1", T0));
    }

    // --- support lifecycle ---------------------------------------------------------------------------------

    private static final String AGENT = "agent-wanjiru";
    private static final String OTHER_AGENT = "agent-otieno";
    private static final String BY = "agent:admin-1";
    private static final Instant T1 = T0.plus(Duration.ofMinutes(1));
    private static final Instant DUE = T1.plus(Duration.ofMinutes(15));

    private static HandoffRequested handoff() {
        return new HandoffRequested(CONVERSATION, "CUSTOMER_ASKED_FOR_HUMAN", T0);
    }

    private static ConversationAssigned assigned(String agent) {
        return new ConversationAssigned(CONVERSATION, agent, "handoff", T1);
    }

    private static Refusal conflict(String status) {
        return new Refusal(ErrorCode.CONFLICT, Map.of("status", status));
    }

    @Test
    void the_bot_hands_a_conversation_to_people_and_it_waits_for_an_agent() {
        fixture.given(started())
                .when(new RequestHandoff(CONVERSATION, "CUSTOMER_ASKED_FOR_HUMAN", T0))
                .expectEvents(handoff());
    }

    @Test
    void a_second_handoff_request_while_people_have_the_conversation_changes_nothing() {
        fixture.given(started(), handoff())
                .when(new RequestHandoff(CONVERSATION, "NOT_UNDERSTOOD", T1))
                .expectNoEvents();
    }

    @Test
    void the_assignment_policy_gives_a_waiting_conversation_to_the_chosen_agent() {
        fixture.given(started(), handoff())
                .when(new AssignWaitingConversation(CONVERSATION, AGENT, "handoff", T1))
                .expectEvents(assigned(AGENT));
    }

    @Test
    void the_assignment_policy_does_not_take_a_conversation_an_agent_already_took() {
        fixture.given(started(), handoff(), new ConversationAssigned(CONVERSATION, OTHER_AGENT, "agent:" + OTHER_AGENT, T0))
                .when(new AssignWaitingConversation(CONVERSATION, AGENT, "handoff", T1))
                .expectNoEvents();
    }

    @Test
    void an_agent_takes_a_conversation_from_the_bot() {
        fixture.given(started())
                .when(new AssignConversation(CONVERSATION, AGENT, "agent:" + AGENT, T1))
                .expectEvents(new ConversationAssigned(CONVERSATION, AGENT, "agent:" + AGENT, T1));
    }

    @Test
    void assigning_to_the_agent_who_holds_the_conversation_changes_nothing() {
        fixture.given(started(), handoff(), assigned(AGENT))
                .when(new AssignConversation(CONVERSATION, AGENT, BY, T1))
                .expectNoEvents();
    }

    @Test
    void a_resolved_conversation_cannot_be_assigned_before_it_is_reopened() {
        fixture.given(started(), new ConversationResolved(CONVERSATION, BY, T0))
                .when(new AssignConversation(CONVERSATION, AGENT, BY, T1))
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionDetails(conflict("resolved"));
    }

    @Test
    void unassigning_puts_the_conversation_back_in_the_queue() {
        fixture.given(started(), handoff(), assigned(AGENT))
                .when(new UnassignConversation(CONVERSATION, BY, T1))
                .expectEvents(new ConversationUnassigned(CONVERSATION, AGENT, BY, T1));
    }

    @Test
    void unassigning_a_conversation_nobody_holds_is_refused() {
        fixture.given(started(), handoff())
                .when(new UnassignConversation(CONVERSATION, BY, T1))
                .expectException(CommandExecutionException.class)
                .expectExceptionDetails(conflict("pending"));
    }

    @Test
    void an_agent_resolves_the_conversation() {
        fixture.given(started(), handoff(), assigned(AGENT))
                .when(new ResolveConversation(CONVERSATION, "agent:" + AGENT, T1))
                .expectEvents(new ConversationResolved(CONVERSATION, "agent:" + AGENT, T1));
    }

    @Test
    void resolving_twice_is_refused() {
        fixture.given(started(), new ConversationResolved(CONVERSATION, BY, T0))
                .when(new ResolveConversation(CONVERSATION, BY, T1))
                .expectException(CommandExecutionException.class)
                .expectExceptionDetails(conflict("resolved"));
    }

    @Test
    void only_a_resolved_conversation_can_be_reopened() {
        fixture.given(started(), new ConversationResolved(CONVERSATION, BY, T0))
                .when(new ReopenConversation(CONVERSATION, BY, T1))
                .expectEvents(new ConversationReopened(CONVERSATION, T1));
        fixture.given(started())
                .when(new ReopenConversation(CONVERSATION, BY, T1))
                .expectException(CommandExecutionException.class)
                .expectExceptionDetails(conflict("open"));
    }

    @Test
    void the_customers_next_message_after_resolution_reopens_the_conversation() {
        fixture.given(started(), handoff(), assigned(AGENT), new ConversationResolved(CONVERSATION, BY, T1))
                .when(inbound("wamid.R", DUE, new InboundMessage.Text("Tena")))
                .expectEvents(new ConversationReopened(CONVERSATION, DUE),
                        new TextMessageReceived(CONVERSATION, "wamid.R", DUE, "Tena", null, null));
    }

    @Test
    void a_snoozed_conversation_wakes_at_its_time() {
        Instant until = T1.plus(Duration.ofHours(2));
        fixture.given(started(), handoff(), assigned(AGENT), new ConversationSnoozed(CONVERSATION, until, BY, T1))
                .when(new WakeConversation(CONVERSATION, until, until))
                .expectEvents(new ConversationUnsnoozed(CONVERSATION, "time", until));
    }

    @Test
    void a_snooze_that_was_replaced_does_not_wake_the_conversation() {
        Instant first = T1.plus(Duration.ofHours(2));
        Instant later = T1.plus(Duration.ofHours(5));
        fixture.given(started(), new ConversationSnoozed(CONVERSATION, first, BY, T1),
                        new ConversationSnoozed(CONVERSATION, later, BY, T1))
                .when(new WakeConversation(CONVERSATION, first, first))
                .expectNoEvents();
    }

    @Test
    void the_customers_next_message_wakes_a_snoozed_conversation() {
        Instant until = T1.plus(Duration.ofHours(2));
        Instant at = T1.plus(Duration.ofMinutes(30));
        fixture.given(started(), new ConversationSnoozed(CONVERSATION, until, BY, T1))
                .when(inbound("wamid.S", at, new InboundMessage.Text("Uko?")))
                .expectEvents(new ConversationUnsnoozed(CONVERSATION, "customer-message", at),
                        new TextMessageReceived(CONVERSATION, "wamid.S", at, "Uko?", null, null));
    }

    @Test
    void a_snooze_must_end_in_the_future_and_a_resolved_conversation_cannot_be_snoozed() {
        fixture.given(started())
                .when(new SnoozeConversation(CONVERSATION, T0, BY, T1))
                .expectException(CommandExecutionException.class)
                .expectExceptionDetails(new Refusal(ErrorCode.VALIDATION_FAILED, Map.of()));
        fixture.given(started(), new ConversationResolved(CONVERSATION, BY, T0))
                .when(new SnoozeConversation(CONVERSATION, DUE, BY, T1))
                .expectException(CommandExecutionException.class)
                .expectExceptionDetails(conflict("resolved"));
    }

    @Test
    void assigning_a_snoozed_conversation_wakes_it_first() {
        Instant until = T1.plus(Duration.ofHours(2));
        fixture.given(started(), handoff(), new ConversationSnoozed(CONVERSATION, until, BY, T0))
                .when(new AssignConversation(CONVERSATION, AGENT, BY, T1))
                .expectEvents(new ConversationUnsnoozed(CONVERSATION, BY, T1),
                        new ConversationAssigned(CONVERSATION, AGENT, BY, T1));
    }

    @Test
    void an_agent_hands_the_conversation_back_to_the_bot() {
        fixture.given(started(), handoff(), assigned(AGENT))
                .when(new HandBackToBot(CONVERSATION, "agent:" + AGENT, T1))
                .expectEvents(new ConversationHandedBackToBot(CONVERSATION, "agent:" + AGENT, T1));
    }

    @Test
    void a_conversation_with_the_bot_cannot_be_handed_back_to_it() {
        fixture.given(started())
                .when(new HandBackToBot(CONVERSATION, BY, T1))
                .expectException(CommandExecutionException.class)
                .expectExceptionDetails(conflict("open"));
    }

    @Test
    void a_private_note_is_recorded_and_an_empty_one_refused() {
        fixture.given(started())
                .when(new AddNote(CONVERSATION, "note-1", AGENT, "Called him back, router replaced", T1))
                .expectEvents(new NoteAdded(CONVERSATION, "note-1", AGENT, "Called him back, router replaced", T1));
        fixture.given(started())
                .when(new AddNote(CONVERSATION, "note-2", AGENT, "  ", T1))
                .expectException(CommandExecutionException.class)
                .expectExceptionDetails(new Refusal(ErrorCode.VALIDATION_FAILED, Map.of()));
    }

    @Test
    void the_reply_deadline_is_recorded_for_the_agent_who_holds_the_conversation_only() {
        fixture.given(started(), handoff(), assigned(AGENT))
                .when(new SetReplyDeadline(CONVERSATION, AGENT, DUE, T1))
                .expectEvents(new ReplyDeadlineSet(CONVERSATION, AGENT, DUE, T1));
        fixture.given(started(), handoff(), assigned(AGENT))
                .when(new SetReplyDeadline(CONVERSATION, OTHER_AGENT, DUE, T1))
                .expectNoEvents();
    }

    @Test
    void an_overdue_conversation_goes_to_the_next_agent() {
        fixture.given(started(), handoff(), assigned(AGENT), new ReplyDeadlineSet(CONVERSATION, AGENT, DUE, T1))
                .when(new ReassignOverdueConversation(CONVERSATION, AGENT, DUE, OTHER_AGENT, DUE))
                .expectEvents(new ReplyDeadlineMissed(CONVERSATION, AGENT, DUE, DUE),
                        new ConversationAssigned(CONVERSATION, OTHER_AGENT, "sla", DUE));
    }

    @Test
    void an_overdue_conversation_is_escalated_when_no_other_agent_is_available() {
        fixture.given(started(), handoff(), assigned(AGENT), new ReplyDeadlineSet(CONVERSATION, AGENT, DUE, T1))
                .when(new ReassignOverdueConversation(CONVERSATION, AGENT, DUE, null, DUE))
                .expectEvents(new ReplyDeadlineMissed(CONVERSATION, AGENT, DUE, DUE), new ConversationEscalated(
                        CONVERSATION, AGENT, "The agent did not answer in time and no other agent is available", DUE));
    }

    @Test
    void a_waiting_conversation_nobody_took_in_time_is_escalated() {
        fixture.given(started(), handoff(), new ReplyDeadlineSet(CONVERSATION, null, DUE, T0))
                .when(new ReassignOverdueConversation(CONVERSATION, null, DUE, null, DUE))
                .expectEvents(new ReplyDeadlineMissed(CONVERSATION, null, DUE, DUE), new ConversationEscalated(
                        CONVERSATION, null, "No agent is available to take the conversation", DUE));
    }

    @Test
    void an_agents_reply_meets_the_deadline_so_nothing_is_overdue() {
        fixture.given(started(), handoff(), assigned(AGENT), new ReplyDeadlineSet(CONVERSATION, AGENT, DUE, T1),
                        new OutboundMessageQueued(CONVERSATION, CONTACT, NUMBER, "m-1", new TextContent("Pole!", false),
                                null, "agent:" + AGENT, T1))
                .when(new ReassignOverdueConversation(CONVERSATION, AGENT, DUE, OTHER_AGENT, DUE))
                .expectNoEvents();
    }

    private static final TextMessageReceived FIRST = new TextMessageReceived(CONVERSATION, "wamid.A", T0, "Habari", null, null);
    private static final TextMessageReceived SECOND = new TextMessageReceived(CONVERSATION, "wamid.B", T1, "Uko?", null, null);

    @Test
    void marking_a_conversation_read_marks_the_customers_latest_message() {
        fixture.given(started(), FIRST, SECOND)
                .when(new MarkConversationRead(CONVERSATION, false, BY, T1.plusSeconds(5)))
                .expectEvents(new ConversationMarkedRead(CONVERSATION, "wamid.B", false, BY, T1.plusSeconds(5)));
    }

    @Test
    void marking_a_read_conversation_read_again_changes_nothing() {
        fixture.given(started(), FIRST, new ConversationMarkedRead(CONVERSATION, "wamid.A", false, BY, T0.plusSeconds(5)))
                .when(new MarkConversationRead(CONVERSATION, false, BY, T1))
                .expectNoEvents();
    }

    @Test
    void a_typing_indicator_is_shown_even_when_everything_is_read() {
        fixture.given(started(), FIRST, new ConversationMarkedRead(CONVERSATION, "wamid.A", false, BY, T0.plusSeconds(5)))
                .when(new MarkConversationRead(CONVERSATION, true, BY, T1))
                .expectEvents(new ConversationMarkedRead(CONVERSATION, "wamid.A", true, BY, T1));
    }

    @Test
    void a_conversation_the_customer_never_wrote_in_cannot_be_marked_read() {
        fixture.given(started())
                .when(new MarkConversationRead(CONVERSATION, false, BY, T1))
                .expectException(CommandExecutionException.class)
                .expectExceptionDetails(new Refusal(ErrorCode.CONFLICT, Map.of()));
    }

    // --- coexistence: the WhatsApp Business app on the same number --------------------------------------------------

    private static RecordBusinessAppMessage typedOnThePhone(String wamid, Instant at) {
        return new RecordBusinessAppMessage(CONVERSATION, CONTACT, NUMBER, wamid, at,
                new InboundMessage.Text("A technician comes tomorrow"));
    }

    private static ImportConversationHistory history(String chunk, ImportConversationHistory.HistoricalMessage... messages) {
        return new ImportConversationHistory(CONVERSATION, CONTACT, NUMBER, chunk, List.of(messages));
    }

    private static ImportConversationHistory.HistoricalMessage past(String wamid, boolean fromBusiness, Instant at) {
        return new ImportConversationHistory.HistoricalMessage(wamid, fromBusiness, at, new InboundMessage.Text("Habari"),
                fromBusiness ? "read" : null);
    }

    @Test
    void a_message_staff_typed_on_the_business_app_is_recorded_once_however_often_meta_echoes_it() {
        fixture.given(started())
                .when(typedOnThePhone("wamid.echo", T0))
                .expectEvents(new BusinessAppMessageSent(CONVERSATION, "wamid.echo", T0,
                        new InboundMessage.Text("A technician comes tomorrow")));
        fixture.given(started(), new BusinessAppMessageSent(CONVERSATION, "wamid.echo", T0,
                        new InboundMessage.Text("A technician comes tomorrow")))
                .when(typedOnThePhone("wamid.echo", T0))
                .expectNoEvents();
    }

    @Test
    void a_message_typed_on_the_business_app_does_not_open_the_customer_service_window() {
        fixture.given(started(), new BusinessAppMessageSent(CONVERSATION, "wamid.echo", T0,
                        new InboundMessage.Text("Habari, any news?")))
                .when(new SendMessage(CONVERSATION, "m-1", new TextContent("Karibu!", false), null, "agent:a1", false,
                        false, T0.plusSeconds(60)))
                .expectException(CommandExecutionException.class)
                .expectNoEvents();
    }

    @Test
    void history_that_begins_a_conversation_imports_its_messages_and_leaves_it_resolved() {
        Instant past = T0.minus(Duration.ofDays(40));
        fixture.givenNoPriorActivity()
                .when(history("1/2", past("wamid.h2", true, past.plusSeconds(60)), past("wamid.h1", false, past)))
                .expectEvents(new ConversationStarted(CONVERSATION, CONTACT, NUMBER, past),
                        new HistoricalMessageImported(CONVERSATION, "wamid.h2", true, past.plusSeconds(60),
                                new InboundMessage.Text("Habari"), "read", "1/2"),
                        new HistoricalMessageImported(CONVERSATION, "wamid.h1", false, past,
                                new InboundMessage.Text("Habari"), null, "1/2"),
                        new ConversationResolved(CONVERSATION, "history-import", past));
    }

    @Test
    void a_history_chunk_delivered_again_imports_nothing_twice() {
        Instant past = T0.minus(Duration.ofDays(40));
        fixture.given(started(), new HistoricalMessageImported(CONVERSATION, "wamid.h1", false, past,
                        new InboundMessage.Text("Habari"), null, "1/2"))
                .when(history("1/2", past("wamid.h1", false, past)))
                .expectNoEvents();
    }

    @Test
    void history_of_a_conversation_already_under_way_leaves_its_state_as_it_is() {
        Instant past = T0.minus(Duration.ofDays(40));
        fixture.given(started())
                .when(history("2/1", past("wamid.h1", false, past)))
                .expectEvents(new HistoricalMessageImported(CONVERSATION, "wamid.h1", false, past,
                        new InboundMessage.Text("Habari"), null, "2/1"));
    }
}
