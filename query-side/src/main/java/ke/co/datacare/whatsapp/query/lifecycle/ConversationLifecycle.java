package ke.co.datacare.whatsapp.query.lifecycle;

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

import java.time.Instant;

/**
 * Where a conversation stands in support, as agents see it, folded from its events: the one statement of the rules
 * for the inbox and for time travel. A pure fold: {@link #apply} returns the state after an event, and the same state
 * for events that do not move the lifecycle.
 * <ul>
 *     <li>a handoff makes the conversation {@code pending}; an assignment {@code assigned} (and starts it afresh: no
 *     reply deadline, not escalated); an unassignment {@code pending} without assignee and deadline;</li>
 *     <li>a resolution ends the deadline and any snooze; a reopening or a hand-back to the bot starts over: {@code open},
 *     no assignee, no deadline, not escalated (a reopening also ends any snooze);</li>
 *     <li>a snooze remembers the status to return to, the status before the first snooze of a row of snoozes (never
 *     {@code snoozed} itself), and ends the deadline; waking returns to it ({@code open} if none);</li>
 *     <li>a reply deadline is set by its event and ended by an agent's answer; an escalation is noted.</li>
 * </ul>
 */
public record ConversationLifecycle(String status, String assignee, Instant slaDueAt, Instant snoozedUntil,
                                    String statusBeforeSnooze, Instant escalatedAt) {

    public static final String OPEN = "open";
    public static final String PENDING = "pending";
    public static final String ASSIGNED = "assigned";
    public static final String SNOOZED = "snoozed";
    public static final String RESOLVED = "resolved";

    /** A conversation just started: open, nobody's, no deadline. */
    public static ConversationLifecycle started() {
        return new ConversationLifecycle(OPEN, null, null, null, null, null);
    }

    /** The state after {@code event}; this state when the event does not concern the lifecycle. */
    public ConversationLifecycle apply(Object event) {
        if (event instanceof ConversationReopened) {
            return started();
        }
        if (event instanceof HandoffRequested) {
            return withStatus(PENDING);
        }
        if (event instanceof ConversationAssigned e) {
            return new ConversationLifecycle(ASSIGNED, e.agentId(), null, snoozedUntil, statusBeforeSnooze, null);
        }
        if (event instanceof ConversationUnassigned) {
            return new ConversationLifecycle(PENDING, null, null, snoozedUntil, statusBeforeSnooze, escalatedAt);
        }
        if (event instanceof ConversationResolved) {
            return new ConversationLifecycle(RESOLVED, assignee, null, null, null, escalatedAt);
        }
        if (event instanceof ConversationSnoozed e) {
            String returnTo = SNOOZED.equals(status) ? statusBeforeSnooze : status;
            return new ConversationLifecycle(SNOOZED, assignee, null, e.until(), returnTo, escalatedAt);
        }
        if (event instanceof ConversationUnsnoozed) {
            if (!SNOOZED.equals(status)) {
                return this;
            }
            return new ConversationLifecycle(statusBeforeSnooze == null ? OPEN : statusBeforeSnooze, assignee, slaDueAt,
                    null, null, escalatedAt);
        }
        if (event instanceof ConversationHandedBackToBot) {
            return new ConversationLifecycle(OPEN, null, null, snoozedUntil, statusBeforeSnooze, null);
        }
        if (event instanceof ReplyDeadlineSet e) {
            return new ConversationLifecycle(status, assignee, e.dueAt(), snoozedUntil, statusBeforeSnooze, escalatedAt);
        }
        if (event instanceof ConversationEscalated e) {
            return new ConversationLifecycle(status, assignee, slaDueAt, snoozedUntil, statusBeforeSnooze, e.at());
        }
        if (event instanceof OutboundMessageQueued e && answeredByAgent(e)) {
            return new ConversationLifecycle(status, assignee, null, snoozedUntil, statusBeforeSnooze, escalatedAt);
        }
        return this;
    }

    /** Whether the event may change the lifecycle (the events {@link #apply} does not pass over). */
    public static boolean concerns(Object event) {
        return event instanceof ConversationReopened || event instanceof HandoffRequested
                || event instanceof ConversationAssigned || event instanceof ConversationUnassigned
                || event instanceof ConversationResolved || event instanceof ConversationSnoozed
                || event instanceof ConversationUnsnoozed || event instanceof ConversationHandedBackToBot
                || event instanceof ReplyDeadlineSet || event instanceof ConversationEscalated
                || event instanceof OutboundMessageQueued e && answeredByAgent(e);
    }

    private static boolean answeredByAgent(OutboundMessageQueued event) {
        return event.sentBy() != null && event.sentBy().startsWith("agent:");
    }

    private ConversationLifecycle withStatus(String newStatus) {
        return new ConversationLifecycle(newStatus, assignee, slaDueAt, snoozedUntil, statusBeforeSnooze, escalatedAt);
    }
}
