package ke.co.datacare.whatsapp.app.protection;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;

import java.io.IOException;

/**
 * The tokens of a stored payload with its envelope of personal data ({@value PersonalDataSerializer#ENVELOPE})
 * replaced by the personal properties it held, in clear or erased: what binding the payload's tree after
 * {@link PersonalDataSerializer} put them back would see, without building the tree. Only for properties of the
 * payload itself; values inside its properties are put back in the tree.
 */
final class RestoringParser extends JsonParserDelegate {

    private final JsonParser payload;
    private final JsonParser restored;

    /**
     * @param payload  the stored payload, not yet read
     * @param restored the personal properties as one JSON object, not yet read
     */
    RestoringParser(JsonParser payload, JsonParser restored) {
        super(payload);
        this.payload = payload;
        this.restored = restored;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        if (delegate == restored) {
            JsonToken token = restored.nextToken();
            if (token != JsonToken.END_OBJECT || !restored.getParsingContext().inRoot()) {
                return token;
            }
            delegate = payload;
        }
        JsonToken token = payload.nextToken();
        if (token == JsonToken.FIELD_NAME && topLevel(payload.getParsingContext())
                && PersonalDataSerializer.ENVELOPE.equals(payload.currentName())) {
            payload.nextToken();
            payload.skipChildren();
            restored.nextToken();
            delegate = restored;
            return nextToken();
        }
        return token;
    }

    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken token = nextToken();
        return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }

    @Override
    public void close() throws IOException {
        payload.close();
        restored.close();
    }

    private static boolean topLevel(JsonStreamContext context) {
        return context.getParent() != null && context.getParent().inRoot();
    }
}
