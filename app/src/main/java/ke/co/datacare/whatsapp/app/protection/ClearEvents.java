package ke.co.datacare.whatsapp.app.protection;

import ke.co.datacare.whatsapp.query.admin.EventWriter;
import ke.co.datacare.whatsapp.query.admin.StoredEvent;
import org.axonframework.serialization.SimpleSerializedType;

import java.io.IOException;

/** The event export in clear, for an admin who gave a reason: each payload's personal fields decrypted (or erased). */
final class ClearEvents implements EventWriter {

    private final EventWriter delegate;
    private final PersonalDataSerializer serializer;

    ClearEvents(EventWriter delegate, PersonalDataSerializer serializer) {
        this.delegate = delegate;
        this.serializer = serializer;
    }

    @Override
    public void write(StoredEvent event) throws IOException {
        byte[] clear = serializer.inClear(new SimpleSerializedType(event.payloadType(), event.revision()),
                event.payload());
        delegate.write(new StoredEvent(event.globalIndex(), event.timestamp(), event.aggregateId(), event.sequence(),
                event.payloadType(), event.revision(), clear));
    }

    @Override
    public void finish() throws IOException {
        delegate.finish();
    }
}
