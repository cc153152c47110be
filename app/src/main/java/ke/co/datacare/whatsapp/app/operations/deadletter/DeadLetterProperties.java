package ke.co.datacare.whatsapp.app.operations.deadletter;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * Dead-lettering of events a processor cannot handle: parked at the {@code failures-before-parking}th failure
 * in a row (the ones before are retried in place by the processor), then {@code automatic-retries} more tries of a parked event,
 * {@code retry-delay} apart (growing with each try), before it waits for an administrator. Subscribing processors
 * fail with their command instead; those registered in code are named in {@code subscribing-groups} (the ones
 * configured as {@code mode: subscribing} are found on their own).
 */
@ConfigurationProperties("datacare.dead-letters")
public record DeadLetterProperties(Boolean enabled, Integer failuresBeforeParking, Integer automaticRetries,
                                   Duration retryDelay, Duration retryInterval, List<String> subscribingGroups) {

    public DeadLetterProperties {
        enabled = enabled == null || enabled;
        failuresBeforeParking = failuresBeforeParking == null ? 3 : failuresBeforeParking;
        automaticRetries = automaticRetries == null ? 3 : automaticRetries;
        retryDelay = retryDelay == null ? Duration.ofSeconds(30) : retryDelay;
        retryInterval = retryInterval == null ? Duration.ofSeconds(10) : retryInterval;
        subscribingGroups = subscribingGroups == null ? List.of("campaign-lookups") : List.copyOf(subscribingGroups);
    }
}
