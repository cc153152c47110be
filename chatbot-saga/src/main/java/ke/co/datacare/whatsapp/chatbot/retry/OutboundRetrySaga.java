package ke.co.datacare.whatsapp.chatbot.retry;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.AbandonOutboundMessage;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageAbandoned;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageAcceptedAfterFailure;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageSendFailed;
import ke.co.datacare.whatsapp.api.conversation.RetryOutboundMessage;
import ke.co.datacare.whatsapp.chatbot.commands.ConversationCommands;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;

/**
 * One per outbound message that failed, until Meta accepts it or it is given up (a message Meta accepts at the
 * first attempt never starts one): retries what failed for a transient reason (HTTP 5xx,
 * timeouts, 130429, 131000, 131056 with 4^n s, ...) with exponential backoff and jitter, within
 * {@link RetryPolicy}'s attempt and age limits, then gives up with a final failure. Permanent errors are
 * never retried. A failure Meta reports later in a status webhook arrives as another
 * {@code OutboundMessageSendFailed} and starts a new instance. Deadlines are persistent (db-scheduler):
 * a restart in the middle of a backoff still retries on time. Time comes from the messages, never the clock.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class OutboundRetrySaga {

    static final String RETRY_DEADLINE = "retry-outbound-message";

    @Autowired
    private transient CommandGateway commands;
    @Autowired
    private transient DeadlineManager deadlines;
    @Autowired
    private transient RetryPolicy policy;

    private ConversationId conversationId;
    private String messageId;
    private Instant firstAttemptAt;
    private String pendingDeadline;

    /** The first failure starts the saga; the age limit counts from it. */
    @StartSaga
    @SagaEventHandler(associationProperty = "messageId")
    void on(OutboundMessageSendFailed event) {
        if (messageId == null) {
            conversationId = event.conversationId();
            messageId = event.messageId();
            firstAttemptAt = event.at();
        }
        RetryPolicy.Decision decision = policy.decide(messageId, event.attempt(), event.errorClass(), firstAttemptAt,
                event.at());
        if (decision.retry()) {
            pendingDeadline = deadlines.schedule(decision.delay(), RETRY_DEADLINE, new RetryDue(event.attempt() + 1));
        } else {
            ConversationCommands.send(commands, new AbandonOutboundMessage(conversationId, messageId, decision.reason(),
                    event.at()), conversationId);
        }
    }

    @DeadlineHandler(deadlineName = RETRY_DEADLINE)
    void retry(RetryDue due, @Timestamp Instant dueAt) {
        pendingDeadline = null;
        ConversationCommands.send(commands, new RetryOutboundMessage(conversationId, messageId, due.attempt(), dueAt),
                conversationId);
    }

    /**
     * Meta accepted the message after it had failed. The saga ends on this event, not on every
     * {@code OutboundMessageAccepted}: its processor then resolves and looks up a saga only for messages that failed,
     * not for each of a campaign's acceptances.
     */
    @EndSaga
    @SagaEventHandler(associationProperty = "messageId")
    void on(OutboundMessageAcceptedAfterFailure event) {
        cancelPending();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "messageId")
    void on(OutboundMessageAbandoned event) {
        cancelPending();
    }

    private void cancelPending() {
        if (pendingDeadline != null) {
            deadlines.cancelSchedule(RETRY_DEADLINE, pendingDeadline);
        }
    }

    /** The payload of a retry deadline. */
    public record RetryDue(int attempt) {
    }
}
