package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.api.conversation.DeliveryStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundProgressTest {

    @Test
    void a_message_read_counts_as_delivered_and_sent_even_when_those_statuses_never_arrived() {
        OutboundProgress progress = OutboundProgress.NONE.with(DeliveryStatus.READ);

        assertThat(progress.sent()).isTrue();
        assertThat(progress.delivered()).isTrue();
        assertThat(progress.read()).isTrue();
        assertThat(progress.failed()).isFalse();
    }

    @Test
    void a_late_lower_status_does_not_move_a_message_back() {
        assertThat(OutboundProgress.NONE.with(DeliveryStatus.READ).with(DeliveryStatus.DELIVERED))
                .isEqualTo(OutboundProgress.NONE.with(DeliveryStatus.READ));
    }

    @Test
    void a_message_that_fails_after_it_was_sent_stays_sent() {
        OutboundProgress progress = OutboundProgress.NONE.with(DeliveryStatus.SENT).with(DeliveryStatus.FAILED);

        assertThat(progress.sent()).isTrue();
        assertThat(progress.delivered()).isFalse();
        assertThat(progress.failed()).isTrue();
    }

    @Test
    void a_played_voice_message_counts_as_read() {
        assertThat(OutboundProgress.NONE.with(DeliveryStatus.PLAYED).read()).isTrue();
    }
}
