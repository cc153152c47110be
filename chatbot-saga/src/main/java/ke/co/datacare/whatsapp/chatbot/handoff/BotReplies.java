package ke.co.datacare.whatsapp.chatbot.handoff;

import ke.co.datacare.whatsapp.api.conversation.outbound.InteractiveButtonsContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.InteractiveListContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.ListRow;
import ke.co.datacare.whatsapp.api.conversation.outbound.ListSection;
import ke.co.datacare.whatsapp.api.conversation.outbound.OutboundContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.ReplyButton;
import ke.co.datacare.whatsapp.api.conversation.outbound.TextContent;
import ke.co.datacare.whatsapp.chatbot.engine.BotFlows;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.Menu;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the bot sends for one answer: the text, then the menu as reply buttons or a list when the answer offers
 * it, then a WhatsApp Flow when the answer has one. Each message gets an id derived from the customer's wamid, so a
 * repeated decision sends nothing twice.
 */
final class BotReplies {

    static final String MENU_SUFFIX = "-menu";
    static final String FLOW_SUFFIX = "-flow";

    record Outgoing(String messageId, OutboundContent content) {
    }

    private BotReplies() {
    }

    static String messageId(String inboundWamid) {
        return "bot-" + inboundWamid;
    }

    static List<Outgoing> of(String inboundWamid, String text, Optional<Menu> menu) {
        return of(inboundWamid, text, menu, Optional.empty());
    }

    /** The text, the menu when offered, then the Flow when the answer has one (its token: its message id). */
    static List<Outgoing> of(String inboundWamid, String text, Optional<Menu> menu, Optional<ChatbotConfig.FlowOffer> flow) {
        List<Outgoing> messages = new ArrayList<>();
        messages.add(new Outgoing(messageId(inboundWamid), new TextContent(text, false)));
        menu.ifPresent(shown -> messages.add(new Outgoing(messageId(inboundWamid) + MENU_SUFFIX, content(shown))));
        flow.ifPresent(offered -> {
            String id = messageId(inboundWamid) + FLOW_SUFFIX;
            messages.add(new Outgoing(id, BotFlows.content(offered, id)));
        });
        return messages;
    }

    private static OutboundContent content(Menu menu) {
        if (menu.type() == Menu.Type.BUTTONS) {
            return new InteractiveButtonsContent(null, menu.body(), null, menu.options().stream()
                    .map(option -> new ReplyButton(option.id(), option.title())).toList());
        }
        return new InteractiveListContent(null, menu.body(), null, menu.button(), List.of(new ListSection(null,
                menu.options().stream().map(option -> new ListRow(option.id(), option.title(), option.description()))
                        .toList())));
    }
}
