package ke.co.datacare.whatsapp.command.graph;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * Settings of the WhatsApp Business Cloud API connection ({@code datacare.whatsapp.*}).
 *
 * @param apiUrl                        the Graph API base URL with its pinned version
 * @param accessToken                   a system user token; blank only when the sandbox answers instead of Meta
 * @param messagesPerSecond             Meta's throughput for the business number: 80 by default, 1000 after an
 *                                      upgrade, 20 for numbers shared with the WhatsApp Business app
 * @param pairBurst                     messages that may go to one user at once before the pair rate applies
 * @param pairRefill                    the time after which one more message may go to the same user
 * @param reservedShareForConversations the share of the per-number rate that campaigns may never take
 * @param maxInFlight                   sends to Meta outstanding at once at most (requests sent, answer not yet in):
 *                                      throughput is this divided by Meta's latency, so 512 carries 1,000 msg/s
 *                                      while Meta answers within 500 ms
 * @param mediaHosts                    the hosts media may be downloaded from with the token, besides the Graph API's
 *                                      own server: Meta's {@code lookaside.fbsbx.com} (over HTTPS; a loopback
 *                                      host, such as a stand-in on this machine, may use HTTP)
 */
@Validated
@ConfigurationProperties("datacare.whatsapp")
public record GraphApiProperties(
        @DefaultValue("https://graph.facebook.com/v21.0") @NotBlank String apiUrl,
        String phoneNumberId,
        String businessAccountId,
        String accessToken,
        @DefaultValue("5s") @NotNull Duration connectTimeout,
        @DefaultValue("15s") @NotNull Duration readTimeout,
        @DefaultValue("80") @Min(1) @Max(1000) int messagesPerSecond,
        @DefaultValue("45") @Min(1) int pairBurst,
        @DefaultValue("6s") @NotNull Duration pairRefill,
        @DefaultValue("0.2") @DecimalMin("0.0") @DecimalMax("0.9") double reservedShareForConversations,
        @DefaultValue("512") @Min(1) int maxInFlight,
        @DefaultValue("lookaside.fbsbx.com") List<String> mediaHosts) {

    public boolean hasAccessToken() {
        return accessToken != null && !accessToken.isBlank();
    }

    @Override
    public String toString() {
        return "GraphApiProperties[apiUrl=" + apiUrl
                + ", phoneNumberId=" + phoneNumberId
                + ", businessAccountId=" + businessAccountId
                + ", accessToken=" + (hasAccessToken() ? "******" : "<blank>")
                + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout
                + ", messagesPerSecond=" + messagesPerSecond
                + ", pairBurst=" + pairBurst
                + ", pairRefill=" + pairRefill
                + ", reservedShareForConversations=" + reservedShareForConversations
                + ", maxInFlight=" + maxInFlight
                + ", mediaHosts=" + mediaHosts + "]";
    }
}
