package ke.co.datacare.whatsapp.command.outbound;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;

/** A template's language as we write it ({@code "en_US"}) or as Meta does ({@code {"code": "en_US"}}). */
class LanguageCode extends JsonDeserializer<String> {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        if (parser.currentToken() == JsonToken.START_OBJECT) {
            JsonNode language = parser.readValueAsTree();
            JsonNode code = language.get("code");
            if (code != null && code.isTextual()) {
                return code.asText();
            }
        }
        return (String) context.handleUnexpectedToken(context.constructType(String.class), JsonToken.START_OBJECT, parser,
                "expected a language code such as en_US, or {\"code\": \"en_US\"}");
    }
}
