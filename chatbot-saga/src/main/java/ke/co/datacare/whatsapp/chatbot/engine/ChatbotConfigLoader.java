package ke.co.datacare.whatsapp.chatbot.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Reads a {@link ChatbotConfig} from YAML and refuses one that does not validate. */
public final class ChatbotConfigLoader {

    public static final String DEFAULTS = "chatbot-defaults.yml";

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ChatbotConfigLoader() {
    }

    public static ChatbotConfig defaults() {
        try (InputStream in = ChatbotConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS + " is missing from the class path");
            }
            return fromYaml(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ChatbotConfig fromYaml(InputStream yaml) {
        try {
            return checked(YAML.readValue(yaml, ChatbotConfig.class));
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable chatbot configuration", e);
        }
    }

    public static ChatbotConfig fromYaml(String yaml) {
        try {
            return checked(YAML.readValue(yaml, ChatbotConfig.class));
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable chatbot configuration", e);
        }
    }

    private static ChatbotConfig checked(ChatbotConfig config) {
        List<FieldError> errors = config.validate();
        if (!errors.isEmpty()) {
            throw new InvalidChatbotConfigException(errors);
        }
        return config;
    }
}
