package ke.co.datacare.whatsapp.command.conversation;

import ke.co.datacare.whatsapp.api.conversation.InboundMessage;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
import ke.co.datacare.whatsapp.api.conversation.ReactionAdded;
import ke.co.datacare.whatsapp.api.conversation.ReactionRemoved;

/** Meta's dedup key of an inbound message: its wamid, and for reactions (which reuse ids) also the emoji. */
final class InboundMessageKey {

    private InboundMessageKey() {
    }

    static String of(String wamid, InboundMessage message) {
        if (message instanceof InboundMessage.Reaction reaction) {
            return reactionKey(wamid, reaction.removed() ? "" : reaction.emoji());
        }
        return wamid;
    }

    static String of(InboundMessageEvent event) {
        if (event instanceof ReactionAdded added) {
            return reactionKey(added.wamid(), added.emoji());
        }
        if (event instanceof ReactionRemoved removed) {
            return reactionKey(removed.wamid(), "");
        }
        return event.wamid();
    }

    private static String reactionKey(String wamid, String emoji) {
        return wamid + "|reaction|" + emoji;
    }
}
