package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.api.query.AnalyticsOverview;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class PeriodDurationsTest {

    private final PeriodTally day = new PeriodTally(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 23));

    @Test
    void an_agent_answer_counts_in_all_waits_in_agent_waits_and_in_its_business_hours() {
        assertThat(PeriodDurations.seriesOf(AnalyticsRollupProjection.AGENTS, AnalyticsRollupProjection.IN_HOURS))
                .containsExactly(PeriodDurations.RESPONSES, PeriodDurations.AGENT_RESPONSES, PeriodDurations.IN_HOURS);
        assertThat(PeriodDurations.seriesOf(AnalyticsRollupProjection.BOT, AnalyticsRollupProjection.OUTSIDE_HOURS))
                .containsExactly(PeriodDurations.RESPONSES, PeriodDurations.OUTSIDE_HOURS);
        assertThat(PeriodDurations.seriesOf(AnalyticsRollupProjection.BOT, AnalyticsRollupProjection.HOURS_UNKNOWN))
                .containsExactly(PeriodDurations.RESPONSES, PeriodDurations.UNKNOWN_HOURS);
    }

    @Test
    void resolutions_have_their_own_series_and_one_agents_waits_none() {
        assertThat(PeriodDurations.seriesOf(AnalyticsRollupProjection.RESOLUTION, ""))
                .containsExactly(PeriodDurations.RESOLUTIONS);
        assertThat(PeriodDurations.seriesOf(AnalyticsRollupProjection.ONE_AGENT, "")).isEmpty();
    }

    @Test
    void a_period_shows_its_stored_figures_and_no_business_hours_split_when_some_waits_had_unknown_hours() {
        day.durations(PeriodDurations.RESPONSES, new AnalyticsOverview.Durations(3, 60L, 90L));
        day.durations(PeriodDurations.IN_HOURS, new AnalyticsOverview.Durations(2, 50L, 60L));
        day.durations(PeriodDurations.UNKNOWN_HOURS, new AnalyticsOverview.Durations(1, 90L, 90L));

        AnalyticsOverview.Conversations conversations = day.toPeriod().conversations();

        assertThat(conversations.firstResponse()).isEqualTo(new AnalyticsOverview.Durations(3, 60L, 90L));
        assertThat(conversations.firstResponseInBusinessHours()).isNull();
        assertThat(conversations.agentFirstResponse()).isEqualTo(new AnalyticsOverview.Durations(0, null, null));
    }

    @Test
    void a_period_whose_waits_all_had_known_hours_splits_them() {
        day.durations(PeriodDurations.IN_HOURS, new AnalyticsOverview.Durations(2, 50L, 60L));

        AnalyticsOverview.Conversations conversations = day.toPeriod().conversations();

        assertThat(conversations.firstResponseInBusinessHours()).isEqualTo(new AnalyticsOverview.Durations(2, 50L, 60L));
        assertThat(conversations.firstResponseOutsideBusinessHours()).isEqualTo(new AnalyticsOverview.Durations(0, null, null));
    }
}
