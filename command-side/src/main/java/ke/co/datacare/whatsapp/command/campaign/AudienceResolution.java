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
 * or excluded with the reason) and {@code RecordCampaignAudience}, in one transaction, once: the worker that owns the
 * campaign's own partition ({@link #resolvedBy}) resolves it, the others wait until they find it resolved. No row is
 * locked before the command: a pause or cancel on another instance meets the resolution only on the campaign's
 * sequence number, where the later of the two runs again on fresh state (a lock on the campaign's
 * {@code campaign_dispatch} row, which the pause's own event updates, made the two a deadlock). Should two workers
 * both believe they own the partition for a moment (a rebalance on a broken connection), the second one's recipient
 * rows and event collide with the first's and its transaction rolls back. A campaign whose template is no longer
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

    /** The partition whose owner resolves the campaign's audience (of {@code partitions}). */
    static int resolvedBy(RunningCampaigns.Running campaign, int partitions) {
        return RecipientPartitions.partitionOf(RecipientPartitions.keyOf(campaign.id().value()), partitions);
    }

    void resolve(RunningCampaigns.Running campaign, Instant now) {
        if (templates.approved(campaign.content()).isEmpty()) {
            waits.pause(campaign.id(), DispatchWaits.TEMPLATE_NOT_APPROVED, now);
            return;
        }
        transactions.inOneUnitOfWork(() -> {
            if (!jdbc.queryForList("select campaign_id from campaign_dispatch where campaign_id = ? "
                    + "and audience_resolved = true", String.class, campaign.id().value()).isEmpty()) {
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
