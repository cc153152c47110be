package ke.co.datacare.whatsapp.chatbot.engine;

import java.util.Optional;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.Faq;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.Intent;

/** What a matched FAQ or intent makes the bot do. */
record Reply(String id, String text, boolean offerMenu, Optional<HandoffReason> handoff, String asks,
             Optional<ChatbotConfig.FlowOffer> flow) {

    static Reply of(Faq faq) {
        return new Reply(faq.id(), faq.answer(), faq.offerMenu(), Optional.empty(), null, Optional.empty());
    }

    static Reply of(Intent intent) {
        Optional<HandoffReason> handoff = !intent.needsHuman() ? Optional.empty()
                : Optional.of(intent.isRequestForHuman()
                        ? HandoffReason.CUSTOMER_ASKED_FOR_HUMAN
                        : HandoffReason.INTENT_NEEDS_HUMAN);
        return new Reply(intent.name(), intent.reply(), intent.offerMenu(), handoff, intent.asks(),
                Optional.ofNullable(intent.flow()));
    }
}
