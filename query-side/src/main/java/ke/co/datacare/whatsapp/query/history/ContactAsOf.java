package ke.co.datacare.whatsapp.query.history;

import ke.co.datacare.whatsapp.api.contact.ContactFirstSeen;
import ke.co.datacare.whatsapp.api.contact.ContactIdentityLinked;
import ke.co.datacare.whatsapp.api.contact.ContactProfileNameChanged;
import ke.co.datacare.whatsapp.api.contact.IdentityType;
import ke.co.datacare.whatsapp.api.inbox.InboxItem;

/** A contact's identities and profile name, folded from its events up to a moment. */
final class ContactAsOf {

    private final String contactId;
    private String waId;
    private String userId;
    private String profileName;

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
            } else {
                userId = linked.identity();
            }
        } else if (event instanceof ContactProfileNameChanged changed) {
            profileName = changed.profileName();
        }
    }

    InboxItem.InboxContact toInboxContact() {
        return new InboxItem.InboxContact(contactId, profileName == null ? waId : profileName,
                waId == null ? null : "+" + waId, userId);
    }
}
