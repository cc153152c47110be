package ke.co.datacare.whatsapp.app.integrations;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * Signed outbound webhooks ({@code datacare.integrations.*}).
 *
 * @param allowedHttpHosts    hosts that may be called over plain {@code http} (otherwise only {@code https})
 * @param allowedPrivateHosts hosts that may resolve to private, loopback or link-local addresses (otherwise refused,
 *                            so that no one can make the service call its own network)
 * @param maxAttempts         attempts per delivery before it goes to the dead-letter list
 * @param firstRetry          the wait after the first failure; it doubles with each further one, up to an hour
 * @param disableAfter        an endpoint failing without a success for this long is disabled and the admins told
 * @param timeout             how long one delivery may take
 * @param pollInterval        how often due deliveries are looked for
 */
@Validated
@ConfigurationProperties("datacare.integrations")
public record IntegrationProperties(
        @DefaultValue({}) List<String> allowedHttpHosts,
        @DefaultValue({}) List<String> allowedPrivateHosts,
        @DefaultValue("15") @Min(1) int maxAttempts,
        @DefaultValue("10s") @NotNull Duration firstRetry,
        @DefaultValue("24h") @NotNull Duration disableAfter,
        @DefaultValue("10s") @NotNull Duration timeout,
        @DefaultValue("1s") @NotNull Duration pollInterval) {
}
