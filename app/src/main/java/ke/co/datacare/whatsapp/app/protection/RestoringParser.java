package ke.co.datacare.whatsapp.app.protection;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The tokens of a stored payload with its personal data put back, as binding the payload's tree after
 * {@link PersonalDataSerializer} restored it would see them, without building the tree: the envelope
 * ({@value PersonalDataSerializer#ENVELOPE}) is replaced by the personal properties it held (in clear or erased), and
 * the values inside other properties that it held under their JSON pointers replace the erased values in their
 * places. {@link #allPlaced()} tells whether every such place was met (the tree would add a missing one).
 */
final class RestoringParser extends JsonParserDelegate {

    private final JsonParser payload;
    private final ObjectMapper json;
    private final ObjectNode properties;
    private final Map<String, JsonNode> inside;
    private final Set<String> placeNames = new HashSet<>();

    /** Tokens spliced into the payload's: the envelope's properties, or a value put back in its place. */
    private JsonParser splice;
    /** Whether {@link #splice} is the envelope's properties (its object's own start and end are left out). */
    private boolean spliceProperties;
    /** The value to put back in place of the payload's next value. */
    private JsonNode pending;

    /**
     * @param payload    the stored payload, not yet read
     * @param properties the payload's personal properties to put in the envelope's place
     * @param inside     values to put back inside the payload's other properties, by JSON pointer (taken as placed)
     */
    RestoringParser(JsonParser payload, ObjectMapper json, ObjectNode properties, Map<String, JsonNode> inside) {
        super(payload);
        this.payload = payload;
        this.json = json;
        this.properties = properties;
        this.inside = inside;
        inside.keySet().forEach(pointer -> placeNames.add(pointer.substring(pointer.lastIndexOf('/') + 1)));
    }

    boolean allPlaced() {
        return inside.isEmpty();
    }

    @Override
    public JsonToken nextToken() throws IOException {
        if (splice != null) {
            // a value put back ends with its first token at the root (a scalar, or the end of its object or array)
            boolean ended = !spliceProperties && splice.currentToken() != null && splice.getParsingContext().inRoot();
            if (!ended) {
                JsonToken token = splice.nextToken();
                if (token != null && !(spliceProperties && token == JsonToken.END_OBJECT
                        && splice.getParsingContext().inRoot())) {
                    return token;
                }
            }
            splice = null;
            delegate = payload;
        }
        JsonToken token = payload.nextToken();
        if (pending != null) {
            payload.skipChildren();
            JsonNode value = pending;
            pending = null;
            return spliceIn(json.treeAsTokens(value), false);
        }
        if (token == JsonToken.FIELD_NAME) {
            JsonStreamContext context = payload.getParsingContext();
            boolean topLevel = context.getParent() != null && context.getParent().inRoot();
            String name = payload.currentName();
            if (topLevel && PersonalDataSerializer.ENVELOPE.equals(name)) {
                payload.nextToken();
                payload.skipChildren();
                JsonParser restored = json.treeAsTokens(properties);
                restored.nextToken();
                return spliceIn(restored, true);
            }
            if (!topLevel && placeNames.contains(name)) {
                pending = inside.remove(context.pathAsPointer().toString());
            }
        }
        return token;
    }

    private JsonToken spliceIn(JsonParser tokens, boolean envelopeProperties) throws IOException {
        splice = tokens;
        spliceProperties = envelopeProperties;
        delegate = tokens;
        return nextToken();
    }

    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken token = nextToken();
        return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }

    @Override
    public void close() throws IOException {
        payload.close();
    }
}
