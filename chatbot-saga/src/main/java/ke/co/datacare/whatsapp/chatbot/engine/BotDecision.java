package ke.co.datacare.whatsapp.chatbot.engine;

import java.util.Optional;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.Menu;

/** What to do with one inbound message; {@code next} is the context to store for the following one. */
public sealed interface BotDecision {

    ConversationContext next();

    /**
     * {@code matchedId} is the FAQ id or intent name, or {@code fallback} / {@code greeting} when nothing matched;
     * {@code flow} is a WhatsApp Flow to offer after the text.
     */
    record Answer(String text, Optional<Menu> menu, String matchedId, ConversationContext next,
                  Optional<ChatbotConfig.FlowOffer> flow) implements BotDecision {

        public Answer(String text, Optional<Menu> menu, String matchedId, ConversationContext next) {
            this(text, menu, matchedId, next, Optional.empty());
        }
    }

    /** The conversation goes to a person; {@code textToCustomer} is empty when nothing should be sent now. */
    record Handoff(HandoffReason reason, Optional<String> textToCustomer, ConversationContext next)
            implements BotDecision {
    }

    record Silent(ConversationContext next) implements BotDecision {
    }
}
