package ke.co.datacare.whatsapp.api.campaign;

import ke.co.datacare.whatsapp.api.common.ContactId;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A draft got the contacts of an uploaded list of phone numbers (replacing the previous upload, or appended), in the
 * list's order: the numbers were registered as contacts at the upload, so the event names contact ids, never numbers.
 * Revision 1 held the numbers themselves ({@code phoneNumbers}).
 */
@Revision("2")
public record CampaignAudienceUploaded(CampaignId campaignId, List<ContactId> contactIds, boolean append, String by, Instant at) {
}
