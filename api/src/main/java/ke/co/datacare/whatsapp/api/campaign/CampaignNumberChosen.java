package ke.co.datacare.whatsapp.api.campaign;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The campaign sends from business number {@code phoneNumberId}: recorded when it is created and when an edit changes
 * the number. A campaign without this event (created before campaigns chose their number) sends from the default one.
 */
@Revision("1")
public record CampaignNumberChosen(CampaignId campaignId, String phoneNumberId, String by, Instant at) {
}
