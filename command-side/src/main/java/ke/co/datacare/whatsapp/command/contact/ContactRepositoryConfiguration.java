package ke.co.datacare.whatsapp.command.contact;

import ke.co.datacare.whatsapp.command.config.AggregateRepositories;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The contacts' repository: cached, checked against the store before a cached one is used; no snapshots. */
@Configuration(proxyBeanMethods = false)
class ContactRepositoryConfiguration {

    @Bean
    Repository<Contact> contactRepository(AggregateRepositories repositories, Cache contactCache) {
        return repositories.cached(Contact.class, contactCache, NoSnapshotTriggerDefinition.INSTANCE);
    }
}
