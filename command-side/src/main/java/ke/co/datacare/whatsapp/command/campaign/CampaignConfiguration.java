package ke.co.datacare.whatsapp.command.campaign;

import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.campaign.CampaignDraftUpdated;
import ke.co.datacare.whatsapp.api.campaign.CampaignDrafted;
import ke.co.datacare.whatsapp.command.batch.CommandBatch;
import ke.co.datacare.whatsapp.command.graph.BusinessNumbers;
import ke.co.datacare.whatsapp.command.number.MessagingLimits;
import ke.co.datacare.whatsapp.command.number.NumberHealth;
import ke.co.datacare.whatsapp.command.outbound.OutboundAttempts;
import ke.co.datacare.whatsapp.command.outbound.SendPreparation;
import ke.co.datacare.whatsapp.command.outbound.TemplateCatalog;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * Wires campaigns: the aggregate's cache, the command-side lookups as a subscribing processor whose failures roll the
 * command back (a lost lookup row would make the dispatcher or the messaging limit wrong), and the dispatcher with its
 * steps.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CampaignProperties.class)
class CampaignConfiguration {

    @Bean
    Cache campaignCache() {
        return new WeakReferenceCache();
    }

    /** Drafts of revision 1 named the typed phone numbers; they read as contacts. */
    @Bean
    CampaignDraftAudienceUpcaster campaignDraftedUpcaster() {
        return new CampaignDraftAudienceUpcaster(CampaignDrafted.class);
    }

    @Bean
    CampaignDraftAudienceUpcaster campaignDraftUpdatedUpcaster() {
        return new CampaignDraftAudienceUpcaster(CampaignDraftUpdated.class);
    }

    @Autowired
    void lookupsInTheCommandTransaction(EventProcessingConfigurer processing) {
        processing.registerSubscribingEventProcessor(CampaignLookups.GROUP)
                .registerListenerInvocationErrorHandler(CampaignLookups.GROUP,
                        configuration -> PropagatingErrorHandler.instance());
    }

    /** The messaging limit in force, written once for campaigns and {@code GET /api/numbers}. */
    @Bean
    MessagingLimits messagingLimits(NumberHealth health, CampaignProperties properties) {
        return new MessagingLimits(health, properties.limit());
    }

    @Bean
    CampaignDispatcher campaignDispatcher(DataSource dataSource, JdbcTemplate jdbc, CommandBatch transactions,
                                          CommandGateway commands, QueryGateway queries,
                                          SendPreparation preparation, OutboundAttempts attempts,
                                          TemplateCatalog catalog, AudienceResolver resolver,
                                          CampaignProperties properties, BusinessNumbers numbers, ObjectMapper json,
                                          MessagingLimits limits, Clock clock) {
        DispatchWaits waits = new DispatchWaits(commands);
        CampaignTemplates templates = new CampaignTemplates(catalog);
        MessagingLimitAdmission admission = new MessagingLimitAdmission(jdbc, () -> limits.inForce().limit(),
                (long) properties.partitions() * properties.maxBatch());
        return new CampaignDispatcher(dataSource, new RunningCampaigns(jdbc, json, properties.statusMaxAge()),
                new AudienceResolution(jdbc, resolver, templates, commands, transactions, waits),
                new RecipientQueue(jdbc, commands, preparation, templates, admission, new RecipientProfiles(queries),
                        transactions),
                new CampaignCompletion(jdbc, attempts, commands, properties.stallTimeout()),
                waits, attempts, properties, numbers, clock);
    }
}
