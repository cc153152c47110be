package ke.co.datacare.whatsapp.command.campaign;

import ke.co.datacare.whatsapp.api.campaign.AudienceSpec;
import ke.co.datacare.whatsapp.api.campaign.CampaignAudienceResolved;
import ke.co.datacare.whatsapp.api.campaign.CampaignAudienceUploaded;
import ke.co.datacare.whatsapp.api.campaign.CampaignCancelled;
import ke.co.datacare.whatsapp.api.campaign.CampaignCompleted;
import ke.co.datacare.whatsapp.api.campaign.CampaignContent;
import ke.co.datacare.whatsapp.api.campaign.CampaignDispatchDeferred;
import ke.co.datacare.whatsapp.api.campaign.CampaignDraftUpdated;
import ke.co.datacare.whatsapp.api.campaign.CampaignDrafted;
import ke.co.datacare.whatsapp.api.campaign.CampaignNumberChosen;
import ke.co.datacare.whatsapp.api.campaign.CampaignId;
import ke.co.datacare.whatsapp.api.campaign.CampaignPaused;
import ke.co.datacare.whatsapp.api.campaign.CampaignResumed;
import ke.co.datacare.whatsapp.api.campaign.CampaignScheduled;
import ke.co.datacare.whatsapp.api.campaign.CampaignStarted;
import ke.co.datacare.whatsapp.api.campaign.CancelCampaign;
import ke.co.datacare.whatsapp.api.campaign.CompleteCampaign;
import ke.co.datacare.whatsapp.api.campaign.CreateCampaign;
import ke.co.datacare.whatsapp.api.campaign.DeferCampaignDispatch;
import ke.co.datacare.whatsapp.api.campaign.ExcludedEntry;
import ke.co.datacare.whatsapp.api.campaign.ParameterSource;
import ke.co.datacare.whatsapp.api.campaign.PauseCampaign;
import ke.co.datacare.whatsapp.api.campaign.RecordCampaignAudience;
import ke.co.datacare.whatsapp.api.campaign.ResumeCampaign;
import ke.co.datacare.whatsapp.api.campaign.ScheduleCampaign;
import ke.co.datacare.whatsapp.api.campaign.SendWindow;
import ke.co.datacare.whatsapp.api.campaign.StartCampaign;
import ke.co.datacare.whatsapp.api.campaign.UpdateCampaign;
import ke.co.datacare.whatsapp.api.campaign.UploadCampaignAudience;
import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.common.Refusal;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CampaignTest {

    private static final CampaignId ID = CampaignId.of("0123456789abcdef");
    private static final Instant T0 = Instant.parse("2026-12-01T07:00:00Z");
    private static final ContactId MEMBER = ContactId.of("0d4491ec-bac0-398b-aa86-f8dd96a84ba0");
    private static final Instant LATER = T0.plus(Duration.ofHours(2));
    private static final CampaignContent CONTENT = new CampaignContent("december_offer", "en",
            List.of(ParameterSource.profileName("customer")));
    private static final AudienceSpec AUDIENCE = new AudienceSpec(List.of(), List.of(), List.of(MEMBER), 0);
    private static final String NUMBER = "110000000000001";
    private static final String OTHER_NUMBER = "110000000000002";
    private static final SendWindow WINDOW = new SendWindow(LocalTime.of(8, 0), LocalTime.of(20, 0), "Africa/Nairobi");

    private FixtureConfiguration<Campaign> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Campaign.class);
    }

    private static CampaignDrafted drafted() {
        return new CampaignDrafted(ID, "December offer", CONTENT, AUDIENCE, WINDOW, "agent@datacare.co.ke", T0);
    }

    private static CampaignNumberChosen numberChosen(String number) {
        return new CampaignNumberChosen(ID, number, "agent@datacare.co.ke", T0);
    }

    private static CampaignScheduled scheduled() {
        return new CampaignScheduled(ID, LATER, "agent", T0);
    }

    private static CampaignStarted started() {
        return new CampaignStarted(ID, "agent", T0);
    }

    private static CampaignAudienceResolved resolved() {
        return new CampaignAudienceResolved(ID, 3, 2, Map.of("DUPLICATE", 1), List.of(new ExcludedEntry(MEMBER.value(), "DUPLICATE")), T0);
    }

    private static CampaignPaused paused() {
        return new CampaignPaused(ID, null, "agent", T0);
    }

    private static CampaignCompleted completed() {
        return new CampaignCompleted(ID, 2, 0, T0);
    }

    private static CampaignCancelled cancelled() {
        return new CampaignCancelled(ID, "agent", T0);
    }



    private static void conflict(ResultValidator<Campaign> result, String status) {
        result.expectException(CommandExecutionException.class).expectNoEvents()
                .expectExceptionDetails(new Refusal(ErrorCode.CONFLICT, Map.of("status", status)));
    }

    @Test
    void a_new_campaign_is_a_draft_sending_from_the_number_it_was_given() {
        fixture.givenNoPriorActivity()
                .when(new CreateCampaign(ID, "December offer", CONTENT, AUDIENCE, WINDOW, NUMBER, "agent@datacare.co.ke", T0))
                .expectEvents(drafted(), numberChosen(NUMBER));
    }

    @Test
    void a_draft_can_be_edited_and_given_an_uploaded_audience() {
        fixture.given(drafted(), numberChosen(NUMBER))
                .when(new UpdateCampaign(ID, "Offer", CONTENT, AudienceSpec.none(), null, NUMBER, "agent", T0))
                .expectEvents(new CampaignDraftUpdated(ID, "Offer", CONTENT, AudienceSpec.none(), null, "agent", T0));
        fixture.given(drafted())
                .when(new UploadCampaignAudience(ID, List.of(MEMBER), false, "agent", T0))
                .expectEvents(new CampaignAudienceUploaded(ID, List.of(MEMBER), false, "agent", T0));
    }

    @Test
    void an_edit_that_changes_the_number_records_the_new_one_and_a_campaign_from_before_numbers_gets_one() {
        fixture.given(drafted(), numberChosen(NUMBER))
                .when(new UpdateCampaign(ID, "Offer", CONTENT, AUDIENCE, WINDOW, OTHER_NUMBER, "agent", T0))
                .expectEvents(new CampaignDraftUpdated(ID, "Offer", CONTENT, AUDIENCE, WINDOW, "agent", T0),
                        new CampaignNumberChosen(ID, OTHER_NUMBER, "agent", T0));
        fixture.given(drafted())
                .when(new UpdateCampaign(ID, "Offer", CONTENT, AUDIENCE, WINDOW, NUMBER, "agent", T0))
                .expectEvents(new CampaignDraftUpdated(ID, "Offer", CONTENT, AUDIENCE, WINDOW, "agent", T0),
                        new CampaignNumberChosen(ID, NUMBER, "agent", T0));
    }

    @Test
    void only_a_draft_can_be_edited() {
        conflict(fixture.given(drafted(), scheduled())
                .when(new UpdateCampaign(ID, "Offer", CONTENT, AUDIENCE, null, NUMBER, "agent", T0)), "scheduled");
        conflict(fixture.given(drafted(), started())
                .when(new UploadCampaignAudience(ID, List.of(MEMBER), true, "agent", T0)), "running");
    }

    @Test
    void a_draft_is_scheduled_with_a_persistent_deadline_that_starts_it() {
        fixture.given(drafted())
                .when(new ScheduleCampaign(ID, LATER, "agent", T0))
                .expectEvents(scheduled())
                .expectScheduledDeadlineWithName(LATER, Campaign.START_DEADLINE);
        fixture.given(drafted(), scheduled())
                .whenThenTimeAdvancesTo(LATER)
                .expectDeadlinesMet(new Campaign.StartDue(LATER))
                .expectEvents(new CampaignStarted(ID, "schedule", LATER));
    }

    @Test
    void a_rescheduled_campaign_starts_at_the_new_time_only() {
        Instant sooner = T0.plus(Duration.ofHours(1));
        fixture.given(drafted())
                .andGivenCommands(new ScheduleCampaign(ID, LATER, "agent", T0), new ScheduleCampaign(ID, sooner, "agent", T0))
                .whenThenTimeAdvancesTo(sooner)
                .expectEvents(new CampaignStarted(ID, "schedule", sooner));
        fixture.given(drafted())
                .andGivenCommands(new ScheduleCampaign(ID, sooner, "agent", T0), new ScheduleCampaign(ID, LATER, "agent", T0))
                .whenThenTimeAdvancesTo(sooner)
                .expectNoEvents();
    }

    @Test
    void a_schedule_in_the_past_is_refused() {
        fixture.given(drafted())
                .when(new ScheduleCampaign(ID, T0.minusSeconds(1), "agent", T0))
                .expectException(CommandExecutionException.class)
                .expectExceptionDetails(new Refusal(ErrorCode.VALIDATION_FAILED, Map.of()))
                .expectNoEvents();
    }

    @Test
    void a_cancelled_schedule_never_starts() {
        fixture.given(drafted())
                .andGivenCommands(new ScheduleCampaign(ID, LATER, "agent", T0), new CancelCampaign(ID, "agent", T0))
                .whenThenTimeAdvancesTo(LATER)
                .expectNoEvents();
    }

    @Test
    void a_draft_or_scheduled_campaign_starts_now() {
        fixture.given(drafted()).when(new StartCampaign(ID, "agent", T0)).expectEvents(started());
        fixture.given(drafted(), scheduled()).when(new StartCampaign(ID, "agent", T0)).expectEvents(started());
    }

    @Test
    void a_started_campaign_started_early_ignores_its_old_deadline() {
        fixture.given(drafted())
                .andGivenCommands(new ScheduleCampaign(ID, LATER, "agent", T0), new StartCampaign(ID, "agent", T0))
                .whenThenTimeAdvancesTo(LATER)
                .expectNoEvents();
    }

    @Test
    void a_running_campaign_cannot_start_or_be_scheduled_again() {
        conflict(fixture.given(drafted(), started()).when(new StartCampaign(ID, "agent", T0)), "running");
        conflict(fixture.given(drafted(), started()).when(new ScheduleCampaign(ID, LATER, "agent", T0)), "running");
    }

    @Test
    void a_running_campaign_pauses_and_resumes() {
        fixture.given(drafted(), started()).when(new PauseCampaign(ID, null, "agent", T0)).expectEvents(paused());
        fixture.given(drafted(), started(), paused()).when(new ResumeCampaign(ID, "agent", T0))
                .expectEvents(new CampaignResumed(ID, "agent", T0));
    }

    @Test
    void pausing_needs_a_running_campaign_and_resuming_a_paused_one() {
        conflict(fixture.given(drafted()).when(new PauseCampaign(ID, null, "agent", T0)), "draft");
        conflict(fixture.given(drafted(), started(), paused()).when(new PauseCampaign(ID, null, "agent", T0)), "paused");
        conflict(fixture.given(drafted(), started()).when(new ResumeCampaign(ID, "agent", T0)), "running");
        conflict(fixture.given(drafted(), scheduled()).when(new ResumeCampaign(ID, "agent", T0)), "scheduled");
    }

    @Test
    void a_campaign_is_cancelled_at_any_point_before_completion() {
        fixture.given(drafted()).when(new CancelCampaign(ID, "agent", T0)).expectEvents(cancelled());
        fixture.given(drafted(), scheduled()).when(new CancelCampaign(ID, "agent", T0)).expectEvents(cancelled());
        fixture.given(drafted(), started()).when(new CancelCampaign(ID, "agent", T0)).expectEvents(cancelled());
        fixture.given(drafted(), started(), paused()).when(new CancelCampaign(ID, "agent", T0)).expectEvents(cancelled());
    }

    @Test
    void a_completed_or_cancelled_campaign_refuses_every_transition() {
        Object[] done = {drafted(), started(), resolved(), completed()};
        conflict(fixture.given(done).when(new CancelCampaign(ID, "agent", T0)), "completed");
        conflict(fixture.given(done).when(new PauseCampaign(ID, null, "agent", T0)), "completed");
        conflict(fixture.given(done).when(new StartCampaign(ID, "agent", T0)), "completed");
        conflict(fixture.given(drafted(), cancelled()).when(new CancelCampaign(ID, "agent", T0)), "cancelled");
        conflict(fixture.given(drafted(), cancelled()).when(new StartCampaign(ID, "agent", T0)), "cancelled");
        conflict(fixture.given(drafted(), cancelled()).when(new ResumeCampaign(ID, "agent", T0)), "cancelled");
        conflict(fixture.given(drafted(), cancelled())
                .when(new UpdateCampaign(ID, "Offer", CONTENT, AUDIENCE, null, NUMBER, "agent", T0)), "cancelled");
    }

    @Test
    void the_audience_of_a_started_campaign_is_recorded_once() {
        RecordCampaignAudience record = new RecordCampaignAudience(ID, 3, 2, Map.of("DUPLICATE", 1),
                List.of(new ExcludedEntry(MEMBER.value(), "DUPLICATE")), T0);
        fixture.given(drafted(), started()).when(record).expectEvents(resolved());
        fixture.given(drafted(), started(), resolved()).when(record).expectSuccessfulHandlerExecution().expectNoEvents();
        conflict(fixture.given(drafted()).when(record), "draft");
    }

    @Test
    void a_running_campaign_completes_once_its_audience_is_resolved() {
        fixture.given(drafted(), started(), resolved()).when(new CompleteCampaign(ID, 2, 0, T0)).expectEvents(completed());
        fixture.given(drafted(), started()).when(new CompleteCampaign(ID, 2, 0, T0))
                .expectException(CommandExecutionException.class).expectNoEvents();
        conflict(fixture.given(drafted(), started(), resolved(), paused()).when(new CompleteCampaign(ID, 2, 0, T0)), "paused");
    }

    @Test
    void a_deferral_is_recorded_once_per_reason_and_time_while_running() {
        Instant opensAt = T0.plus(Duration.ofHours(10));
        DeferCampaignDispatch defer = new DeferCampaignDispatch(ID, "SEND_WINDOW", opensAt, T0);
        CampaignDispatchDeferred deferred = new CampaignDispatchDeferred(ID, "SEND_WINDOW", opensAt, T0);
        fixture.given(drafted(), started(), resolved()).when(defer).expectEvents(deferred);
        fixture.given(drafted(), started(), resolved(), deferred).when(defer).expectNoEvents();
        fixture.given(drafted(), started(), resolved(), paused()).when(defer).expectNoEvents();
    }

    @Test
    void the_id_names_the_sender_and_a_message_id_per_contact_that_fits_a_message_id_column() {
        String contact = "9f757f18-5ab7-31db-86bc-19559eb0f113";
        assertThat(ID.sender()).isEqualTo("campaign:0123456789abcdef");
        assertThat(ID.messageIdFor(contact)).isEqualTo("cmp-0123456789abcdef-" + contact).hasSizeLessThanOrEqualTo(64);
        assertThat(CampaignId.fromSender("campaign:0123456789abcdef")).isEqualTo(ID);
        assertThat(CampaignId.fromSender("agent:someone")).isNull();
    }
}
