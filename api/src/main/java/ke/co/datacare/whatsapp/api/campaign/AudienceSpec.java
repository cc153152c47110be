package ke.co.datacare.whatsapp.api.campaign;

import java.util.List;

/**
 * Who a campaign goes to, resolved to contacts when it starts: contacts with any of {@code tags}, the
 * {@code contactIds}, and the {@code phoneNumbers} (digits, '+' optional). A CSV upload adds its own list of
 * phone numbers ({@link CampaignAudienceUploaded}).
 */
public record AudienceSpec(List<String> tags, List<String> contactIds, List<String> phoneNumbers) {

    public AudienceSpec {
        tags = tags == null ? List.of() : List.copyOf(tags);
        contactIds = contactIds == null ? List.of() : List.copyOf(contactIds);
        phoneNumbers = phoneNumbers == null ? List.of() : List.copyOf(phoneNumbers);
    }

    public static AudienceSpec none() {
        return new AudienceSpec(List.of(), List.of(), List.of());
    }
}
