package ke.co.datacare.whatsapp.api.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Start a draft or scheduled campaign at a later time. */
public record ScheduleCampaign(@TargetAggregateIdentifier CampaignId campaignId, Instant startAt, String by, Instant at) {
}
