package ke.co.datacare.whatsapp.chatbot.engine;

/** An inbound customer message as the bot sees it. */
public sealed interface BotInput {

    static BotInput text(String body) {
        return new Text(body);
    }

    static BotInput interactiveReply(String id, String title) {
        return new InteractiveReply(id, title);
    }

    static BotInput nonText(NonText.Kind kind) {
        return new NonText(kind);
    }

    record Text(String body) implements BotInput {
    }

    /** A tap on a reply button or list row: {@code id} is the menu option id. */
    record InteractiveReply(String id, String title) implements BotInput {
    }

    /** Media, location and the like, which the bot does not understand; reactions are ignored. */
    record NonText(Kind kind) implements BotInput {

        public enum Kind { IMAGE, AUDIO, VIDEO, DOCUMENT, STICKER, LOCATION, CONTACTS, REACTION, OTHER }
    }
}
