package ke.co.datacare.whatsapp.command.conversation;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.ConversationStarted;
import ke.co.datacare.whatsapp.api.conversation.DeliveryStatus;
import ke.co.datacare.whatsapp.api.conversation.InboundMessage;
import ke.co.datacare.whatsapp.api.conversation.MediaMessageReceived;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageDelivered;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageFailed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRead;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageSent;
import ke.co.datacare.whatsapp.api.conversation.ReactionAdded;
import ke.co.datacare.whatsapp.api.conversation.ReactionRemoved;
import ke.co.datacare.whatsapp.api.conversation.RecordDeliveryStatus;
import ke.co.datacare.whatsapp.api.conversation.RecordInboundMessage;
import ke.co.datacare.whatsapp.api.conversation.TextMessageReceived;
import ke.co.datacare.whatsapp.api.conversation.UnknownMessageReceived;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

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
}
