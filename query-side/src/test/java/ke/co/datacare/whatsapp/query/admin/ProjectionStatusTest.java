package ke.co.datacare.whatsapp.query.admin;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class ProjectionStatusTest {

    private static EventTrackerStatus segment(boolean replayToken, Long current, Long reset) {
        EventTrackerStatus status = mock(EventTrackerStatus.class);
        when(status.isReplaying()).thenReturn(replayToken);
        when(status.getCurrentPosition()).thenReturn(current == null ? OptionalLong.empty() : OptionalLong.of(current));
        when(status.getResetPosition()).thenReturn(reset == null ? OptionalLong.empty() : OptionalLong.of(reset));
        return status;
    }

    @Test
    void a_segment_behind_the_position_of_the_reset_is_replaying() {
        assertThat(ProjectionStatus.isReplaying(segment(true, 40L, 100L))).isTrue();
    }

    @Test
    void a_segment_that_reached_the_position_of_the_reset_has_finished_although_its_token_still_says_replay() {
        assertThat(ProjectionStatus.isReplaying(segment(true, 100L, 100L))).isFalse();
    }

    @Test
    void a_segment_on_a_live_token_is_not_replaying() {
        assertThat(ProjectionStatus.isReplaying(segment(false, 120L, null))).isFalse();
    }
}
