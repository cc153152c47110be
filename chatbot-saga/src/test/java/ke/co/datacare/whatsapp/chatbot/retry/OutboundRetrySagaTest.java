package ke.co.datacare.whatsapp.chatbot.retry;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.AbandonOutboundMessage;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageAccepted;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageAcceptedAfterFailure;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageSendFailed;
import ke.co.datacare.whatsapp.api.conversation.RetryOutboundMessage;
import ke.co.datacare.whatsapp.api.conversation.outbound.TextContent;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboundRetrySagaTest {

    private static final ConversationId CONVERSATION = ConversationId.of("conv-1");
    private static final String MESSAGE = "msg-1";
    private static final Instant T0 = Instant.parse("2026-11-25T07:00:00Z");

    private SagaTestFixture<OutboundRetrySaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(OutboundRetrySaga.class);
        fixture.registerResource(new RetryPolicy(3, Duration.ofHours(1)));
    }

    private static OutboundMessageQueued queued() {
        return new OutboundMessageQueued(CONVERSATION, ContactId.of("contact-1"), "110000000000001", MESSAGE,
                new TextContent("Karibu", false), null, "agent:1", T0);
    }

    private static OutboundMessageSendFailed failed(int attempt, String errorClass, Instant at) {
        return new OutboundMessageSendFailed(CONVERSATION, MESSAGE, attempt, 131000, "Something went wrong", null,
                errorClass, at);
    }

    @Test
    void a_message_meta_accepts_at_once_never_starts_a_saga() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(queued())
                .expectActiveSagas(0);
    }

    @Test
    void a_transient_failure_is_retried_after_its_backoff() {
        Duration backoff = RetryPolicy.jittered(Duration.ofSeconds(2), MESSAGE, 1);
        fixture.givenAPublished(queued())
                .whenPublishingA(failed(1, "TRANSIENT", T0))
                .expectScheduledDeadlineWithName(backoff, OutboundRetrySaga.RETRY_DEADLINE)
                .expectNoDispatchedCommands();
    }

    @Test
    void when_the_backoff_has_passed_the_message_is_sent_again_as_the_next_attempt() {
        Duration backoff = RetryPolicy.jittered(Duration.ofSeconds(2), MESSAGE, 1);
        fixture.givenAPublished(queued()).andThenAPublished(failed(1, "TRANSIENT", T0))
                .whenTimeElapses(backoff.plusMillis(1))
                .expectDeadlinesMet(new OutboundRetrySaga.RetryDue(2))
                .expectDispatchedCommandsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.instanceOf(RetryOutboundMessage.class))));
    }

    @Test
    void a_retry_that_meets_a_passing_failure_fails_its_deadline_instead_of_being_lost() {
        Duration backoff = RetryPolicy.jittered(Duration.ofSeconds(2), MESSAGE, 1);
        fixture.setCallbackBehavior((command, metaData) -> {
            throw new DeadlockException("An imminent deadlock was detected");
        });

        assertThatThrownBy(() -> fixture.givenAPublished(queued()).andThenAPublished(failed(1, "TRANSIENT", T0))
                .whenTimeElapses(backoff.plusMillis(1)))
                .hasRootCauseInstanceOf(DeadlockException.class);
    }

    @Test
    void the_pair_rate_limit_backs_off_four_to_the_power_of_the_attempt() {
        fixture.givenAPublished(queued()).andThenAPublished(failed(1, "PAIR_RATE_LIMITED", T0))
                .whenPublishingA(failed(2, "PAIR_RATE_LIMITED", T0.plusSeconds(5)))
                .expectScheduledDeadlineWithName(RetryPolicy.jittered(Duration.ofSeconds(16), MESSAGE, 2),
                        OutboundRetrySaga.RETRY_DEADLINE);
    }

    @Test
    void a_permanent_failure_is_never_retried_and_is_recorded_as_final() {
        fixture.givenAPublished(queued())
                .whenPublishingA(failed(1, "PERMANENT", T0))
                .expectNoScheduledDeadlines()
                .expectDispatchedCommands(new AbandonOutboundMessage(CONVERSATION, MESSAGE, "PERMANENT_ERROR", T0));
    }

    @Test
    void a_closed_window_is_reported_so_the_agent_can_send_a_template() {
        fixture.givenAPublished(queued())
                .whenPublishingA(failed(1, "WINDOW_CLOSED", T0))
                .expectDispatchedCommands(new AbandonOutboundMessage(CONVERSATION, MESSAGE, "WINDOW_CLOSED", T0));
    }

    @Test
    void retries_stop_after_the_maximum_number_of_attempts() {
        fixture.givenAPublished(queued()).andThenAPublished(failed(1, "TRANSIENT", T0))
                .andThenAPublished(failed(2, "TRANSIENT", T0.plusSeconds(3)))
                .whenPublishingA(failed(3, "TRANSIENT", T0.plusSeconds(9)))
                .expectDispatchedCommands(new AbandonOutboundMessage(CONVERSATION, MESSAGE, "MAX_ATTEMPTS",
                        T0.plusSeconds(9)));
    }

    @Test
    void acceptance_by_meta_after_a_failure_ends_the_saga_and_cancels_a_pending_retry() {
        fixture.givenAPublished(queued()).andThenAPublished(failed(1, "TRANSIENT", T0))
                .andThenAPublished(new OutboundMessageAccepted(CONVERSATION, MESSAGE, "wamid.X", T0.plusSeconds(1)))
                .whenPublishingA(new OutboundMessageAcceptedAfterFailure(CONVERSATION, MESSAGE, 1, T0.plusSeconds(1)))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void the_jitter_is_deterministic_and_within_twenty_percent() {
        Duration base = Duration.ofSeconds(10);
        Duration once = RetryPolicy.jittered(base, MESSAGE, 1);
        assertThat(RetryPolicy.jittered(base, MESSAGE, 1)).isEqualTo(once);
        assertThat(once.toMillis()).isBetween(8_000L, 12_000L);
    }
}
