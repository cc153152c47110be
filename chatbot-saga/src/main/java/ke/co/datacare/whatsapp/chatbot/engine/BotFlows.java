package ke.co.datacare.whatsapp.chatbot.engine;

import ke.co.datacare.whatsapp.api.conversation.outbound.FlowContent;

/** A Flow of the chatbot configuration as the message that offers it (its token: our message id). */
public final class BotFlows {

    private BotFlows() {
    }

    public static FlowContent content(ChatbotConfig.FlowOffer flow, String token) {
        return new FlowContent(null, flow.body(), null, flow.id(), flow.cta(), token, FlowContent.NAVIGATE,
                flow.screen(), null, false);
    }
}
