package ke.co.datacare.whatsapp.command.config;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Repository tuning of the aggregates: conversations are long-lived, so they are snapshotted every
 * {@code datacare.aggregates.snapshot-threshold} events; both aggregates are cached in memory. A
 * cached aggregate that another instance changed meanwhile fails its append on the sequence number
 * and the command is retried on fresh state.
 */
@Configuration(proxyBeanMethods = false)
class AggregateConfiguration {

    @Bean
    SnapshotTriggerDefinition conversationSnapshotTrigger(
            Snapshotter snapshotter, @Value("${datacare.aggregates.snapshot-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean
    Cache conversationCache() {
        return new WeakReferenceCache();
    }

    @Bean
    Cache contactCache() {
        return new WeakReferenceCache();
    }
}
