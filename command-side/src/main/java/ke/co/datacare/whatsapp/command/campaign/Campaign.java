package ke.co.datacare.whatsapp.command.campaign;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import ke.co.datacare.whatsapp.api.campaign.CampaignAudienceResolved;
import ke.co.datacare.whatsapp.api.campaign.CampaignAudienceUploaded;
import ke.co.datacare.whatsapp.api.campaign.CampaignCancelled;
import ke.co.datacare.whatsapp.api.campaign.CampaignCompleted;
import ke.co.datacare.whatsapp.api.campaign.CampaignDispatchDeferred;
import ke.co.datacare.whatsapp.api.campaign.CampaignDraftUpdated;
import ke.co.datacare.whatsapp.api.campaign.CampaignDrafted;
import ke.co.datacare.whatsapp.api.campaign.CampaignNumberChosen;
import ke.co.datacare.whatsapp.api.campaign.CampaignId;
import ke.co.datacare.whatsapp.api.campaign.CampaignPaused;
import ke.co.datacare.whatsapp.api.campaign.CampaignResumed;
import ke.co.datacare.whatsapp.api.campaign.CampaignScheduled;
import ke.co.datacare.whatsapp.api.campaign.CampaignStarted;
import ke.co.datacare.whatsapp.api.campaign.CampaignStatus;
import ke.co.datacare.whatsapp.api.campaign.CancelCampaign;
import ke.co.datacare.whatsapp.api.campaign.CompleteCampaign;
import ke.co.datacare.whatsapp.api.campaign.CreateCampaign;
import ke.co.datacare.whatsapp.api.campaign.DeferCampaignDispatch;
import ke.co.datacare.whatsapp.api.campaign.PauseCampaign;
import ke.co.datacare.whatsapp.api.campaign.RecordCampaignAudience;
import ke.co.datacare.whatsapp.api.campaign.ResumeCampaign;
import ke.co.datacare.whatsapp.api.campaign.ScheduleCampaign;
import ke.co.datacare.whatsapp.api.campaign.StartCampaign;
import ke.co.datacare.whatsapp.api.campaign.UpdateCampaign;
import ke.co.datacare.whatsapp.api.campaign.UploadCampaignAudience;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import static ke.co.datacare.whatsapp.api.common.Refusal.refuse;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A template broadcast: its lifecycle (draft, scheduled, running, paused, completed, cancelled) and the facts the
 * dispatcher reports (audience resolved, dispatch deferred, completed). The recipients' messages are ordinary
 * outbound messages on their conversations; this aggregate only decides what may happen next. A scheduled start is
 * a persistent deadline of this aggregate; a deadline of an earlier schedule finds another start time and does
 * nothing, so rescheduling and cancelling need not find it.
 */
