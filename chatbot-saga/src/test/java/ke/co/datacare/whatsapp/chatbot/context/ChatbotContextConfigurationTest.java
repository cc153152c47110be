package ke.co.datacare.whatsapp.chatbot.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfigLoader;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ChatbotContextConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(ChatbotContextConfiguration.class);

    @Test
    void keeps_context_in_redis_behind_the_resilient_store_by_default() {
        runner.withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class)).run(context -> {
            assertThat(context).getBean(ConversationContextStore.class)
                    .isInstanceOf(ResilientConversationContextStore.class);
            ChatbotContextProperties properties = context.getBean(ChatbotContextProperties.class);
            assertThat(properties.ttl()).isEqualTo(Duration.ofHours(24));
            assertThat(properties.keyPrefix()).isEqualTo("chatbot:context:");
        });
    }

    @Test
    void keeps_context_in_memory_when_asked_to() {
        runner.withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class))
                .withPropertyValues("datacare.chatbot.context.store=memory", "datacare.chatbot.context.ttl=2h")
                .run(context -> {
                    assertThat(context).getBean(ConversationContextStore.class)
                            .isInstanceOf(InMemoryConversationContextStore.class);
                    assertThat(context.getBean(ChatbotContextProperties.class).ttl()).isEqualTo(Duration.ofHours(2));
                });
    }

    @Test
    void keeps_context_in_memory_without_redis() {
        runner.run(context -> assertThat(context).getBean(ConversationContextStore.class)
                .isInstanceOf(InMemoryConversationContextStore.class));
    }

    @Test
    void starts_with_the_default_chatbot_configuration() {
        runner.run(context -> assertThat(context.getBean(ChatbotConfigHolder.class).current())
                .isEqualTo(ChatbotConfigLoader.defaults()));
    }
}
