package ke.co.datacare.whatsapp.command.graph;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The business numbers besides the default one ({@code datacare.whatsapp.numbers.*}).
 *
 * @param ids               further numbers we send from ({@code WHATSAPP_PHONE_NUMBER_IDS}, comma-separated); the
 *                          default number ({@code WHATSAPP_PHONE_NUMBER_ID}) is always one of ours
 * @param messagesPerSecond Meta's throughput of a number by its id, where it differs from
 *                          {@code datacare.whatsapp.messages-per-second} (20 for a number shared with the WhatsApp
 *                          Business app, 1000 after an upgrade)
 * @param throughputLevels  Meta's throughput level of a number by its id ({@code STANDARD}, 80 per second, or
 *                          {@code HIGH}, 1,000 after Meta's upgrade): the level until Meta lists or announces one
 * @param displayPhoneNumbers the display number of a number by its id (digits, as Meta's webhooks name it), so that
 *                          Meta's reports on it ({@code phone_number_quality_update}, which names the display number
 *                          only) apply to it without discovery
 * @param discover          also send from every number Meta lists on the business account
 *                          ({@code GET /{waba-id}/phone_numbers}), read at start and every {@code refresh}
 * @param refresh           how often the business account's numbers are read again when {@code discover} is on
 */
@Validated
@ConfigurationProperties("datacare.whatsapp.numbers")
public record BusinessNumberProperties(
        @DefaultValue List<String> ids,
        @DefaultValue Map<String, Integer> messagesPerSecond,
        @DefaultValue Map<String, String> throughputLevels,
        @DefaultValue Map<String, String> displayPhoneNumbers,
        @DefaultValue("false") boolean discover,
        @DefaultValue("10m") @NotNull Duration refresh) {

    public BusinessNumberProperties {
        ids = ids == null ? List.of() : ids.stream().map(String::trim).filter(id -> !id.isEmpty()).toList();
        messagesPerSecond = messagesPerSecond == null ? Map.of() : Map.copyOf(messagesPerSecond);
        throughputLevels = throughputLevels == null ? Map.of() : Map.copyOf(throughputLevels);
        displayPhoneNumbers = displayPhoneNumbers == null ? Map.of() : Map.copyOf(displayPhoneNumbers);
        throughputLevels.forEach((id, level) -> {
            if (!BusinessNumbers.isLevel(level)) {
                throw new IllegalArgumentException("datacare.whatsapp.numbers.throughput-levels." + id
                        + " must be one of " + BusinessNumbers.THROUGHPUT_LEVELS.keySet() + ", not '" + level + "'");
            }
        });
    }

    /** Only the default number, at the default rate. */
    public static BusinessNumberProperties none() {
        return new BusinessNumberProperties(List.of(), Map.of(), Map.of(), Map.of(), false, Duration.ofMinutes(10));
    }
}
