package ke.co.datacare.whatsapp.query.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.contact.ContactFirstSeen;
import ke.co.datacare.whatsapp.api.contact.ContactIdentityLinked;
import ke.co.datacare.whatsapp.api.contact.ContactProfileNameChanged;
import ke.co.datacare.whatsapp.api.contact.IdentityType;
import ke.co.datacare.whatsapp.api.conversation.ConversationAssigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationEscalated;
import ke.co.datacare.whatsapp.api.conversation.ConversationMarkedRead;
import ke.co.datacare.whatsapp.api.conversation.ConversationReopened;
import ke.co.datacare.whatsapp.api.conversation.ConversationResolved;
import ke.co.datacare.whatsapp.api.conversation.ConversationSnoozed;
import ke.co.datacare.whatsapp.api.conversation.ConversationStarted;
import ke.co.datacare.whatsapp.api.conversation.ConversationUnsnoozed;
import ke.co.datacare.whatsapp.api.conversation.HandoffRequested;
import ke.co.datacare.whatsapp.api.conversation.ReplyDeadlineSet;
import ke.co.datacare.whatsapp.api.conversation.LocationReceived;
import ke.co.datacare.whatsapp.api.conversation.MediaMessageReceived;
import ke.co.datacare.whatsapp.api.conversation.MessageRevokedByCustomer;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageAccepted;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageDelivered;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRetried;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageSendFailed;
import ke.co.datacare.whatsapp.api.conversation.ReactionAdded;
import ke.co.datacare.whatsapp.api.conversation.SystemNoticeReceived;
import ke.co.datacare.whatsapp.api.conversation.TextMessageReceived;
import ke.co.datacare.whatsapp.api.conversation.outbound.TextContent;
import ke.co.datacare.whatsapp.api.inbox.InboxItem;
import ke.co.datacare.whatsapp.api.inbox.TimelineMessage;
import ke.co.datacare.whatsapp.api.query.ConversationHistory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationAsOfTest {

    private static final ConversationId CONVERSATION = ConversationId.of("conv-1");
    private static final ContactId CONTACT = ContactId.of("contact-1");
    private static final Instant T0 = Instant.parse("2026-11-25T07:00:00Z");

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private final ConversationAsOf conversation = new ConversationAsOf(json);
    private final ContactAsOf contact = new ContactAsOf(CONTACT.value());
    private long sequence;

    private void given(Object... events) {
        for (Object event : events) {
            conversation.apply(event, sequence++);
        }
    }

    private ConversationHistory history(Instant asOf) {
        return conversation.toHistory(contact, asOf);
    }

    @Test
    void a_conversation_that_has_not_started_yet_does_not_exist() {
        assertThat(conversation.started()).isFalse();
    }

    @Test
    void the_inbox_row_shows_the_contact_the_last_message_and_the_window_as_at_that_moment() {
        contact.apply(new ContactIdentityLinked(CONTACT, IdentityType.WA_ID, "254712345678", T0));
        contact.apply(new ContactProfileNameChanged(CONTACT, "Wanjiku", T0));
        given(new ConversationStarted(CONVERSATION, CONTACT, "110000000000001", T0),
                new TextMessageReceived(CONVERSATION, "wamid.1", T0, "Habari, my router is not working", null, null),
                new MediaMessageReceived(CONVERSATION, "wamid.2", T0.plusSeconds(60), "image", "media-1", "image/jpeg",
                        "abc", null, null, false, false, null, null));

        InboxItem item = history(T0.plusSeconds(3600)).conversation();

        assertThat(item.contact()).isEqualTo(new InboxItem.InboxContact(CONTACT.value(), "Wanjiku", "+254712345678", null, null));
        assertThat(item.lastMessage()).isEqualTo(new InboxItem.LastMessage("[image]", "image", T0.plusSeconds(60)));
        assertThat(item.unreadCount()).isEqualTo(2);
        assertThat(item.status()).isEqualTo("open");
        assertThat(item.windowClosesAt()).isEqualTo(Instant.parse("2026-11-26T07:01:00Z"));
        assertThat(item.windowOpen()).isTrue();
        assertThat(history(Instant.parse("2026-11-26T08:00:00Z")).conversation().windowOpen()).isFalse();
    }

    @Test
    void a_contact_first_seen_in_one_event_shows_its_number_and_name() {
        contact.apply(new ContactFirstSeen(CONTACT, "254712345678", null, "Wanjiku", T0));
        given(new ConversationStarted(CONVERSATION, CONTACT, "110000000000001", T0),
                new TextMessageReceived(CONVERSATION, "wamid.1", T0, "Habari", null, null));

        assertThat(history(T0.plusSeconds(60)).conversation().contact())
                .isEqualTo(new InboxItem.InboxContact(CONTACT.value(), "Wanjiku", "+254712345678", null, null));
    }

    @Test
    void a_system_notice_is_a_message_but_does_not_move_the_window() {
        given(new ConversationStarted(CONVERSATION, CONTACT, "110000000000001", T0),
                new TextMessageReceived(CONVERSATION, "wamid.1", T0, "Habari", null, null),
                new SystemNoticeReceived(CONVERSATION, "wamid.2", T0.plusSeconds(600), "user_changed_number",
                        "changed number", "254700000002"));

        InboxItem item = history(T0.plusSeconds(700)).conversation();

        assertThat(item.windowClosesAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(item.lastMessage().type()).isEqualTo("system");
    }

    @Test
    void reactions_and_deletions_change_the_message_they_refer_to() {
        given(new ConversationStarted(CONVERSATION, CONTACT, "110000000000001", T0),
                new LocationReceived(CONVERSATION, "wamid.1", T0, -1.2864, 36.8172, "DataCare", "Nairobi", null, null, null),
                new ReactionAdded(CONVERSATION, "wamid.2", T0.plusSeconds(5), "wamid.1", "👍"),
                new MessageRevokedByCustomer(CONVERSATION, "wamid.3", T0.plusSeconds(9), "wamid.1"));

        List<TimelineMessage> timeline = history(T0.plusSeconds(10)).timeline();

        assertThat(timeline).extracting(TimelineMessage::id).containsExactly("wamid.1", "wamid.2|reaction|👍", "wamid.3");
        TimelineMessage location = timeline.get(0);
        assertThat(location.customerReaction()).isEqualTo("👍");
        assertThat(location.revoked()).isTrue();
        assertThat(location.detail()).isEqualTo("{\"latitude\":-1.2864,\"longitude\":36.8172,\"name\":\"DataCare\","
                + "\"address\":\"Nairobi\"}");
        assertThat(timeline.get(1).reaction()).isEqualTo(new TimelineMessage.Reaction("wamid.1", "👍"));
    }

    @Test
    void a_message_delivered_twice_is_shown_and_counted_once() {
        TextMessageReceived text = new TextMessageReceived(CONVERSATION, "wamid.1", T0, "Habari", null, null);
        given(new ConversationStarted(CONVERSATION, CONTACT, "110000000000001", T0), text, text);

        ConversationHistory history = history(T0.plusSeconds(1));

        assertThat(history.timeline()).hasSize(1);
        assertThat(history.conversation().unreadCount()).isEqualTo(1);
    }

    @Test
    void our_reply_follows_its_send_and_delivery_and_becomes_the_last_message_without_counting_as_unread() {
        given(new ConversationStarted(CONVERSATION, CONTACT, "110000000000001", T0),
                new TextMessageReceived(CONVERSATION, "wamid.1", T0, "Router haifanyi kazi", null, null),
                new OutboundMessageQueued(CONVERSATION, CONTACT, "110000000000001", "msg-1",
                        new TextContent("Pole! Tunaangalia sasa hivi.", false), "wamid.1", "agent:amina", T0.plusSeconds(60)),
                new OutboundMessageSendFailed(CONVERSATION, "msg-1", 1, 131000, "Something went wrong", null,
                        "TRANSIENT", T0.plusSeconds(61)),
                new OutboundMessageRetried(CONVERSATION, "msg-1", 2, T0.plusSeconds(70)),
                new OutboundMessageAccepted(CONVERSATION, "msg-1", "wamid.out", T0.plusSeconds(71)),
                new OutboundMessageDelivered(CONVERSATION, "wamid.out", "msg-1", T0.plusSeconds(75), null));

        ConversationHistory afterDelivery = history(T0.plusSeconds(80));
        TimelineMessage reply = afterDelivery.timeline().get(1);

        assertThat(reply.direction()).isEqualTo("outbound");
        assertThat(reply.sender()).isEqualTo("agent:amina");
        assertThat(reply.wamid()).isEqualTo("wamid.out");
        assertThat(reply.replyToWamid()).isEqualTo("wamid.1");
        assertThat(reply.send()).isEqualTo(new TimelineMessage.Send("accepted", null, null, null));
        assertThat(reply.delivery().status()).isEqualTo("delivered");
        assertThat(afterDelivery.conversation().lastMessage().content()).isEqualTo("Pole! Tunaangalia sasa hivi.");
        assertThat(afterDelivery.conversation().unreadCount()).isEqualTo(1);
    }

    @Test
    void a_retry_keeps_the_error_of_the_failed_attempt() {
        given(new ConversationStarted(CONVERSATION, CONTACT, "110000000000001", T0),
                new OutboundMessageQueued(CONVERSATION, CONTACT, "110000000000001", "msg-1",
                        new TextContent("Karibu", false), null, "bot", T0),
                new OutboundMessageSendFailed(CONVERSATION, "msg-1", 1, 131000, "Something went wrong", null,
                        "TRANSIENT", T0.plusSeconds(1)),
                new OutboundMessageRetried(CONVERSATION, "msg-1", 2, T0.plusSeconds(5)));

        assertThat(history(T0.plusSeconds(6)).timeline().get(0).send())
                .isEqualTo(new TimelineMessage.Send("retrying", 131000, "Something went wrong", "TRANSIENT"));
    }

    @Test
    void messages_are_ordered_by_the_time_the_customer_sent_them() {
        given(new ConversationStarted(CONVERSATION, CONTACT, "110000000000001", T0),
                new TextMessageReceived(CONVERSATION, "wamid.late", T0.plusSeconds(30), "second", null, null),
                new TextMessageReceived(CONVERSATION, "wamid.early", T0.plusSeconds(10), "first", null, null));

        assertThat(history(T0.plusSeconds(60)).timeline()).extracting(TimelineMessage::text)
                .containsExactly("first", "second");
    }

    @Test
    void after_a_reopening_time_travel_shows_the_conversation_open_without_assignee_deadline_or_escalation() {
        given(new ConversationStarted(CONVERSATION, CONTACT, "110000000000001", T0),
                new HandoffRequested(CONVERSATION, "CUSTOMER_ASKED_FOR_HUMAN", T0.plusSeconds(10)),
                new ConversationAssigned(CONVERSATION, "agent-1", "handoff", T0.plusSeconds(20)),
                new ReplyDeadlineSet(CONVERSATION, "agent-1", T0.plusSeconds(320), T0.plusSeconds(20)),
                new ConversationEscalated(CONVERSATION, "agent-1", "REPLY_DEADLINE_MISSED", T0.plusSeconds(330)),
                new ConversationResolved(CONVERSATION, "agent:agent-1", T0.plusSeconds(400)),
                new ConversationReopened(CONVERSATION, T0.plusSeconds(500)),
                new ReplyDeadlineSet(CONVERSATION, "agent-1", T0.plusSeconds(900), T0.plusSeconds(600)));
        conversation.apply(new ConversationReopened(CONVERSATION, T0.plusSeconds(700)), sequence++);

        InboxItem item = history(T0.plusSeconds(800)).conversation();

        assertThat(item.status()).isEqualTo("open");
        assertThat(item.assignee()).isNull();
        assertThat(item.slaDueAt()).isNull();
        assertThat(item.escalatedAt()).isNull();
    }

    @Test
    void after_a_second_snooze_waking_returns_to_the_status_before_the_first_snooze() {
        given(new ConversationStarted(CONVERSATION, CONTACT, "110000000000001", T0),
                new HandoffRequested(CONVERSATION, "CUSTOMER_ASKED_FOR_HUMAN", T0.plusSeconds(10)),
                new ConversationAssigned(CONVERSATION, "agent-2", "handoff", T0.plusSeconds(20)),
                new ConversationSnoozed(CONVERSATION, T0.plusSeconds(3600), "agent:agent-2", T0.plusSeconds(30)),
                new ConversationSnoozed(CONVERSATION, T0.plusSeconds(7200), "agent:agent-2", T0.plusSeconds(40)));
        assertThat(history(T0.plusSeconds(50)).conversation().snoozedUntil()).isEqualTo(T0.plusSeconds(7200));

        given(new ConversationUnsnoozed(CONVERSATION, "SNOOZE_ENDED", T0.plusSeconds(7200)));
        InboxItem item = history(T0.plusSeconds(7300)).conversation();

        assertThat(item.status()).isEqualTo("assigned");
        assertThat(item.assignee()).isEqualTo("agent-2");
        assertThat(item.snoozedUntil()).isNull();
    }

    @Test
    void marking_the_conversation_read_clears_the_unread_count_as_the_inbox_does() {
        given(new ConversationStarted(CONVERSATION, CONTACT, "110000000000001", T0),
                new TextMessageReceived(CONVERSATION, "wamid.1", T0, "Habari", null, null),
                new ConversationMarkedRead(CONVERSATION, "wamid.1", false, "agent:agent-1", T0.plusSeconds(5)),
                new TextMessageReceived(CONVERSATION, "wamid.2", T0.plusSeconds(10), "Uko?", null, null));

        assertThat(history(T0.plusSeconds(20)).conversation().unreadCount()).isEqualTo(1);
    }
}
