package ke.co.datacare.whatsapp.api.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Start a draft or scheduled campaign now. */
public record StartCampaign(@TargetAggregateIdentifier CampaignId campaignId, String by, Instant at) {
}
