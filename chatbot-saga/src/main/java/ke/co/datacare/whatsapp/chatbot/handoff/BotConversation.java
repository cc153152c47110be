package ke.co.datacare.whatsapp.chatbot.handoff;

import ke.co.datacare.whatsapp.chatbot.engine.ConversationContext;

/**
 * What the bot keeps about one conversation: whether it holds the conversation ({@code withBot}, the holder before a
 * snooze while {@code snoozed}), the last customer message it saw (a redelivery is not answered twice) and the
 * episode's context ({@code null}: not known yet, read from the context store at the next decision). One fold of the
 * conversation's lifecycle events, the only place that says when the bot speaks.
 */
record BotConversation(boolean withBot, boolean snoozed, String lastInboundWamid, ConversationContext context) {

    /** A conversation the bot has not seen open (it opened before the bot existed): with the bot, context unknown. */
    static BotConversation unseen() {
        return new BotConversation(true, false, null, null);
    }

    /** A new conversation has no earlier episode: the bot starts afresh. */
    static BotConversation started() {
        return new BotConversation(true, false, null, ConversationContext.fresh());
    }

    /** Whether the bot answers the customer's next message. */
    boolean botAnswers() {
        return withBot && !snoozed;
    }

    boolean alreadySaw(String wamid) {
        return wamid.equals(lastInboundWamid);
    }

    BotConversation reopened() {
        return new BotConversation(true, false, lastInboundWamid, context);
    }

    BotConversation withPeople() {
        return new BotConversation(false, snoozed, lastInboundWamid, context);
    }

    BotConversation snoozedUntilLater() {
        return new BotConversation(withBot, true, lastInboundWamid, context);
    }

    BotConversation woken() {
        return new BotConversation(withBot, false, lastInboundWamid, context);
    }

    BotConversation handedBack(ConversationContext afresh) {
        return new BotConversation(true, false, lastInboundWamid, afresh);
    }

    /** The episode is over: the next one starts with the bot, from {@code afresh}. */
    BotConversation resolved(ConversationContext afresh) {
        return new BotConversation(true, false, null, afresh);
    }

    BotConversation saw(String wamid) {
        return new BotConversation(withBot, snoozed, wamid, context);
    }

    BotConversation remembering(ConversationContext next) {
        return new BotConversation(withBot, snoozed, lastInboundWamid, next);
    }

    BotConversation forgettingContext() {
        return new BotConversation(withBot, snoozed, lastInboundWamid, null);
    }
}
