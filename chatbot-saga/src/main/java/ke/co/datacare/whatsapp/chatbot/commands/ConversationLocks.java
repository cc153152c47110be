package ke.co.datacare.whatsapp.chatbot.commands;

import ke.co.datacare.whatsapp.api.common.ConversationId;

import java.util.Collection;

/**
 * Takes the locks of conversations, in their order ({@link ConversationId#compareTo}), held until the current root
 * unit of work ends: the locks the conversations' repository takes as it loads them, so a batch that takes them first
 * sends its commands to them as if they were sorted. Provided by the command side.
 */
@FunctionalInterface
public interface ConversationLocks {

    void takeInOrder(Collection<ConversationId> conversations);
}
