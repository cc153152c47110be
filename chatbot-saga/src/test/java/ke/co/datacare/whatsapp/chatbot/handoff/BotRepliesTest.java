package ke.co.datacare.whatsapp.chatbot.handoff;

import ke.co.datacare.whatsapp.api.conversation.outbound.FlowContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.TextContent;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class BotRepliesTest {

    @Test
    void a_flow_follows_the_text_as_its_own_message_whose_id_is_its_token() {
        List<BotReplies.Outgoing> messages = BotReplies.of("wamid.1", "Let us book a visit.", Optional.empty(),
                Optional.of(new ChatbotConfig.FlowOffer("1197715005513101", "Book a visit", "BOOKING", "Choose a time")));

        assertThat(messages).extracting(BotReplies.Outgoing::messageId).containsExactly("bot-wamid.1", "bot-wamid.1-flow");
        assertThat(messages.get(0).content()).isEqualTo(new TextContent("Let us book a visit.", false));
        assertThat(messages.get(1).content()).isEqualTo(new FlowContent(null, "Choose a time", null, "1197715005513101",
                "Book a visit", "bot-wamid.1-flow", FlowContent.NAVIGATE, "BOOKING", null, false));
    }
}
