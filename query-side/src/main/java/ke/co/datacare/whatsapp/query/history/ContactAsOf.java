package ke.co.datacare.whatsapp.query.history;

import ke.co.datacare.whatsapp.api.contact.ContactFirstSeen;
import ke.co.datacare.whatsapp.api.contact.ContactIdentityLinked;
import ke.co.datacare.whatsapp.api.contact.ContactIdentityReleased;
import ke.co.datacare.whatsapp.api.contact.ContactProfileNameChanged;
import ke.co.datacare.whatsapp.api.contact.ContactUsernameChanged;
import ke.co.datacare.whatsapp.api.contact.IdentityType;
import ke.co.datacare.whatsapp.api.inbox.InboxItem;

/** A contact's identities, profile name and username, folded from its events up to a moment. */
final class ContactAsOf {

    private final String contactId;
    private String waId;
    private String userId;
    private String profileName;
    private String username;

    ContactAsOf(String contactId) {
        this.contactId = contactId;
    }

    void apply(Object event) {
        if (event instanceof ContactFirstSeen seen) {
            waId = seen.waId();
            userId = seen.userId();
            profileName = seen.profileName();
        } else if (event instanceof ContactIdentityLinked linked) {
            if (linked.type() == IdentityType.WA_ID) {
                waId = linked.identity();
            } else if (linked.type() == IdentityType.USER_ID) {
                userId = linked.identity();
            }
        } else if (event instanceof ContactIdentityReleased released) {
            if (released.type() == IdentityType.WA_ID && released.identity().equals(waId)) {
                waId = null;
            }
        } else if (event instanceof ContactProfileNameChanged changed) {
            profileName = changed.profileName();
        } else if (event instanceof ContactUsernameChanged changed) {
            username = changed.username();
        }
    }

    InboxItem.InboxContact toInboxContact() {
        return InboxItem.InboxContact.of(contactId, profileName, username, waId, userId);
    }
}
