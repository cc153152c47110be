package ke.co.datacare.whatsapp.chatbot.handoff;

import java.util.Optional;
import ke.co.datacare.whatsapp.api.common.ConversationId;

/** Where the bot keeps its {@link BotConversation}s. */
interface BotConversations {

    Optional<BotConversation> find(ConversationId conversationId);

    void put(ConversationId conversationId, BotConversation conversation);
}
