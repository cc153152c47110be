package ke.co.datacare.whatsapp.command.outbound;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateStatusEventsTest {

    @Test
    void a_reinstated_or_unarchived_template_is_approved_again() {
        assertThat(TemplateStatusEvents.statusAfter("REINSTATED")).contains("APPROVED");
        assertThat(TemplateStatusEvents.statusAfter("UNARCHIVED")).contains("APPROVED");
    }

    @Test
    void a_flag_or_a_lock_leaves_the_status_as_it_was() {
        assertThat(TemplateStatusEvents.statusAfter("FLAGGED")).isEmpty();
        assertThat(TemplateStatusEvents.statusAfter("LOCKED")).isEmpty();
        assertThat(TemplateStatusEvents.statusAfter("LIMIT_EXCEEDED")).isEmpty();
    }

    @Test
    void a_pause_a_disablement_or_a_rejection_is_the_new_status() {
        assertThat(TemplateStatusEvents.statusAfter("paused")).contains("PAUSED");
        assertThat(TemplateStatusEvents.statusAfter("DISABLED")).contains("DISABLED");
        assertThat(TemplateStatusEvents.statusAfter("REJECTED")).contains("REJECTED");
        assertThat(TemplateStatusEvents.statusAfter(null)).isEmpty();
    }
}
