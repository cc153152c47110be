package ke.co.datacare.whatsapp.chatbot.handoff;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code datacare.handoff.*}: the bot in front, the agents behind it.
 *
 * @param enabled           whether the bot and the handoff saga run at all (the bot answers and hands off, the saga
 *                          assigns, watches the reply deadline, wakes snoozed conversations); off, conversations are
 *                          handled by hand only
 * @param replySla          how long an assigned agent (or the queue) has to answer the customer, counted from the
 *                          next opening when it falls outside business hours
 * @param assignment        {@code least-open-conversations} (default) or {@code round-robin} among available agents
 * @param agentQueryTimeout how long the saga waits for the list of available agents
 * @param batchSize         events per transaction (and token update) of the saga's processor
 * @param segments          segments (and threads) of the saga's processor, and of the bot's
 * @param botBatchSize      events per transaction (one read and one write of the bot's table, one token update) of
 *                          the bot's processor
 * @param claimInterval     how soon a segment of either processor is claimed again after its work package let it go
 *                          (a batch that failed with a transient failure: Axon's default of 5 s held the bot's answers
 *                          or the agents' assignments back that long)
 */
@ConfigurationProperties("datacare.handoff")
public record HandoffProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("15m") Duration replySla,
        @DefaultValue("least-open-conversations") AssignmentPolicy.Kind assignment,
        @DefaultValue("2s") Duration agentQueryTimeout,
        @DefaultValue("20") int batchSize,
        @DefaultValue("2") int segments,
        @DefaultValue("100") int botBatchSize,
        @DefaultValue("1s") Duration claimInterval) {
}
