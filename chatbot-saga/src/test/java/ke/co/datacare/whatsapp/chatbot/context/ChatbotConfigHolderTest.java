package ke.co.datacare.whatsapp.chatbot.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import ke.co.datacare.whatsapp.chatbot.engine.BotDecision.Answer;
import ke.co.datacare.whatsapp.chatbot.engine.BotInput;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.Replies;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfigLoader;
import ke.co.datacare.whatsapp.chatbot.engine.ConversationContext;
import ke.co.datacare.whatsapp.chatbot.engine.FieldError;
import ke.co.datacare.whatsapp.chatbot.engine.InvalidChatbotConfigException;
import org.junit.jupiter.api.Test;

class ChatbotConfigHolderTest {

    private static final ChatbotConfig DEFAULTS = ChatbotConfigLoader.defaults();
    private static final Instant MONDAY_MORNING =
            LocalDateTime.parse("2026-01-05T10:00").atZone(ZoneId.of("Africa/Nairobi")).toInstant();

    private final ChatbotConfigHolder holder = new ChatbotConfigHolder(DEFAULTS);

    @Test
    void applies_a_new_configuration_from_the_next_message_on() {
        Replies replies = DEFAULTS.replies();
        holder.replace(withReplies(new Replies(replies.fallback(), replies.handoff(), replies.outOfOffice(),
                "Karibu! Tuko hapa kukusaidia.")));

        assertThat(holder.engine().decide(BotInput.text("?!"), ConversationContext.fresh(), MONDAY_MORNING))
                .isNotInstanceOf(Answer.class);
        assertThat(holder.engine().decide(BotInput.text("zzz"), ConversationContext.fresh(), MONDAY_MORNING))
                .isInstanceOfSatisfying(Answer.class,
                        answer -> assertThat(answer.text()).isEqualTo("Karibu! Tuko hapa kukusaidia."));
    }

    @Test
    void builds_the_engine_once_per_configuration_not_for_every_message() {
        assertThat(holder.engine()).isSameAs(holder.engine());
        assertThat(holder.engine().config()).isSameAs(DEFAULTS);

        ChatbotConfig replacement = withReplies(DEFAULTS.replies());
        holder.replace(replacement);

        assertThat(holder.engine().config()).isSameAs(replacement);
        assertThat(holder.current()).isSameAs(replacement);
    }

    @Test
    void refuses_an_invalid_configuration_and_keeps_the_current_one() {
        ChatbotConfig broken = withReplies(new Replies("", "b", "c", "d"));

        assertThatThrownBy(() -> holder.replace(broken))
                .isInstanceOfSatisfying(InvalidChatbotConfigException.class, e -> assertThat(e.errors())
                        .containsExactly(new FieldError("replies.fallback", "is required")));
        assertThat(holder.current()).isSameAs(DEFAULTS);
    }

    private static ChatbotConfig withReplies(Replies replies) {
        return new ChatbotConfig(DEFAULTS.faqs(), DEFAULTS.intents(), DEFAULTS.menu(), replies,
                DEFAULTS.maxNotUnderstood(), DEFAULTS.businessHours());
    }
}
