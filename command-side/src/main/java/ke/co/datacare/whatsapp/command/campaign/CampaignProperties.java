package ke.co.datacare.whatsapp.command.campaign;

import ke.co.datacare.whatsapp.command.number.MessagingLimit;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of campaign dispatch ({@code datacare.campaigns.*}, e.g. {@code DATACARE_CAMPAIGNS_MESSAGING_LIMIT}).
 *
 * @param messagingLimit  Meta's messaging limit tier of the business: 50, 250, 1000, 2000, 10000, 100000 or unlimited (Meta's names such as TIER_2K are read too)
 *                        (unique users reached by business-initiated messages in a rolling 24 h)
 * @param leadTime        how far dispatch may run ahead of the sends to Meta: the number of queued messages not yet
 *                        attempted follows the measured time from queueing to attempt towards this target, so a pause
 *                        or cancel stops the sends within about this time (plus one dispatch round)
 * @param minLead         the least number of queued, not yet attempted messages allowed (where dispatch starts)
 * @param maxBatch        recipients queued in one transaction at most
 * @param tick            the pause between dispatch rounds while campaigns run
 * @param idlePoll        the pause between looks for running campaigns while none runs
 * @param stallTimeout    a queued message not attempted after this long no longer holds up dispatch or completion
 * @param enabled         false stops this instance from dispatching campaigns (another instance may)
 * @param partitions      how many partitions a campaign's recipients are split into (by contact); the workers of all
 *                        instances share them
 * @param workers         dispatch threads of this instance, each owning a fair share of the partitions
 * @param rebalanceInterval how often a worker gives back or takes partitions as workers come and go
 * @param statusMaxAge    how old the running campaigns (status, resolution) that dispatch works from may be: a pause
 *                        or cancel stops new queueing within this (plus the lead time for what is queued)
 */
@Validated
@ConfigurationProperties("datacare.campaigns")
record CampaignProperties(
        @DefaultValue("10000") @NotBlank String messagingLimit,
        @DefaultValue("400ms") @NotNull Duration leadTime,
        @DefaultValue("4") @Min(1) int minLead,
        @DefaultValue("200") @Min(1) int maxBatch,
        @DefaultValue("20ms") @NotNull Duration tick,
        @DefaultValue("200ms") @NotNull Duration idlePoll,
        @DefaultValue("10m") @NotNull Duration stallTimeout,
        @DefaultValue("true") boolean enabled,
        @DefaultValue("16") @Min(1) @Max(RecipientPartitions.KEYS) int partitions,
        @DefaultValue("4") @Min(1) int workers,
        @DefaultValue("2s") @NotNull Duration rebalanceInterval,
        @DefaultValue("50ms") @NotNull Duration statusMaxAge) {

    MessagingLimit limit() {
        return MessagingLimit.parse(messagingLimit);
    }
}
