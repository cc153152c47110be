package ke.co.datacare.whatsapp.chatbot.engine;

import java.util.List;

public class InvalidChatbotConfigException extends RuntimeException {

    private final transient List<FieldError> errors;

    public InvalidChatbotConfigException(List<FieldError> errors) {
        super("Invalid chatbot configuration: " + errors);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
