package ke.co.datacare.whatsapp.command.campaign;

import ke.co.datacare.whatsapp.api.campaign.CampaignStatus;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static ke.co.datacare.whatsapp.api.campaign.CampaignStatus.CANCELLED;
import static ke.co.datacare.whatsapp.api.campaign.CampaignStatus.COMPLETED;
import static ke.co.datacare.whatsapp.api.campaign.CampaignStatus.DRAFT;
import static ke.co.datacare.whatsapp.api.campaign.CampaignStatus.PAUSED;
import static ke.co.datacare.whatsapp.api.campaign.CampaignStatus.RUNNING;
import static ke.co.datacare.whatsapp.api.campaign.CampaignStatus.SCHEDULED;

/**
 * The campaign lifecycle as a policy: which action is allowed in which status. Draft -> scheduled -> running ->
 * (paused <-> running) -> completed, or cancelled at any point before completion; only a draft can be edited.
 */
enum CampaignTransitions {
    EDIT(EnumSet.of(DRAFT)),
    SCHEDULE(EnumSet.of(DRAFT, SCHEDULED)),
    START(EnumSet.of(DRAFT, SCHEDULED)),
    PAUSE(EnumSet.of(RUNNING)),
    RESUME(EnumSet.of(PAUSED)),
    CANCEL(EnumSet.of(DRAFT, SCHEDULED, RUNNING, PAUSED)),
    COMPLETE(EnumSet.of(RUNNING));

    private static final Map<CampaignTransitions, String> VERBS = Map.of(EDIT, "edited", SCHEDULE, "scheduled",
            START, "started", PAUSE, "paused", RESUME, "resumed", CANCEL, "cancelled", COMPLETE, "completed");

    private final Set<CampaignStatus> from;

    CampaignTransitions(Set<CampaignStatus> from) {
        this.from = from;
    }

    boolean allowedFrom(CampaignStatus status) {
        return from.contains(status);
    }

    String refusal(CampaignStatus status) {
        return "A " + status.name().toLowerCase(java.util.Locale.ROOT) + " campaign cannot be " + VERBS.get(this);
    }
}
