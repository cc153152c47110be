package ke.co.datacare.whatsapp.command.webhook;

import ke.co.datacare.whatsapp.api.common.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class WebhookVerificationLogTest {

    private final WebhookController controller = new WebhookController(new WebhookProperties("app-secret",
            "verify-token", null, null, 0, 0, 0, 0, null, null, null, 0, 0, null, null, 0), null);

    @Test
    void a_hub_mode_with_line_breaks_is_logged_escaped_and_cannot_forge_a_log_line(CapturedOutput output) {
        String forged = "x\r\n2026-12-06T10:00:00Z ERROR admin login from 10.0.0.1";

        assertThatThrownBy(() -> controller.verify(forged, "guess", "challenge")).isInstanceOf(DomainException.class);

        assertThat(output.getAll()).contains("Webhook verification refused")
                .doesNotContain("\n2026-12-06T10:00:00Z ERROR admin login")
                .doesNotContain("\r");
    }
}
