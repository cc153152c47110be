package ke.co.datacare.whatsapp.command.contact;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads tag changes as {@code {"add": [...], "remove": [...]}} or, the way most APIs write it, as a list to add. */
class TagChangesJson extends JsonDeserializer<ContactCommandController.TagChanges> {

    @Override
    public ContactCommandController.TagChanges deserialize(JsonParser parser, DeserializationContext context)
            throws IOException {
        if (parser.currentToken() == JsonToken.START_ARRAY) {
            return new ContactCommandController.TagChanges(strings(parser, context), null);
        }
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            return (ContactCommandController.TagChanges) context.handleUnexpectedToken(
                    ContactCommandController.TagChanges.class, parser);
        }
        List<String> add = null;
        List<String> remove = null;
        for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
            parser.nextToken();
            switch (field) {
                case "add" -> add = strings(parser, context);
                case "remove" -> remove = strings(parser, context);
                default -> context.handleUnknownProperty(parser, this, ContactCommandController.TagChanges.class, field);
            }
        }
        return new ContactCommandController.TagChanges(add, remove);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        return (List<String>) context.readValue(parser,
                context.getTypeFactory().constructCollectionType(ArrayList.class, String.class));
    }
}
