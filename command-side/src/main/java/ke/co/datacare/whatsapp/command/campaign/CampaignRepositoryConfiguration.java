package ke.co.datacare.whatsapp.command.campaign;

import ke.co.datacare.whatsapp.command.config.AggregateRepositories;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The campaigns' repository: cached, checked against the store before a cached one is used (the API and the campaign
 * dispatchers of every instance change a campaign), no snapshots.
 */
@Configuration(proxyBeanMethods = false)
class CampaignRepositoryConfiguration {

    @Bean
    Repository<Campaign> campaignRepository(AggregateRepositories repositories, Cache campaignCache) {
        return repositories.cached(Campaign.class, campaignCache, NoSnapshotTriggerDefinition.INSTANCE);
    }
}
