package ke.co.datacare.whatsapp.app.protection;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.Aead;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Axon's Jackson serializer with the {@code @PersonalData} properties of a payload moved into one envelope, encrypted
 * with the subject's data key ({@value #ENVELOPE}: the key's subject and the ciphertext). Reading puts them back, or
 * their erased values when the key is gone. Payloads without personal data, and those stored before encryption
 * (no envelope), pass through as they are.
 */
public class PersonalDataSerializer implements Serializer {

    static final String ENVELOPE = "$personal";

    private final JacksonSerializer delegate;
    private final ObjectMapper json;
    private final DataKeys keys;
    private final KeySubjects subjects;
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();
    private final Map<Class<?>, ObjectReader> plainReaders = new ConcurrentHashMap<>();

    PersonalDataSerializer(JacksonSerializer delegate, DataKeys keys, KeySubjects subjects) {
        this.delegate = delegate;
        this.json = exact(delegate.getObjectMapper());
        this.keys = keys;
        this.subjects = subjects;
    }

    /**
     * The mapper for the trees the envelope is made from: numbers kept as written ({@code 5499.00} stays
     * {@code 5499.00}; Jackson's trees would otherwise strip the zeros or read it as a double).
     */
    static ObjectMapper exact(ObjectMapper json) {
        return json.copy().configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        PersonalFields personal = object == null ? PersonalFields.NONE : PersonalFields.of(object.getClass());
        if (!personal.any()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        ObjectNode tree = json.valueToTree(object);
        Object subject = personal.subjectOf(object);
        seal(tree, personal, subject, subject == null ? List.of() : NestedPersonalData.in(object, personal));
        try {
            SerializedObject<byte[]> bytes = new SimpleSerializedObject<>(json.writeValueAsBytes(tree), byte[].class,
                    delegate.typeForClass(object.getClass()));
            return delegate.getConverter().convert(bytes, expectedRepresentation);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        SerializedType type = serializedObject.getType();
        if (SerializedType.emptyType().equals(type)) {
            return delegate.deserialize(serializedObject);
        }
        Class<?> payloadType = delegate.classForType(type);
        if (UnknownSerializedType.class.equals(payloadType) || JsonNode.class.equals(serializedObject.getContentType())
                && !PersonalFields.of(payloadType).any()) {
            return delegate.deserialize(serializedObject);
        }
        if (!PersonalFields.of(payloadType).any()) {
            return plain(serializedObject, payloadType);
        }
        if (JsonNode.class.equals(serializedObject.getContentType())) {
            return deserializeTree(serializedObject, payloadType);
        }
        byte[] payload = delegate.getConverter().convert(serializedObject, byte[].class).getData();
        try {
            return bind(payload, payloadType, type);
        } catch (IOException e) {
            throw new SerializationException("Error while deserializing object", e);
        }
    }

    /**
     * A stored payload without personal data bound as the delegate binds it, through its mapper's reader for the type
     * made once (the delegate makes a reader for every payload it reads).
     */
    private <T> T plain(SerializedObject<?> serializedObject, Class<?> payloadType) {
        byte[] payload = delegate.getConverter().convert(serializedObject, byte[].class).getData();
        try {
            return plainReaders.computeIfAbsent(payloadType, delegate.getObjectMapper()::readerFor).readValue(payload);
        } catch (IOException e) {
            throw new SerializationException("Error while deserializing object", e);
        }
    }

    /**
     * Binds a stored payload as binding its tree with the personal properties put back would, without the tree: the
     * envelope is looked for among the payload's properties and opened, and its properties are streamed in its
     * place, its values inside other properties in theirs ({@link RestoringParser}). An envelope of another shape,
     * or a place not found in the payload, goes through the tree.
     */
    private <T> T bind(byte[] payload, Class<?> payloadType, SerializedType type) throws IOException {
        PersonalFields personal = PersonalFields.of(payloadType);
        Envelope envelope = envelopeOf(payload, personal);
        ObjectReader reader = readers.computeIfAbsent(payloadType, json::readerFor);
        if (envelope == null) {
            return reader.readValue(payload);
        }
        Optional<ObjectNode> restored = restoredFrom(envelope, personal);
        if (restored.isPresent()) {
            ObjectNode properties = json.createObjectNode();
            Map<String, JsonNode> inside = new HashMap<>();
            restored.get().properties().forEach(field -> {
                if (field.getKey().startsWith("/")) {
                    inside.put(field.getKey(), field.getValue());
                } else {
                    properties.set(field.getKey(), field.getValue());
                }
            });
            try (RestoringParser parser = new RestoringParser(json.createParser(payload), json, properties, inside)) {
                T bound = reader.readValue(parser);
                if (parser.allPlaced()) {
                    return bound;
                }
            }
        }
        JsonNode tree = read(payload);
        restoreIfSealed(tree, payloadType);
        return delegate.deserialize(new SimpleSerializedObject<>(tree, JsonNode.class, type));
    }

    private <T> T deserializeTree(SerializedObject<?> serializedObject, Class<?> payloadType) {
        JsonNode tree = read(delegate.getConverter().convert(serializedObject, byte[].class).getData());
        restoreIfSealed(tree, payloadType);
        return delegate.deserialize(new SimpleSerializedObject<>(tree, JsonNode.class, serializedObject.getType()));
    }

    /**
     * The envelope of a stored payload (its key's subject and ciphertext) and which personal properties the payload
     * holds in clear (those with no value: {@link #seal}); {@code null} when the payload has none. Read without a
     * tree, skipping the values of the other properties.
     */
    private Envelope envelopeOf(byte[] payload, PersonalFields personal) throws IOException {
        try (JsonParser parser = json.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            List<PersonalFields.Property> properties = personal.properties();
            boolean[] inClear = new boolean[properties.size()];
            Envelope envelope = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (ENVELOPE.equals(name)) {
                    envelope = value == JsonToken.START_OBJECT ? readEnvelope(parser) : Envelope.MALFORMED;
                    continue;
                }
                for (int i = 0; i < inClear.length; i++) {
                    inClear[i] |= properties.get(i).name().equals(name);
                }
                parser.skipChildren();
            }
            return envelope == null ? null : envelope.withInClear(inClear);
        }
    }

    private static Envelope readEnvelope(JsonParser parser) throws IOException {
        String subject = null;
        String data = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_STRING && "subject".equals(name)) {
                subject = parser.getText();
            } else if (value == JsonToken.VALUE_STRING && "data".equals(name)) {
                data = parser.getText();
            } else {
                parser.skipChildren();
                return Envelope.MALFORMED;
            }
        }
        return subject == null || data == null ? Envelope.MALFORMED : new Envelope(subject, data, null);
    }

    /** A payload's envelope as stored; {@link #MALFORMED} for one that only the tree reads as {@link #restore} does. */
    private record Envelope(String subject, String data, boolean[] inClear) {
        static final Envelope MALFORMED = new Envelope(null, null, null);

        Envelope withInClear(boolean[] inClear) {
            return this == MALFORMED ? this : new Envelope(subject, data, inClear);
        }
    }

    /**
     * The personal properties to put in the envelope's place, as {@link #restore} would put them back: those it
     * opens to (values inside other properties under their JSON pointers), or the erased values of those not in
     * clear; none when only the tree reads the envelope.
     */
    private Optional<ObjectNode> restoredFrom(Envelope envelope, PersonalFields personal) {
        if (envelope == Envelope.MALFORMED) {
            return Optional.empty();
        }
        Optional<ObjectNode> fields = decrypt(envelope.subject(), envelope.data());
        if (fields.isPresent()) {
            return fields;
        }
        ObjectNode erased = json.createObjectNode();
        List<PersonalFields.Property> properties = personal.properties();
        for (int i = 0; i < properties.size(); i++) {
            if (!envelope.inClear()[i]) {
                erased.set(properties.get(i).name(), properties.get(i).erased());
            }
        }
        return Optional.of(erased);
    }

    /**
     * A stored payload's JSON with its personal properties back in clear (erased ones as erased), as stored
     * otherwise: for an export in clear. Works at the JSON level, so older revisions need no upcasting.
     */
    public byte[] inClear(SerializedType type, byte[] payload) {
        Class<?> payloadType = delegate.classForType(type);
        if (UnknownSerializedType.class.equals(payloadType) || !PersonalFields.of(payloadType).any()) {
            return payload;
        }
        JsonNode tree = read(payload);
        if (!restoreIfSealed(tree, payloadType)) {
            return payload;
        }
        try {
            return json.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A payload of " + type.getName() + " could not be written", e);
        }
    }

    private boolean restoreIfSealed(JsonNode tree, Class<?> payloadType) {
        if (tree instanceof ObjectNode object && object.has(ENVELOPE)) {
            restore(object, PersonalFields.of(payloadType));
            return true;
        }
        return false;
    }

    /**
     * Moves the personal properties of a payload's JSON into the encrypted envelope (none there: nothing changes);
     * the personal values inside its other properties go into the envelope under their JSON pointers, and their
     * erased values take their places in the clear.
     */
    void seal(ObjectNode tree, PersonalFields personal, Object subjectValue, List<NestedPersonalData.Place> nested) {
        ObjectNode fields = json.createObjectNode();
        personal.properties().forEach(property -> {
            JsonNode value = tree.get(property.name());
            if (value != null && !value.isNull()) {
                fields.set(property.name(), tree.remove(property.name()));
            } else {
                // an absent value tells nothing: it stays absent in clear, and reads absent after erasure too
                tree.set(property.name(), NullNode.getInstance());
            }
        });
        nested.forEach(place -> {
            JsonPointer pointer = JsonPointer.compile(place.pointer());
            JsonNode value = tree.at(pointer);
            if (!value.isMissingNode() && !value.isNull() && tree.at(pointer.head()) instanceof ObjectNode parent) {
                fields.set(place.pointer(), value);
                parent.set(pointer.last().getMatchingProperty(), place.erased());
            }
        });
        if (!fields.isEmpty()) {
            String subject = subjects.keySubjectOf(subjectValue);
            tree.set(ENVELOPE, json.createObjectNode().put("subject", subject).put("data", encrypt(subject, fields)));
        }
    }

    private JsonNode read(byte[] payload) {
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String encrypt(String subject, ObjectNode fields) {
        try {
            byte[] ciphertext = keys.forWriting(subject).encrypt(json.writeValueAsBytes(fields),
                    DataKeys.associated(subject));
            return Base64.getEncoder().encodeToString(ciphertext);
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException("Personal data of " + subject + " could not be encrypted", e);
        }
    }

    /** Puts the personal properties back from the envelope, or their erased values when it cannot be opened. */
    private void restore(ObjectNode tree, PersonalFields personal) {
        JsonNode envelope = tree.remove(ENVELOPE);
        String subject = envelope.path("subject").asText();
        Optional<ObjectNode> fields = decrypt(subject, envelope.path("data").asText());
        if (fields.isPresent()) {
            fields.get().properties().forEach(field -> putBack(tree, field.getKey(), field.getValue()));
        } else {
            personal.properties().stream().filter(property -> !tree.has(property.name()))
                    .forEach(property -> tree.set(property.name(), property.erased()));
        }
    }

    /** A property by name, or a value inside one by its JSON pointer (those read "erased" in the clear until then). */
    private static void putBack(ObjectNode tree, String name, JsonNode value) {
        if (!name.startsWith("/")) {
            tree.set(name, value);
            return;
        }
        JsonPointer pointer = JsonPointer.compile(name);
        if (tree.at(pointer.head()) instanceof ObjectNode parent) {
            parent.set(pointer.last().getMatchingProperty(), value);
        }
    }

    /** The sealed fields in clear: opened once per instance while the key is remembered ({@link DataKeys#openedBefore}). */
    private Optional<ObjectNode> decrypt(String subject, String data) {
        Optional<byte[]> before = keys.openedBefore(subject, data);
        if (before.isPresent()) {
            return Optional.of(fieldsOf(before.get()));
        }
        byte[] ciphertext = Base64.getDecoder().decode(data);
        Optional<Aead> key = keys.forReading(subject);
        Optional<byte[]> opened = open(key, subject, ciphertext);
        if (opened.isEmpty() && key.isPresent()) {
            // the key remembered here may have been replaced since (erased, then a fresh identity): look again once
            keys.forget(subject);
            opened = open(keys.forReading(subject), subject, ciphertext);
        }
        opened.ifPresent(plain -> keys.rememberOpened(subject, data, plain));
        return opened.map(this::fieldsOf);
    }

    private ObjectNode fieldsOf(byte[] plain) {
        try {
            return (ObjectNode) json.readTree(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<byte[]> open(Optional<Aead> key, String subject, byte[] ciphertext) {
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(key.get().decrypt(ciphertext, DataKeys.associated(subject)));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
