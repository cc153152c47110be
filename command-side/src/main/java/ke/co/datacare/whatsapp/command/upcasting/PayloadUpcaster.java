package ke.co.datacare.whatsapp.command.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/** Brings one event type's stored JSON payload from one revision to the next; a subclass says only what changes. */
public abstract class PayloadUpcaster extends SingleEventUpcaster {

    private final SimpleSerializedType from;
    private final SimpleSerializedType to;

    protected PayloadUpcaster(SimpleSerializedType from, SimpleSerializedType to) {
        this.from = from;
        this.to = to;
    }

    /** Changes the payload of the older revision into the newer one (in place, or a new node). */
    protected abstract JsonNode upcast(ObjectNode payload);

    /** The stored type and revision this upcaster reads. */
    public SimpleSerializedType from() {
        return from;
    }

    /** The type and revision it reads them as. */
    public SimpleSerializedType to() {
        return to;
    }

    /** The newer revision of a stored payload, outside Axon's reading (a migration rewriting payloads in place). */
    public final JsonNode upcastStored(ObjectNode payload) {
        return upcast(payload);
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(from);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(to, JsonNode.class, payload -> upcast((ObjectNode) payload));
    }
}
