package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.api.conversation.ContactCardsReceived;
import ke.co.datacare.whatsapp.api.conversation.FlowResponseReceived;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
import ke.co.datacare.whatsapp.api.conversation.InteractiveReplyReceived;
import ke.co.datacare.whatsapp.api.conversation.LocationReceived;
import ke.co.datacare.whatsapp.api.conversation.MediaMessageReceived;
import ke.co.datacare.whatsapp.api.conversation.MessageEditedByCustomer;
import ke.co.datacare.whatsapp.api.conversation.MessageRevokedByCustomer;
import ke.co.datacare.whatsapp.api.conversation.OrderPlaced;
import ke.co.datacare.whatsapp.api.conversation.QuickReplyButtonPressed;
import ke.co.datacare.whatsapp.api.conversation.ReactionAdded;
import ke.co.datacare.whatsapp.api.conversation.ReactionRemoved;
import ke.co.datacare.whatsapp.api.conversation.SystemNoticeReceived;
import ke.co.datacare.whatsapp.api.conversation.TextMessageReceived;
import ke.co.datacare.whatsapp.api.conversation.UnknownMessageReceived;
import ke.co.datacare.whatsapp.api.conversation.UnsupportedMessageReceived;

import java.util.Map;

/** The message type analysts count by: Meta's type names, media by their own kind (image, audio, ...). */
final class InboundKind {

    static final int MAX_LENGTH = 64;

    private static final Map<Class<?>, String> NAMES = Map.ofEntries(
            Map.entry(TextMessageReceived.class, "text"),
            Map.entry(LocationReceived.class, "location"),
            Map.entry(ContactCardsReceived.class, "contacts"),
            Map.entry(QuickReplyButtonPressed.class, "button"),
            Map.entry(InteractiveReplyReceived.class, "interactive"),
            Map.entry(FlowResponseReceived.class, "nfm_reply"),
            Map.entry(ReactionAdded.class, "reaction"),
            Map.entry(ReactionRemoved.class, "reaction"),
            Map.entry(OrderPlaced.class, "order"),
            Map.entry(SystemNoticeReceived.class, "system"),
            Map.entry(UnsupportedMessageReceived.class, "unsupported"),
            Map.entry(MessageRevokedByCustomer.class, "revoke"),
            Map.entry(MessageEditedByCustomer.class, "edit"));

    private InboundKind() {
    }

    static String of(InboundMessageEvent event) {
        String name;
        if (event instanceof MediaMessageReceived media) {
            name = media.mediaType();
        } else if (event instanceof UnknownMessageReceived unknown) {
            name = unknown.type();
        } else {
            name = NAMES.get(event.getClass());
        }
        name = name == null || name.isBlank() ? "unknown" : name;
        return name.length() > MAX_LENGTH ? name.substring(0, MAX_LENGTH) : name;
    }
}
