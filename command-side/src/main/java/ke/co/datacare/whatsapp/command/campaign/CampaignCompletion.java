package ke.co.datacare.whatsapp.command.campaign;

import ke.co.datacare.whatsapp.api.campaign.CompleteCampaign;
import ke.co.datacare.whatsapp.command.outbound.OutboundAttempts;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Last step of dispatch: completes a campaign once nobody is pending in any partition and Meta answered the attempt of
 * every queued message (asked of {@link OutboundAttempts}; a message queued longer than the stall timeout ago no
 * longer holds completion up). Any worker may find it done, also one that queued none of the last recipients; the
 * aggregate completes it once.
 */
final class CampaignCompletion {

    private static final Logger log = LoggerFactory.getLogger(CampaignCompletion.class);

    private final JdbcTemplate jdbc;
    private final OutboundAttempts attempts;
    private final CommandGateway commands;
    private final Duration stallTimeout;

    CampaignCompletion(JdbcTemplate jdbc, OutboundAttempts attempts, CommandGateway commands, Duration stallTimeout) {
        this.jdbc = jdbc;
        this.attempts = attempts;
        this.commands = commands;
        this.stallTimeout = stallTimeout;
    }

    void completeIfDone(RunningCampaigns.Running campaign, Instant now) {
        String id = campaign.id().value();
        Integer pending = jdbc.queryForObject("select count(*) from campaign_recipient where campaign_id = ? "
                + "and state = 'pending'", Integer.class, id);
        if (pending == null || pending > 0) {
            return;
        }
        if (!attempts.unanswered(jdbc.queryForList("select message_id from campaign_recipient where campaign_id = ? "
                        + "and state = 'queued' and queued_at > ?", String.class, id,
                Timestamp.from(now.minus(stallTimeout)))).isEmpty()) {
            return;
        }
        Integer queued = jdbc.queryForObject("select count(*) from campaign_recipient where campaign_id = ? "
                + "and state = 'queued'", Integer.class, id);
        Integer skipped = jdbc.queryForObject("select count(*) from campaign_recipient where campaign_id = ? "
                + "and state = 'skipped' and reason = ?", Integer.class, id, AudienceResolver.OPTED_OUT);
        try {
            commands.sendAndWait(new CompleteCampaign(campaign.id(), queued == null ? 0 : queued,
                    skipped == null ? 0 : skipped, now));
            log.info("Campaign {} completed: {} queued", campaign.id(), queued);
        } catch (CommandExecutionException e) {
            log.info("Campaign {} not completed: {}", campaign.id(), e.getMessage());
        }
    }
}
