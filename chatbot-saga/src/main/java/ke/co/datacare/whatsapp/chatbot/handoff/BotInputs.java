package ke.co.datacare.whatsapp.chatbot.handoff;

import java.util.Locale;
import java.util.Optional;
import ke.co.datacare.whatsapp.api.conversation.ContactCardsReceived;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
import ke.co.datacare.whatsapp.api.conversation.InteractiveReplyReceived;
import ke.co.datacare.whatsapp.api.conversation.LocationReceived;
import ke.co.datacare.whatsapp.api.conversation.MediaMessageReceived;
import ke.co.datacare.whatsapp.api.conversation.MessageEditedByCustomer;
import ke.co.datacare.whatsapp.api.conversation.MessageRevokedByCustomer;
import ke.co.datacare.whatsapp.api.conversation.QuickReplyButtonPressed;
import ke.co.datacare.whatsapp.api.conversation.SatisfactionSurvey;
import ke.co.datacare.whatsapp.api.conversation.ReactionAdded;
import ke.co.datacare.whatsapp.api.conversation.ReactionRemoved;
import ke.co.datacare.whatsapp.api.conversation.SystemNoticeReceived;
import ke.co.datacare.whatsapp.api.conversation.TextMessageReceived;
import ke.co.datacare.whatsapp.chatbot.engine.BotInput;
import ke.co.datacare.whatsapp.chatbot.engine.BotInput.NonText.Kind;

/**
 * A customer's message as the bot sees it. System notices, edits, deletions and ratings of a satisfaction survey are
 * not offered to the bot (they ask nothing); everything else it cannot read (orders, forms, unknown kinds) counts as not understood.
 */
final class BotInputs {

    private BotInputs() {
    }

    static Optional<BotInput> of(InboundMessageEvent event) {
        if (event instanceof SystemNoticeReceived || event instanceof MessageEditedByCustomer
                || event instanceof MessageRevokedByCustomer) {
            return Optional.empty();
        }
        if (event instanceof TextMessageReceived text) {
            return Optional.of(BotInput.text(text.body()));
        }
        if (event instanceof InteractiveReplyReceived reply) {
            return Optional.of(BotInput.interactiveReply(reply.replyId(), reply.title()));
        }
        if (event instanceof QuickReplyButtonPressed button) {
            if (SatisfactionSurvey.ratingOf(button.payload()).isPresent()) {
                return Optional.empty();
            }
            return Optional.of(BotInput.interactiveReply(button.payload(), button.text()));
        }
        return Optional.of(BotInput.nonText(kind(event)));
    }

    private static Kind kind(InboundMessageEvent event) {
        if (event instanceof MediaMessageReceived media) {
            String type = media.mediaType() == null ? "" : media.mediaType().toUpperCase(Locale.ROOT);
            return switch (type) {
                case "IMAGE" -> Kind.IMAGE;
                case "AUDIO" -> Kind.AUDIO;
                case "VIDEO" -> Kind.VIDEO;
                case "DOCUMENT" -> Kind.DOCUMENT;
                case "STICKER" -> Kind.STICKER;
                default -> Kind.OTHER;
            };
        }
        if (event instanceof LocationReceived) {
            return Kind.LOCATION;
        }
        if (event instanceof ContactCardsReceived) {
            return Kind.CONTACTS;
        }
        if (event instanceof ReactionAdded || event instanceof ReactionRemoved) {
            return Kind.REACTION;
        }
        return Kind.OTHER;
    }
}
