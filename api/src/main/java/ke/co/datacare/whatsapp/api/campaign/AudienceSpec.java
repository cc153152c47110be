package ke.co.datacare.whatsapp.api.campaign;

import ke.co.datacare.whatsapp.api.common.ContactId;

import java.util.List;

/**
 * Who a campaign goes to, resolved to contacts when it starts: contacts with any of {@code tags}, the
 * {@code contactIds} as given, and the contacts of the phone numbers typed into the definition
 * ({@code phoneNumberContacts}, in the order typed: the numbers were registered as contacts when the draft was
 * written, so no event names a number). {@code invalidPhoneNumbers} typed entries were not phone numbers; each is
 * excluded as an invalid number when the campaign starts, and only their count is kept. A CSV upload adds its own
 * contacts ({@link CampaignAudienceUploaded}). Events of revision 1 held the typed numbers ({@code phoneNumbers}).
 */
public record AudienceSpec(List<String> tags, List<String> contactIds, List<ContactId> phoneNumberContacts,
                           int invalidPhoneNumbers) {

    public AudienceSpec {
        tags = tags == null ? List.of() : List.copyOf(tags);
        contactIds = contactIds == null ? List.of() : List.copyOf(contactIds);
        phoneNumberContacts = phoneNumberContacts == null ? List.of() : List.copyOf(phoneNumberContacts);
    }

    public static AudienceSpec none() {
        return new AudienceSpec(List.of(), List.of(), List.of(), 0);
    }

    /** How many phone numbers were typed into the definition, valid or not. */
    public int phoneNumberCount() {
        return phoneNumberContacts.size() + invalidPhoneNumbers;
    }
}
