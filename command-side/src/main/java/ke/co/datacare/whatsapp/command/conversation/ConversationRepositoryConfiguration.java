package ke.co.datacare.whatsapp.command.conversation;

import ke.co.datacare.whatsapp.command.config.AggregateRepositories;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The conversations' repository: cached, snapshotted, checked against the store before a cached one is used. */
@Configuration(proxyBeanMethods = false)
class ConversationRepositoryConfiguration {

    @Bean
    Repository<Conversation> conversationRepository(AggregateRepositories repositories, Cache conversationCache,
                                                    SnapshotTriggerDefinition conversationSnapshotTrigger) {
        return repositories.cached(Conversation.class, conversationCache, conversationSnapshotTrigger);
    }
}
