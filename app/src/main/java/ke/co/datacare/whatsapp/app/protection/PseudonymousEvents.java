package ke.co.datacare.whatsapp.app.protection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import ke.co.datacare.whatsapp.query.admin.EventWriter;
import ke.co.datacare.whatsapp.query.admin.StoredEvent;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedType;

import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The event export as analysts see it: contact and conversation ids (in payloads and as aggregate ids of contact and
 * conversation events) replaced by their pseudonyms, and no personal field: the encrypted envelope, the
 * {@code @PersonalData} properties (in clear in events stored before encryption) and the fields that carry personal
 * data without being encrypted (wamids, which encode the number, outbound contents, audience numbers, raw JSON,
 * message contexts) are all left out. Everything else (types, times, counts, statuses, ids of campaigns and
 * templates) is kept, so totals add up.
 */
final class PseudonymousEvents implements EventWriter {

    private static final Set<String> IDS = Set.of("contactId", "conversationId");
    private static final Set<String> ID_LISTS = Set.of("contactIds", "conversationIds", "phoneNumberContacts");
    /** A campaign's excluded entry: a contact id, or a position ("#3") that needs no pseudonym. */
    private static final String ENTRY = "entry";
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Set<String> UNENCRYPTED = Set.of("content", "phoneNumbers", "phoneNumber", "rawJson",
            "context", "referral", "waId", "userId", "profileName", "newWaId", "identity");
    private static final Set<String> KEYED_BY_CONTACT = Set.of("ke.co.datacare.whatsapp.api.contact.",
            "ke.co.datacare.whatsapp.api.conversation.");

    private final EventWriter delegate;
    private final Pseudonyms.Hasher pseudonyms;
    private final Serializer serializer;
    private final ObjectMapper json;

    PseudonymousEvents(EventWriter delegate, Pseudonyms.Hasher pseudonyms, Serializer serializer, ObjectMapper json) {
        this.delegate = delegate;
        this.pseudonyms = pseudonyms;
        this.serializer = serializer;
        this.json = json;
    }

    @Override
    public void write(StoredEvent event) throws IOException {
        JsonNode payload = json.readTree(event.payload());
        if (payload instanceof ObjectNode object) {
            object.remove(PersonalDataSerializer.ENVELOPE);
            Class<?> type = serializer.classForType(new SimpleSerializedType(event.payloadType(), event.revision()));
            PersonalFields.of(type).properties().forEach(property -> object.remove(property.name()));
            clean(object);
        }
        boolean keyedByContact = KEYED_BY_CONTACT.stream().anyMatch(event.payloadType()::startsWith);
        delegate.write(new StoredEvent(event.globalIndex(), event.timestamp(),
                keyedByContact ? pseudonyms.pseudonymOf(event.aggregateId()) : event.aggregateId(), event.sequence(),
                event.payloadType(), event.revision(), json.writeValueAsBytes(payload)));
    }

    /** Replaces ids by pseudonyms and drops unencrypted personal fields, at every depth. */
    private void clean(ObjectNode object) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (UNENCRYPTED.contains(name) || name.toLowerCase(Locale.ROOT).contains("wamid")) {
                fields.remove();
            } else if ((IDS.contains(name) || name.equals(ENTRY) && UUID.matcher(value.asText()).matches())
                    && value.isTextual()) {
                field.setValue(TextNode.valueOf(pseudonyms.pseudonymOf(value.asText())));
            } else if (ID_LISTS.contains(name) && value instanceof ArrayNode ids) {
                for (int i = 0; i < ids.size(); i++) {
                    ids.set(i, TextNode.valueOf(pseudonyms.pseudonymOf(ids.get(i).asText())));
                }
            } else if (value instanceof ObjectNode nested) {
                clean(nested);
            } else if (value instanceof ArrayNode items) {
                items.forEach(item -> {
                    if (item instanceof ObjectNode nested) {
                        clean(nested);
                    }
                });
            }
        }
    }

    @Override
    public void finish() throws IOException {
        delegate.finish();
    }
}
