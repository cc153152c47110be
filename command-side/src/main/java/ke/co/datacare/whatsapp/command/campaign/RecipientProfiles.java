package ke.co.datacare.whatsapp.command.campaign;

import ke.co.datacare.whatsapp.api.query.ContactSummary;
import ke.co.datacare.whatsapp.api.query.FindContactsById;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Profile names, usernames and phone numbers of known contacts for personalisation, asked of the contacts read model with a
 * query ({@link FindContactsById}); a name changed seconds earlier may not be there yet.
 */
final class RecipientProfiles {

    private final QueryGateway queries;

    RecipientProfiles(QueryGateway queries) {
        this.queries = queries;
    }

    Map<String, RecipientParameters.Contact> of(Collection<String> contactIds) {
        Map<String, RecipientParameters.Contact> found = new HashMap<>();
        if (contactIds.isEmpty()) {
            return found;
        }
        List<ContactSummary> contacts = queries.query(new FindContactsById(List.copyOf(contactIds)),
                ResponseTypes.multipleInstancesOf(ContactSummary.class)).join();
        for (ContactSummary contact : contacts) {
            String phone = contact.phoneNumber();
            found.put(contact.id(), new RecipientParameters.Contact(contact.profileName(), contact.username(),
                    phone == null ? null : phone.startsWith("+") ? phone.substring(1) : phone));
        }
        return found;
    }
}
