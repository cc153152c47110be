package ke.co.datacare.whatsapp.chatbot.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import ke.co.datacare.whatsapp.chatbot.context.ChatbotConfigHolder;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig;
import ke.co.datacare.whatsapp.chatbot.engine.InvalidChatbotConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the configuration changed through the API (table {@code chatbot_config}, one row), so that it survives a
 * restart: at start-up a stored configuration replaces the shipped defaults, before any message is handled.
 */
@Component
class ChatbotConfigStore implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ChatbotConfigStore.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final JdbcTemplate jdbc;
    private final ChatbotConfigHolder holder;

    ChatbotConfigStore(JdbcTemplate jdbc, ChatbotConfigHolder holder) {
        this.jdbc = jdbc;
        this.holder = holder;
    }

    @Override
    public void afterSingletonsInstantiated() {
        try {
            load().ifPresent(stored -> {
                holder.replace(stored);
                log.info("Chatbot configuration loaded from the database");
            });
        } catch (InvalidChatbotConfigException | IllegalStateException e) {
            log.warn("The stored chatbot configuration is not usable, the defaults apply: {}", e.getMessage());
        }
    }

    Optional<ChatbotConfig> load() {
        List<String> stored = jdbc.queryForList("select config_json from chatbot_config where id = 1", String.class);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(stored.get(0), ChatbotConfig.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable: " + e.getOriginalMessage(), e);
        }
    }

    void save(ChatbotConfig config, String by, Instant at) {
        String json;
        try {
            json = JSON.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the chatbot configuration as JSON", e);
        }
        int updated = jdbc.update("update chatbot_config set config_json = ?, version = version + 1, updated_at = ?, "
                + "updated_by = ? where id = 1", json, Timestamp.from(at), by);
        if (updated == 0) {
            jdbc.update("insert into chatbot_config (id, config_json, version, updated_at, updated_by) "
                    + "values (1, ?, 1, ?, ?)", json, Timestamp.from(at), by);
        }
    }
}
