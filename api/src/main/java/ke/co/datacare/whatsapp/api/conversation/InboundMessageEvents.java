package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;

import java.time.Instant;

/**
 * One event type per kind of customer message: the event a message of this content records, the one rule for which
 * kind of content becomes which event (the timeline renders imported history and the business app's messages through it).
 */
public final class InboundMessageEvents {

    private InboundMessageEvents() {
    }

    public static InboundMessageEvent from(RecordInboundMessage command) {
        return of(command.conversationId(), command.wamid(), command.sentAt(), command.message(), command.context(),
                command.referral());
    }

    public static InboundMessageEvent of(ConversationId id, String wamid, Instant at, InboundMessage message,
                                         MessageContext ctx, Referral ref) {
        if (message instanceof InboundMessage.Text m) {
            return new TextMessageReceived(id, wamid, at, m.body(), ctx, ref);
        }
        if (message instanceof InboundMessage.Media m) {
            return new MediaMessageReceived(id, wamid, at, m.mediaType(), m.mediaId(), m.mimeType(), m.sha256(), m.caption(), m.filename(), m.voice(), m.animated(), ctx, ref);
        }
        if (message instanceof InboundMessage.Location m) {
            return new LocationReceived(id, wamid, at, m.latitude(), m.longitude(), m.name(), m.address(), m.url(), ctx, ref);
        }
        if (message instanceof InboundMessage.ContactCards m) {
            return new ContactCardsReceived(id, wamid, at, m.cards(), ctx, ref);
        }
        if (message instanceof InboundMessage.QuickReply m) {
            return new QuickReplyButtonPressed(id, wamid, at, m.payload(), m.text(), ctx, ref);
        }
        if (message instanceof InboundMessage.InteractiveReply m) {
            return new InteractiveReplyReceived(id, wamid, at, m.replyType(), m.replyId(), m.title(), m.description(), ctx, ref);
        }
        if (message instanceof InboundMessage.FlowResponse m) {
            return new FlowResponseReceived(id, wamid, at, m.name(), m.body(), m.responseJson(), ctx, ref);
        }
        if (message instanceof InboundMessage.Reaction m) {
            return m.removed() ? new ReactionRemoved(id, wamid, at, m.targetWamid()) : new ReactionAdded(id, wamid, at, m.targetWamid(), m.emoji());
        }
        if (message instanceof InboundMessage.Order m) {
            return new OrderPlaced(id, wamid, at, m.catalogId(), m.text(), m.items(), ctx, ref);
        }
        if (message instanceof InboundMessage.SystemNotice m) {
            return new SystemNoticeReceived(id, wamid, at, m.systemType(), m.body(), m.newWaId());
        }
        if (message instanceof InboundMessage.Unsupported m) {
            return new UnsupportedMessageReceived(id, wamid, at, m.errorCode(), m.errorTitle());
        }
        if (message instanceof InboundMessage.Revoke m) {
            return new MessageRevokedByCustomer(id, wamid, at, m.originalWamid());
        }
        if (message instanceof InboundMessage.Edit m) {
            return new MessageEditedByCustomer(id, wamid, at, m.originalWamid(), m.newText(), m.rawJson());
        }
        if (message instanceof InboundMessage.Unknown m) {
            return new UnknownMessageReceived(id, wamid, at, m.type(), m.rawJson(), ctx, ref);
        }
        throw new IllegalArgumentException("Unhandled inbound message kind " + message.getClass().getSimpleName());
    }
}