@Aggregate(repository = "campaignRepository")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Campaign {

    static final String START_DEADLINE = "campaign-start";

    @AggregateIdentifier
    private CampaignId campaignId;
    private CampaignStatus status;
    private Instant startAt;
    private boolean audienceResolved;
    private String deferredReason;
    private Instant deferredUntil;
    /** The business number it sends from; null for a campaign created before campaigns chose theirs. */
    private String phoneNumberId;

    Campaign() {
        // required by Axon
    }

    @CommandHandler
    Campaign(CreateCampaign command) {
        apply(new CampaignDrafted(command.campaignId(), command.name(), command.content(), command.audience(),
                command.sendWindow(), command.by(), command.at()));
        apply(new CampaignNumberChosen(command.campaignId(), command.phoneNumberId(), command.by(), command.at()));
    }

    @CommandHandler
    void handle(UpdateCampaign command) {
        allow(CampaignTransitions.EDIT);
        apply(new CampaignDraftUpdated(campaignId, command.name(), command.content(), command.audience(),
                command.sendWindow(), command.by(), command.at()));
        if (!Objects.equals(phoneNumberId, command.phoneNumberId())) {
            apply(new CampaignNumberChosen(campaignId, command.phoneNumberId(), command.by(), command.at()));
        }
    }

    @CommandHandler
    void handle(UploadCampaignAudience command) {
        allow(CampaignTransitions.EDIT);
        apply(new CampaignAudienceUploaded(campaignId, command.contactIds(), command.append(), command.by(),
                command.at()));
    }

    @CommandHandler
    void handle(ScheduleCampaign command, DeadlineManager deadlines) {
        allow(CampaignTransitions.SCHEDULE);
        if (command.startAt() == null || !command.startAt().isAfter(command.at())) {
            throw refuse(ErrorCode.VALIDATION_FAILED, "startAt must be in the future; use /start to start now");
        }
        apply(new CampaignScheduled(campaignId, command.startAt(), command.by(), command.at()));
        deadlines.schedule(command.startAt(), START_DEADLINE, new StartDue(command.startAt()));
    }

    @DeadlineHandler(deadlineName = START_DEADLINE)
    void on(StartDue due) {
        if (status == CampaignStatus.SCHEDULED && due.startAt().equals(startAt)) {
            apply(new CampaignStarted(campaignId, "schedule", due.startAt()));
        }
    }

    @CommandHandler
    void handle(StartCampaign command) {
        allow(CampaignTransitions.START);
        apply(new CampaignStarted(campaignId, command.by(), command.at()));
    }

    @CommandHandler
    void handle(PauseCampaign command) {
        allow(CampaignTransitions.PAUSE);
        apply(new CampaignPaused(campaignId, command.reason(), command.by(), command.at()));
    }

    @CommandHandler
    void handle(ResumeCampaign command) {
        allow(CampaignTransitions.RESUME);
        apply(new CampaignResumed(campaignId, command.by(), command.at()));
    }

    @CommandHandler
    void handle(CancelCampaign command) {
        allow(CampaignTransitions.CANCEL);
        apply(new CampaignCancelled(campaignId, command.by(), command.at()));
    }

    @CommandHandler
    void handle(RecordCampaignAudience command) {
        if (audienceResolved) {
            return;
        }
        if (status != CampaignStatus.RUNNING && status != CampaignStatus.PAUSED) {
            throw conflict("The audience of a " + lower(status) + " campaign cannot be resolved");
        }
        apply(new CampaignAudienceResolved(campaignId, command.entries(), command.recipients(),
                command.excludedByReason(), command.excludedEntries(), command.at()));
    }

    @CommandHandler
    void handle(DeferCampaignDispatch command) {
        if (status != CampaignStatus.RUNNING
                || (Objects.equals(deferredReason, command.reason()) && Objects.equals(deferredUntil, command.until()))) {
            return;
        }
        apply(new CampaignDispatchDeferred(campaignId, command.reason(), command.until(), command.at()));
    }

    @CommandHandler
    void handle(CompleteCampaign command) {
        allow(CampaignTransitions.COMPLETE);
        if (!audienceResolved) {
            throw conflict("A campaign whose audience is not resolved yet cannot be completed");
        }
        apply(new CampaignCompleted(campaignId, command.queued(), command.skippedOptedOut(), command.at()));
    }

    private void allow(CampaignTransitions transition) {
        if (!transition.allowedFrom(status)) {
            throw conflict(transition.refusal(status));
        }
    }

    private RuntimeException conflict(String detail) {
        return refuse(ErrorCode.CONFLICT, detail, Map.of("status", lower(status)));
    }

    private static String lower(CampaignStatus status) {
        return status.name().toLowerCase(java.util.Locale.ROOT);
    }

    @EventSourcingHandler
    void on(CampaignDrafted event) {
        campaignId = event.campaignId();
        status = CampaignStatus.DRAFT;
    }

    @EventSourcingHandler
    void on(CampaignNumberChosen event) {
        phoneNumberId = event.phoneNumberId();
    }

    @EventSourcingHandler
    void on(CampaignScheduled event) {
        status = CampaignStatus.SCHEDULED;
        startAt = event.startAt();
    }

    @EventSourcingHandler
    void on(CampaignStarted event) {
        status = CampaignStatus.RUNNING;
        startAt = null;
    }

    @EventSourcingHandler
    void on(CampaignAudienceResolved event) {
        audienceResolved = true;
    }

    @EventSourcingHandler
    void on(CampaignPaused event) {
        status = CampaignStatus.PAUSED;
    }

    @EventSourcingHandler
    void on(CampaignResumed event) {
        status = CampaignStatus.RUNNING;
        deferredReason = null;
        deferredUntil = null;
    }

    @EventSourcingHandler
    void on(CampaignDispatchDeferred event) {
        deferredReason = event.reason();
        deferredUntil = event.until();
    }

    @EventSourcingHandler
    void on(CampaignCancelled event) {
        status = CampaignStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(CampaignCompleted event) {
        status = CampaignStatus.COMPLETED;
    }

    /** The payload of the start deadline. */
    public record StartDue(Instant startAt) {
    }
}
