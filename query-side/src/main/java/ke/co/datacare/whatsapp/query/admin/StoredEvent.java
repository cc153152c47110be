package ke.co.datacare.whatsapp.query.admin;

/** One row of the event store as exported: the payload is the stored JSON, untouched. */
public record StoredEvent(long globalIndex, String timestamp, String aggregateId, long sequence, String payloadType,
                   String revision, byte[] payload) {

    String simpleType() {
        return payloadType.substring(payloadType.lastIndexOf('.') + 1);
    }
}
