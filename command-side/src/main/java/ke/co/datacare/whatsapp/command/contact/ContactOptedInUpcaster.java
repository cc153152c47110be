package ke.co.datacare.whatsapp.command.contact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ke.co.datacare.whatsapp.api.contact.ContactOptedIn;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@link ContactOptedIn} revision 1 to 2: the {@code reason} an admin gives for opting a contact back in was added;
 * events of revision 1 had none (they were the customer's START or an agent's change), so it is null.
 */
@Component
@Order(0)
class ContactOptedInUpcaster extends SingleEventUpcaster {

    static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(ContactOptedIn.class.getName(), "1");
    static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(ContactOptedIn.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ((ObjectNode) payload).putNull("reason");
            return payload;
        });
    }
}
