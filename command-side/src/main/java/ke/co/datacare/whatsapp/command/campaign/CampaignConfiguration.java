package ke.co.datacare.whatsapp.command.campaign;

import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.command.contact.ContactDirectory;
import ke.co.datacare.whatsapp.command.graph.GraphApiProperties;
import ke.co.datacare.whatsapp.command.outbound.TemplateCatalog;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.util.List;

/**
 * Wires campaigns: the aggregate's cache, the command-side lookups as a subscribing processor whose failures roll the
 * command back (a lost lookup row would make the dispatcher or the messaging limit wrong), and the dispatcher.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CampaignProperties.class)
class CampaignConfiguration {

    @Bean
    Cache campaignCache() {
        return new WeakReferenceCache();
    }

    @Autowired
    void lookupsInTheCommandTransaction(EventProcessingConfigurer processing) {
        processing.registerSubscribingEventProcessor(CampaignLookups.GROUP)
                .registerListenerInvocationErrorHandler(CampaignLookups.GROUP,
                        configuration -> PropagatingErrorHandler.instance());
    }

    @Bean
    CampaignDispatcher campaignDispatcher(JdbcTemplate jdbc, TransactionManager transactionManager,
                                          CommandGateway commands, ContactDirectory directory,
                                          TemplateCatalog templates, AudienceResolver resolver,
                                          CampaignProperties properties, GraphApiProperties graph, ObjectMapper json,
                                          Clock clock, List<Cache> aggregateCaches) {
        return new CampaignDispatcher(jdbc, transactionManager, commands, directory, templates,
                resolver, properties, graph, json, clock, aggregateCaches);
    }
}
