package ke.co.datacare.whatsapp.chatbot.context;

import java.util.Optional;
import ke.co.datacare.whatsapp.chatbot.engine.ConversationContext;

public interface ConversationContextStore {

    Optional<ConversationContext> load(String conversationId);

    void save(String conversationId, ConversationContext ctx);

    void clear(String conversationId);
}
