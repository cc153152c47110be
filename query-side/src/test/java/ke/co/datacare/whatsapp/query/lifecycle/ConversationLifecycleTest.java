package ke.co.datacare.whatsapp.query.lifecycle;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.ConversationAssigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationEscalated;
import ke.co.datacare.whatsapp.api.conversation.ConversationHandedBackToBot;
import ke.co.datacare.whatsapp.api.conversation.ConversationReopened;
import ke.co.datacare.whatsapp.api.conversation.ConversationResolved;
import ke.co.datacare.whatsapp.api.conversation.ConversationSnoozed;
import ke.co.datacare.whatsapp.api.conversation.ConversationUnassigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationUnsnoozed;
import ke.co.datacare.whatsapp.api.conversation.HandoffRequested;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.ReplyDeadlineSet;
import ke.co.datacare.whatsapp.api.conversation.TextMessageReceived;
import ke.co.datacare.whatsapp.api.conversation.outbound.TextContent;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationLifecycleTest {

    private static final ConversationId CONVERSATION = ConversationId.of("conv-1");
    private static final Instant T0 = Instant.parse("2026-11-25T07:00:00Z");

    private static ConversationLifecycle fold(Object... events) {
        ConversationLifecycle state = ConversationLifecycle.started();
        for (Object event : events) {
            state = state.apply(event);
        }
        return state;
    }

    private static Object assigned(String agent) {
        return new ConversationAssigned(CONVERSATION, agent, "handoff", T0);
    }

    private static Object deadline(long seconds) {
        return new ReplyDeadlineSet(CONVERSATION, "agent-1", T0.plusSeconds(seconds), T0);
    }

    private static Object snoozed(long seconds) {
        return new ConversationSnoozed(CONVERSATION, T0.plusSeconds(seconds), "agent:agent-1", T0);
    }

    @Test
    void a_handoff_makes_it_pending_and_an_assignment_gives_it_an_agent() {
        assertThat(fold(new HandoffRequested(CONVERSATION, "NOT_UNDERSTOOD", T0)).status()).isEqualTo("pending");
        ConversationLifecycle state = fold(new HandoffRequested(CONVERSATION, "NOT_UNDERSTOOD", T0), assigned("agent-1"));
        assertThat(state.status()).isEqualTo("assigned");
        assertThat(state.assignee()).isEqualTo("agent-1");
    }

    @Test
    void a_reopening_forgets_the_assignee_the_deadline_the_escalation_and_the_snooze() {
        ConversationLifecycle state = fold(assigned("agent-1"), deadline(300),
                new ConversationEscalated(CONVERSATION, "agent-1", "REPLY_DEADLINE_MISSED", T0), snoozed(600),
                new ConversationResolved(CONVERSATION, "agent:agent-1", T0), new ConversationReopened(CONVERSATION, T0));

        assertThat(state).isEqualTo(ConversationLifecycle.started());
    }

    @Test
    void a_second_snooze_keeps_the_status_to_return_to() {
        ConversationLifecycle twice = fold(assigned("agent-2"), snoozed(3600), snoozed(7200));
        assertThat(twice.status()).isEqualTo("snoozed");
        assertThat(twice.statusBeforeSnooze()).isEqualTo("assigned");
        assertThat(twice.snoozedUntil()).isEqualTo(T0.plusSeconds(7200));

        ConversationLifecycle woken = twice.apply(new ConversationUnsnoozed(CONVERSATION, "SNOOZE_ENDED", T0));
        assertThat(woken.status()).isEqualTo("assigned");
        assertThat(woken.statusBeforeSnooze()).isNull();
        assertThat(woken.snoozedUntil()).isNull();
    }

    @Test
    void waking_a_conversation_that_is_not_snoozed_changes_nothing() {
        ConversationLifecycle resolved = fold(assigned("agent-1"), new ConversationResolved(CONVERSATION, "agent:agent-1", T0));
        assertThat(resolved.apply(new ConversationUnsnoozed(CONVERSATION, "CUSTOMER_WROTE", T0))).isEqualTo(resolved);
    }

    @Test
    void a_snooze_and_a_resolution_end_the_reply_deadline_and_an_agent_answer_does_too() {
        assertThat(fold(assigned("agent-1"), deadline(300), snoozed(600)).slaDueAt()).isNull();
        assertThat(fold(assigned("agent-1"), deadline(300), new ConversationResolved(CONVERSATION, "bot", T0)).slaDueAt())
                .isNull();
        assertThat(fold(assigned("agent-1"), deadline(300)).slaDueAt()).isEqualTo(T0.plusSeconds(300));
        Object botAnswer = new OutboundMessageQueued(CONVERSATION, ContactId.of("c"), "1", "m1", new TextContent("Hi", false),
                null, "bot", T0);
        Object agentAnswer = new OutboundMessageQueued(CONVERSATION, ContactId.of("c"), "1", "m2",
                new TextContent("Hi", false), null, "agent:agent-1", T0);
        assertThat(fold(assigned("agent-1"), deadline(300), botAnswer).slaDueAt()).isEqualTo(T0.plusSeconds(300));
        assertThat(fold(assigned("agent-1"), deadline(300), agentAnswer).slaDueAt()).isNull();
    }

    @Test
    void an_unassignment_leaves_it_pending_and_a_hand_back_to_the_bot_open_without_agent() {
        ConversationLifecycle unassigned = fold(assigned("agent-1"), new ConversationUnassigned(CONVERSATION, "agent-1",
                "admin", T0));
        assertThat(unassigned.status()).isEqualTo("pending");
        assertThat(unassigned.assignee()).isNull();
        ConversationLifecycle handedBack = fold(assigned("agent-1"), new ConversationEscalated(CONVERSATION, "agent-1",
                "x", T0), new ConversationHandedBackToBot(CONVERSATION, "agent:agent-1", T0));
        assertThat(handedBack.status()).isEqualTo("open");
        assertThat(handedBack.assignee()).isNull();
        assertThat(handedBack.escalatedAt()).isNull();
    }

    @Test
    void a_customer_message_does_not_move_the_lifecycle() {
        ConversationLifecycle state = fold(assigned("agent-1"));
        Object message = new TextMessageReceived(CONVERSATION, "wamid.1", T0, "Habari", null, null);
        assertThat(state.apply(message)).isSameAs(state);
        assertThat(ConversationLifecycle.concerns(message)).isFalse();
    }
}
