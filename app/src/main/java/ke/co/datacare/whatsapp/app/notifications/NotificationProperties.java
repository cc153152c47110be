package ke.co.datacare.whatsapp.app.notifications;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.time.LocalTime;

/**
 * Email notifications ({@code datacare.notifications.*}); the SMTP server itself is Spring's {@code spring.mail.*},
 * set from {@code SMTP_HOST}, {@code SMTP_PORT}, {@code SMTP_USER} and {@code SMTP_PASSWORD}.
 *
 * @param from          the sender address ({@code SMTP_FROM})
 * @param consoleUrl    where the console is, for the links in the emails
 * @param digestAt      when the admins' daily digest goes out, Nairobi time
 * @param pollInterval  how often waiting emails are looked for
 * @param maxAttempts   attempts per email before it is given up (counted in health)
 * @param firstRetry    the wait after the first failure; it doubles with each further one, up to an hour
 */
@Validated
@ConfigurationProperties("datacare.notifications")
public record NotificationProperties(
        @DefaultValue("DataCare WhatsApp <no-reply@datacare.co.ke>") @NotBlank String from,
        @DefaultValue("http://localhost:3000") @NotBlank String consoleUrl,
        @DefaultValue("07:00") @NotNull LocalTime digestAt,
        @DefaultValue("2s") @NotNull Duration pollInterval,
        @DefaultValue("12") @Min(1) int maxAttempts,
        @DefaultValue("10s") @NotNull Duration firstRetry) {
}
