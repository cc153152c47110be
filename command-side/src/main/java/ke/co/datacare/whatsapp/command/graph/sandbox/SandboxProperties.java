package ke.co.datacare.whatsapp.command.graph.sandbox;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * Settings of the sandbox Graph API ({@code datacare.whatsapp.sandbox.*}).
 *
 * @param webhookUrl          where simulated status webhooks go; blank means this service's own
 *                            {@code /webhook/whatsapp} on its local port
 * @param appSecret           signs the simulated webhooks; must be the app secret the webhook endpoint verifies with
 * @param statusDelays        after acceptance, when {@code sent}, {@code delivered} and {@code read} are reported
 * @param displayPhoneNumber  reported in the webhooks' {@code metadata.display_phone_number}
 * @param maxRecordedRequests how many received requests {@code GET /sandbox/graph/requests} shows
 * @param maxRecordedBytes    how much of their paths and bodies it keeps (the oldest are dropped first)
 * @param maxMedia            how many uploaded files are kept (the oldest are dropped first)
 * @param maxMediaBytes       how many bytes of uploaded files are kept; a larger upload is refused
 * @param latencyMin          the shortest time the sandbox takes to answer a send (0: at once)
 * @param latencyMax          the longest; each answer waits a time drawn between the two, as Meta's 100-500 ms do
 * @param allowPostgresql     whether the sandbox may run next to a PostgreSQL database: off, because a
 *                            PostgreSQL database means an installation with real customers
 */
@Validated
@ConfigurationProperties("datacare.whatsapp.sandbox")
public record SandboxProperties(
        boolean enabled,
        String webhookUrl,
        @NotBlank String appSecret,
        @DefaultValue({"1s", "2s", "4s"}) @NotEmpty List<Duration> statusDelays,
        @DefaultValue("15550000000") String displayPhoneNumber,
        @DefaultValue("200") @Min(1) int maxRecordedRequests,
        @DefaultValue("1MB") DataSize maxRecordedBytes,
        @DefaultValue("100") @Min(1) int maxMedia,
        @DefaultValue("64MB") DataSize maxMediaBytes,
        @DefaultValue("0ms") Duration latencyMin,
        @DefaultValue("0ms") Duration latencyMax,
        boolean allowPostgresql) {

    @Override
    public String toString() {
        return "SandboxProperties[enabled=" + enabled + ", webhookUrl=" + webhookUrl + ", appSecret=******"
                + ", statusDelays=" + statusDelays + ", displayPhoneNumber=" + displayPhoneNumber
                + ", maxRecordedRequests=" + maxRecordedRequests + ", maxRecordedBytes=" + maxRecordedBytes
                + ", maxMedia=" + maxMedia + ", maxMediaBytes=" + maxMediaBytes + ", latency=" + latencyMin + "-" + latencyMax
                + ", allowPostgresql=" + allowPostgresql + "]";
    }
}
