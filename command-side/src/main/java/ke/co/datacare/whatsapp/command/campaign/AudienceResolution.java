package ke.co.datacare.whatsapp.command.campaign;

import ke.co.datacare.whatsapp.api.campaign.RecordCampaignAudience;
import ke.co.datacare.whatsapp.command.batch.CommandBatch;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;

/**
 * First step of dispatch: a started campaign's audience becomes its recipient rows (pending with their partition key,
 * or excluded with the reason) and {@code RecordCampaignAudience}, in one transaction, once: the worker that locks
 * the campaign's row resolves it, the others skip it and find it resolved. A campaign whose template is no longer
 * approved is paused instead.
 */
final class AudienceResolution {

    private static final Logger log = LoggerFactory.getLogger(AudienceResolution.class);

    private final JdbcTemplate jdbc;
    private final AudienceResolver resolver;
    private final CampaignTemplates templates;
    private final CommandGateway commands;
    private final CommandBatch transactions;
    private final DispatchWaits waits;

    AudienceResolution(JdbcTemplate jdbc, AudienceResolver resolver, CampaignTemplates templates, CommandGateway commands,
                       CommandBatch transactions, DispatchWaits waits) {
        this.jdbc = jdbc;
        this.resolver = resolver;
        this.templates = templates;
        this.commands = commands;
        this.transactions = transactions;
        this.waits = waits;
    }

    void resolve(RunningCampaigns.Running campaign, Instant now) {
        if (templates.approved(campaign.content()).isEmpty()) {
            waits.pause(campaign.id(), DispatchWaits.TEMPLATE_NOT_APPROVED, now);
            return;
        }
        transactions.inOneUnitOfWork(() -> {
            if (jdbc.queryForList("select campaign_id from campaign_dispatch where campaign_id = ? "
                    + "and audience_resolved = false for update skip locked", String.class, campaign.id().value()).isEmpty()) {
                return null;
            }
            AudienceResolver.Resolution resolution = resolver.resolve(campaign.id(), now);
            resolver.store(campaign.id(), resolution);
            commands.sendAndWait(new RecordCampaignAudience(campaign.id(), resolution.outcomes().size(),
                    resolution.recipients(), resolution.excludedByReason(), resolution.reportedExclusions(), now));
            log.info("Campaign {} resolved to {} recipients of {} entries (excluded: {})", campaign.id(),
                    resolution.recipients(), resolution.outcomes().size(), resolution.excludedByReason());
            return null;
        });
    }
}
