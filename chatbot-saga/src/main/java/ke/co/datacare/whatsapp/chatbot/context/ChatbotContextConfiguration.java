package ke.co.datacare.whatsapp.chatbot.context;

import java.time.Clock;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfigLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChatbotContextProperties.class)
public class ChatbotContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ChatbotContextConfiguration.class);

    @Bean
    ConversationContextStore conversationContextStore(ChatbotContextProperties properties,
                                                      ObjectProvider<StringRedisTemplate> redis) {
        StringRedisTemplate template = redis.getIfAvailable();
        if (properties.store() == ChatbotContextProperties.Store.MEMORY || template == null) {
            log.info("Chatbot context kept in memory (store={}, Redis template {})",
                    properties.store(), template == null ? "absent" : "present");
            return new InMemoryConversationContextStore(properties.ttl(), properties.maxEntries(), Clock.systemUTC());
        }
        RedisConversationContextStore store = new RedisConversationContextStore(
                template, properties.keyPrefix(), properties.ttl());
        return new ResilientConversationContextStore(store, properties.retryInterval(), Clock.systemUTC());
    }

    @Bean
    ChatbotConfigHolder chatbotConfigHolder() {
        return new ChatbotConfigHolder(ChatbotConfigLoader.defaults());
    }
}
