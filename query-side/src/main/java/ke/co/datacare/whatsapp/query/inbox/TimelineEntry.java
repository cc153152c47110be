package ke.co.datacare.whatsapp.query.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.ContactCardsReceived;
import ke.co.datacare.whatsapp.api.conversation.InboundMessage;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvents;
import ke.co.datacare.whatsapp.api.protection.PersonalData;
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

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A customer's message as one row of the timeline: a uniform part plus type-specific detail as JSON. The live
 * timeline and time travel both show customer messages this way.
 */
public record TimelineEntry(String key, String type, String text, String mediaId, String mimeType, String filename,
                     String detailJson, String replyToWamid, boolean forwarded, String reactionTarget,
                     String reactionEmoji, String preview) {

    public static TimelineEntry of(InboundMessageEvent event, ObjectMapper json) {
        Builder row = new Builder(event.wamid());
        if (event instanceof TextMessageReceived e) {
            row.type("text").text(e.body()).context(e.context()).referral(e.referral());
        } else if (event instanceof MediaMessageReceived e) {
            row.type(e.mediaType()).text(e.caption()).media(e.mediaId(), e.mimeType(), e.filename())
                    .detail("sha256", e.sha256()).detail("voice", e.voice() ? true : null)
                    .detail("animated", e.animated() ? true : null).context(e.context()).referral(e.referral())
                    .preview(e.caption() != null && !e.caption().isBlank() ? e.caption() : "[" + e.mediaType() + "]");
        } else if (event instanceof LocationReceived e) {
            row.type("location").text(e.name()).detail("latitude", e.latitude()).detail("longitude", e.longitude())
                    .detail("name", e.name()).detail("address", e.address()).detail("url", e.url())
                    .context(e.context()).referral(e.referral()).preview("[location] " + nullToEmpty(e.name()));
        } else if (event instanceof ContactCardsReceived e) {
            row.type("contacts").detail("cards", e.cards()).context(e.context()).referral(e.referral())
                    .preview("[contacts]");
        } else if (event instanceof QuickReplyButtonPressed e) {
            row.type("button").text(e.text()).detail("payload", e.payload()).context(e.context()).referral(e.referral());
        } else if (event instanceof InteractiveReplyReceived e) {
            row.type("interactive").text(e.title()).detail("replyType", e.replyType()).detail("replyId", e.replyId())
                    .detail("description", e.description()).context(e.context()).referral(e.referral());
        } else if (event instanceof FlowResponseReceived e) {
            FlowAnswers answers = FlowAnswers.of(e.responseJson(), json);
            row.type("nfm_reply").text(e.body()).detail("name", e.name()).detail("responseJson", e.responseJson())
                    .detail("flowToken", answers.flowToken()).detail("fields", answers.fields())
                    .context(e.context()).referral(e.referral()).preview("[form] " + nullToEmpty(e.body()));
        } else if (event instanceof ReactionAdded e) {
            row.key(e.wamid() + "|reaction|" + e.emoji()).type("reaction").reaction(e.targetWamid(), e.emoji())
                    .preview("reacted " + e.emoji());
        } else if (event instanceof ReactionRemoved e) {
            row.key(e.wamid() + "|reaction|").type("reaction").reaction(e.targetWamid(), null)
                    .preview("removed a reaction");
        } else if (event instanceof OrderPlaced e) {
            row.type("order").text(e.text()).detail("catalogId", e.catalogId()).detail("items", e.items())
                    .context(e.context()).referral(e.referral()).preview("[order] " + e.items().size() + " item(s)");
        } else if (event instanceof SystemNoticeReceived e) {
            row.type("system").text(e.body()).detail("systemType", e.systemType()).detail("newWaId", e.newWaId());
        } else if (event instanceof UnsupportedMessageReceived e) {
            row.type("unsupported").detail("errorCode", e.errorCode()).detail("errorTitle", e.errorTitle())
                    .preview("[unsupported message]");
        } else if (event instanceof MessageRevokedByCustomer e) {
            row.type("revoke").detail("originalWamid", e.originalWamid()).preview("[message deleted]");
        } else if (event instanceof MessageEditedByCustomer e) {
            row.type("edit").text(e.newText()).detail("originalWamid", e.originalWamid()).detail("raw", e.rawJson());
        } else if (event instanceof UnknownMessageReceived e) {
            row.type(e.type() == null || e.type().isBlank() ? "unknown" : e.type()).detail("unknown", true)
                    .detail("raw", e.rawJson()).context(e.context()).referral(e.referral())
                    .preview("[" + (e.type() == null ? "unknown" : e.type()) + "]");
        }
        return row.build(json);
    }

    /**
     * A message of the WhatsApp Business app (typed there by staff, or from its chat history) as a row: its content has
     * a customer message's shapes, so it is shown as one; an erased contact's content is gone and shows as erased.
     */
    public static TimelineEntry of(ConversationId conversation, String wamid, Instant sentAt, InboundMessage content,
                                   ObjectMapper json) {
        if (content == null) {
            return new Builder(wamid).type("text").text(PersonalData.ERASED).build(json);
        }
        return of(InboundMessageEvents.of(conversation, wamid, sentAt, content, null, null), json);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static final class Builder {
        private String key;
        private String type = "unknown";
        private String text;
        private String mediaId;
        private String mimeType;
        private String filename;
        private final Map<String, Object> detail = new LinkedHashMap<>();
        private String replyTo;
        private boolean forwarded;
        private String reactionTarget;
        private String reactionEmoji;
        private String preview;

        Builder(String key) {
            this.key = key;
        }

        Builder key(String value) {
            key = value;
            return this;
        }

        Builder type(String value) {
            type = value;
            return this;
        }

        Builder text(String value) {
            text = value;
            return this;
        }

        Builder media(String id, String mime, String name) {
            mediaId = id;
            mimeType = mime;
            filename = name;
            return this;
        }

        Builder detail(String name, Object value) {
            if (value != null) {
                detail.put(name, value);
            }
            return this;
        }

        Builder context(MessageContext context) {
            if (context != null) {
                replyTo = context.replyToWamid();
                forwarded = context.forwarded() || context.frequentlyForwarded();
                detail("frequentlyForwarded", context.frequentlyForwarded() ? true : null);
                detail("referredProduct", context.referredProductRetailerId() == null ? null
                        : new java.util.TreeMap<>(Map.of("catalogId", String.valueOf(context.referredCatalogId()),
                        "productRetailerId", context.referredProductRetailerId())));
            }
            return this;
        }

        Builder referral(Referral referral) {
            return detail("referral", referral);
        }

        Builder reaction(String target, String emoji) {
            reactionTarget = target;
            reactionEmoji = emoji;
            return this;
        }

        Builder preview(String value) {
            preview = value;
            return this;
        }

        TimelineEntry build(ObjectMapper json) {
            String detailJson;
            try {
                detailJson = detail.isEmpty() ? null : json.writeValueAsString(detail);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            String shown = preview != null ? preview : text != null ? text : "[" + type + "]";
            return new TimelineEntry(key, type, text, mediaId, mimeType, filename, detailJson, replyTo, forwarded,
                    reactionTarget, reactionEmoji, shown.length() > 500 ? shown.substring(0, 500) : shown);
        }
    }
}
