package ke.co.datacare.whatsapp.api.campaign;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** A draft got the phone numbers of an uploaded list (replacing the previous upload, or appended). */
@Revision("1")
public record CampaignAudienceUploaded(CampaignId campaignId, List<String> phoneNumbers, boolean append, String by, Instant at) {
}
