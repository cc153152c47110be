package ke.co.datacare.whatsapp.query.history;

import ke.co.datacare.whatsapp.api.conversation.ContactCardsReceived;
import ke.co.datacare.whatsapp.api.conversation.FlowResponseReceived;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
import ke.co.datacare.whatsapp.api.conversation.InteractiveReplyReceived;
import ke.co.datacare.whatsapp.api.conversation.LocationReceived;
import ke.co.datacare.whatsapp.api.conversation.MediaMessageReceived;
import ke.co.datacare.whatsapp.api.conversation.MessageContext;
import ke.co.datacare.whatsapp.api.conversation.MessageEditedByCustomer;
import ke.co.datacare.whatsapp.api.conversation.MessageRevokedByCustomer;
import ke.co.datacare.whatsapp.api.conversation.OrderPlaced;
import ke.co.datacare.whatsapp.api.conversation.QuickReplyButtonPressed;
import ke.co.datacare.whatsapp.api.conversation.ReactionAdded;
import ke.co.datacare.whatsapp.api.conversation.ReactionRemoved;
import ke.co.datacare.whatsapp.api.conversation.Referral;
import ke.co.datacare.whatsapp.api.conversation.SystemNoticeReceived;
import ke.co.datacare.whatsapp.api.conversation.TextMessageReceived;
import ke.co.datacare.whatsapp.api.conversation.UnknownMessageReceived;
import ke.co.datacare.whatsapp.api.conversation.UnsupportedMessageReceived;

import java.util.LinkedHashMap;
import java.util.Map;

/** The timeline row of each kind of customer message, with the type, text, detail and preview of the live timeline. */
final class HistoricMessages {

    private HistoricMessages() {
    }

    static HistoricMessage of(InboundMessageEvent event, long sequence) {
        if (event instanceof ReactionAdded e) {
            return row(e, sequence, e.wamid() + "|reaction|" + e.emoji()).type("reaction")
                    .reaction(e.targetWamid(), e.emoji()).preview("reacted " + e.emoji());
        }
        if (event instanceof ReactionRemoved e) {
            return row(e, sequence, e.wamid() + "|reaction|").type("reaction").reaction(e.targetWamid(), null)
                    .preview("removed a reaction");
        }
        HistoricMessage row = row(event, sequence, event.wamid());
        if (event instanceof TextMessageReceived e) {
            return quoted(row.type("text").text(e.body()), e.context(), e.referral());
        }
        if (event instanceof MediaMessageReceived e) {
            row.type(e.mediaType()).text(e.caption()).media(e.mediaId(), e.mimeType(), e.filename())
                    .detail("sha256", e.sha256()).detail("voice", e.voice() ? true : null)
                    .detail("animated", e.animated() ? true : null);
            return quoted(row, e.context(), e.referral())
                    .preview(e.caption() != null && !e.caption().isBlank() ? e.caption() : "[" + e.mediaType() + "]");
        }
        if (event instanceof LocationReceived e) {
            row.type("location").text(e.name()).detail("latitude", e.latitude()).detail("longitude", e.longitude())
                    .detail("name", e.name()).detail("address", e.address()).detail("url", e.url());
            return quoted(row, e.context(), e.referral()).preview("[location] " + orEmpty(e.name()));
        }
        if (event instanceof ContactCardsReceived e) {
            return quoted(row.type("contacts").detail("cards", e.cards()), e.context(), e.referral()).preview("[contacts]");
        }
        if (event instanceof QuickReplyButtonPressed e) {
            return quoted(row.type("button").text(e.text()).detail("payload", e.payload()), e.context(), e.referral());
        }
        if (event instanceof InteractiveReplyReceived e) {
            row.type("interactive").text(e.title()).detail("replyType", e.replyType()).detail("replyId", e.replyId())
                    .detail("description", e.description());
            return quoted(row, e.context(), e.referral());
        }
        if (event instanceof FlowResponseReceived e) {
            row.type("nfm_reply").text(e.body()).detail("name", e.name()).detail("responseJson", e.responseJson());
            return quoted(row, e.context(), e.referral()).preview("[form] " + orEmpty(e.body()));
        }
        if (event instanceof OrderPlaced e) {
            row.type("order").text(e.text()).detail("catalogId", e.catalogId()).detail("items", e.items());
            return quoted(row, e.context(), e.referral()).preview("[order] " + e.items().size() + " item(s)");
        }
        if (event instanceof SystemNoticeReceived e) {
            return row.type("system").text(e.body()).detail("systemType", e.systemType()).detail("newWaId", e.newWaId());
        }
        if (event instanceof UnsupportedMessageReceived e) {
            return row.type("unsupported").detail("errorCode", e.errorCode()).detail("errorTitle", e.errorTitle())
                    .preview("[unsupported message]");
        }
        if (event instanceof MessageRevokedByCustomer e) {
            return row.type("revoke").detail("originalWamid", e.originalWamid()).preview("[message deleted]");
        }
        if (event instanceof MessageEditedByCustomer e) {
            return row.type("edit").text(e.newText()).detail("originalWamid", e.originalWamid()).detail("raw", e.rawJson());
        }
        if (event instanceof UnknownMessageReceived e) {
            row.type(e.type() == null || e.type().isBlank() ? "unknown" : e.type()).detail("unknown", true)
                    .detail("raw", e.rawJson());
            return quoted(row, e.context(), e.referral()).preview("[" + (e.type() == null ? "unknown" : e.type()) + "]");
        }
        return row;
    }

    private static HistoricMessage row(InboundMessageEvent event, long sequence, String key) {
        return HistoricMessage.fromCustomer(key, sequence, event.wamid(), event.sentAt());
    }

    private static HistoricMessage quoted(HistoricMessage row, MessageContext context, Referral referral) {
        if (context != null) {
            row.replyTo(context.replyToWamid(), context.forwarded() || context.frequentlyForwarded())
                    .detail("frequentlyForwarded", context.frequentlyForwarded() ? true : null)
                    .detail("referredProduct", referredProduct(context));
        }
        return row.detail("referral", referral);
    }

    private static Map<String, String> referredProduct(MessageContext context) {
        if (context.referredProductRetailerId() == null) {
            return null;
        }
        Map<String, String> product = new LinkedHashMap<>();
        product.put("catalogId", String.valueOf(context.referredCatalogId()));
        product.put("productRetailerId", context.referredProductRetailerId());
        return product;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
