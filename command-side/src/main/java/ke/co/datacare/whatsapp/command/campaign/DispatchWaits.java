package ke.co.datacare.whatsapp.command.campaign;

import ke.co.datacare.whatsapp.api.campaign.CampaignId;
import ke.co.datacare.whatsapp.api.campaign.DeferCampaignDispatch;
import ke.co.datacare.whatsapp.api.campaign.PauseCampaign;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records why a running campaign does not dispatch: a wait (outside the send window, at Meta's messaging limit),
 * once per reason and end for all the workers of this instance (the aggregate ignores a repeat from another), or a
 * pause by the dispatcher itself (the template is no longer approved).
 */
final class DispatchWaits {

    private static final Logger log = LoggerFactory.getLogger(DispatchWaits.class);
    static final String SEND_WINDOW = "SEND_WINDOW";
    static final String MESSAGING_LIMIT = "MESSAGING_LIMIT";
    static final String TEMPLATE_NOT_APPROVED = "TEMPLATE_NOT_APPROVED";
    private static final String SYSTEM = "system";

    private final CommandGateway commands;
    private final Map<String, String> recorded = new ConcurrentHashMap<>();

    DispatchWaits(CommandGateway commands) {
        this.commands = commands;
    }

    void defer(CampaignId campaign, String reason, Instant until, Instant now) {
        String key = reason + "@" + until;
        if (key.equals(recorded.put(campaign.value(), key))) {
            return;
        }
        log.info("Campaign {} waits until {} ({})", campaign, until, reason);
        commands.sendAndWait(new DeferCampaignDispatch(campaign, reason, until, now));
    }

    void pause(CampaignId campaign, String reason, Instant now) {
        try {
            commands.sendAndWait(new PauseCampaign(campaign, reason, SYSTEM, now));
            log.warn("Campaign {} paused: {}", campaign, reason);
        } catch (CommandExecutionException e) {
            log.info("Campaign {} not paused: {}", campaign, e.getMessage());
        }
    }

    /** Forgets the waits of campaigns that no longer run. */
    void keepOnly(Collection<String> running) {
        recorded.keySet().retainAll(running);
    }

    void clear() {
        recorded.clear();
    }
}
