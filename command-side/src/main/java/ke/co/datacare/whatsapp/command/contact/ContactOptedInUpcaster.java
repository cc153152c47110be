package ke.co.datacare.whatsapp.command.contact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ke.co.datacare.whatsapp.api.contact.ContactOptedIn;
import ke.co.datacare.whatsapp.command.upcasting.PayloadUpcaster;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@link ContactOptedIn} revision 1 to 2: the {@code reason} an admin gives for opting a contact back in was added;
 * events of revision 1 had none (they were the customer's START or an agent's change), so it is null.
 */
@Component
@Order(0)
class ContactOptedInUpcaster extends PayloadUpcaster {

    static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(ContactOptedIn.class.getName(), "1");
    static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(ContactOptedIn.class.getName(), "2");

    ContactOptedInUpcaster() {
        super(REVISION_1, REVISION_2);
    }

    @Override
    protected JsonNode upcast(ObjectNode payload) {
        return payload.putNull("reason");
    }
}
