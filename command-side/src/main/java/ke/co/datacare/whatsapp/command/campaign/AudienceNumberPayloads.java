package ke.co.datacare.whatsapp.command.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ke.co.datacare.whatsapp.api.campaign.CampaignDraftUpdated;
import ke.co.datacare.whatsapp.api.campaign.CampaignDrafted;
import ke.co.datacare.whatsapp.command.upcasting.PayloadUpcaster;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The stored campaign payloads that name an audience's phone numbers (revision 1 of {@code CampaignDrafted},
 * {@code CampaignDraftUpdated}, {@code CampaignAudienceUploaded} and {@code CampaignAudienceResolved}) and their
 * contact-id form, which is exactly what the upcasters read them as: the migration that rewrites them in place
 * (V174, docs/data-protection.md) calls this, so the rewritten event and the upcast one cannot differ.
 */
public final class AudienceNumberPayloads {

    /** A rewritten payload and the revision it is stored under from then on. */
    public record Rewritten(String revision, JsonNode payload) {
    }

    private static final Map<String, PayloadUpcaster> BY_TYPE = List.of(
                    new CampaignDraftAudienceUpcaster(CampaignDrafted.class),
                    new CampaignDraftAudienceUpcaster(CampaignDraftUpdated.class),
                    new CampaignAudienceUploadedUpcaster(), new CampaignAudienceResolvedUpcaster()).stream()
            .collect(Collectors.toUnmodifiableMap(upcaster -> upcaster.from().getName(), Function.identity()));

    private AudienceNumberPayloads() {
    }

    /** The payload types that may hold numbers (under their first revision). */
    public static Set<String> types() {
        return BY_TYPE.keySet();
    }

    /** A stored payload's contact-id form and revision; null if it names no numbers (another type, rewritten already). */
    public static Rewritten rewrite(String type, String revision, ObjectNode payload) {
        PayloadUpcaster upcaster = BY_TYPE.get(type);
        if (upcaster == null || !Objects.equals(upcaster.from().getRevision(), revision)) {
            return null;
        }
        return new Rewritten(upcaster.to().getRevision(), upcaster.upcastStored(payload));
    }
}
