package ke.co.datacare.whatsapp.api.conversation;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a customer sent, one record per kind Meta delivers. Every kind the webhook parser does not
 * know becomes {@link Unknown} with its raw JSON, so nothing is rejected.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = InboundMessage.Text.class, name = "text"),
        @JsonSubTypes.Type(value = InboundMessage.Media.class, name = "media"),
        @JsonSubTypes.Type(value = InboundMessage.Location.class, name = "location"),
        @JsonSubTypes.Type(value = InboundMessage.ContactCards.class, name = "contacts"),
        @JsonSubTypes.Type(value = InboundMessage.QuickReply.class, name = "button"),
        @JsonSubTypes.Type(value = InboundMessage.InteractiveReply.class, name = "interactive"),
        @JsonSubTypes.Type(value = InboundMessage.FlowResponse.class, name = "nfm_reply"),
        @JsonSubTypes.Type(value = InboundMessage.Reaction.class, name = "reaction"),
        @JsonSubTypes.Type(value = InboundMessage.Order.class, name = "order"),
        @JsonSubTypes.Type(value = InboundMessage.SystemNotice.class, name = "system"),
        @JsonSubTypes.Type(value = InboundMessage.Unsupported.class, name = "unsupported"),
        @JsonSubTypes.Type(value = InboundMessage.Revoke.class, name = "revoke"),
        @JsonSubTypes.Type(value = InboundMessage.Edit.class, name = "edit"),
        @JsonSubTypes.Type(value = InboundMessage.Unknown.class, name = "unknown")
})
public sealed interface InboundMessage {

    record Text(String body) implements InboundMessage {
    }

    record Media(String mediaType, String mediaId, String mimeType, String sha256, String caption, String filename,
                 boolean voice, boolean animated) implements InboundMessage {
    }

    record Location(double latitude, double longitude, String name, String address, String url)
            implements InboundMessage {
    }

    record ContactCard(String formattedName, List<String> phones) {
    }

    record ContactCards(List<ContactCard> cards) implements InboundMessage {
    }

    record QuickReply(String payload, String text) implements InboundMessage {
    }

    record InteractiveReply(String replyType, String replyId, String title, String description)
            implements InboundMessage {
    }

    record FlowResponse(String name, String body, String responseJson) implements InboundMessage {
    }

    record Reaction(String targetWamid, String emoji) implements InboundMessage {
        public boolean removed() {
            return emoji == null || emoji.isEmpty();
        }
    }

    record OrderItem(String productRetailerId, int quantity, BigDecimal itemPrice, String currency) {
    }

    record Order(String catalogId, String text, List<OrderItem> items) implements InboundMessage {
    }

    record SystemNotice(String systemType, String body, String newWaId) implements InboundMessage {
    }

    record Unsupported(Integer errorCode, String errorTitle) implements InboundMessage {
    }

    record Revoke(String originalWamid) implements InboundMessage {
    }

    record Edit(String originalWamid, String newText, String rawJson) implements InboundMessage {
    }

    record Unknown(String type, String rawJson) implements InboundMessage {
    }
}
