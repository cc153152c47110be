package ke.co.datacare.whatsapp.app.config;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.chatbot.commands.ConversationLocks;
import ke.co.datacare.whatsapp.command.config.AggregateLocks;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The bot's batches take their conversations' locks from the command side's repositories, in the one order. */
@Configuration(proxyBeanMethods = false)
class LockOrderConfiguration {

    @Bean
    ConversationLocks conversationLocks(AggregateLocks locks) {
        return conversations -> locks.takeInOrder(conversations.stream().map(ConversationId::value).toList());
    }
}
