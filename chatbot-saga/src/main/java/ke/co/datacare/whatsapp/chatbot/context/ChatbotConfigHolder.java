package ke.co.datacare.whatsapp.chatbot.context;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotEngine;
import ke.co.datacare.whatsapp.chatbot.engine.FieldError;
import ke.co.datacare.whatsapp.chatbot.engine.InvalidChatbotConfigException;

/**
 * The configuration in force; a replacement applies from the next message on, without a restart. The engine is built
 * once per configuration (it is immutable): building it compiles the phrases and business hours, which cost about
 * three times the decision itself when it was built for every message.
 */
public class ChatbotConfigHolder {

    private final AtomicReference<ChatbotEngine> current = new AtomicReference<>();

    public ChatbotConfigHolder(ChatbotConfig initial) {
        replace(initial);
    }

    public ChatbotConfig current() {
        return current.get().config();
    }

    public ChatbotEngine engine() {
        return current.get();
    }

    public void replace(ChatbotConfig config) {
        List<FieldError> errors = config.validate();
        if (!errors.isEmpty()) {
            throw new InvalidChatbotConfigException(errors);
        }
        current.set(new ChatbotEngine(config));
    }
}
