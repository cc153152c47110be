package ke.co.datacare.whatsapp.query.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.conversation.outbound.FlowContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.InteractiveButtonsContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.InteractiveListContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.MediaContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.OutboundContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.ReactionContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.TextContent;

import java.util.Locale;

/**
 * One of our messages as a timeline row: its type, its text, and the whole content as JSON detail. The live timeline
 * and time travel both show our messages this way.
 */
public record OutboundEntry(String type, String text, String mediaId, String filename, String detailJson,
                            String preview) {

    public static OutboundEntry of(OutboundContent content, ObjectMapper json) {
        String detail;
        try {
            detail = json.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (content instanceof TextContent text) {
            return new OutboundEntry("text", text.body(), null, null, detail, text.body());
        }
        if (content instanceof TemplateContent template) {
            return new OutboundEntry("template", template.name(), null, null, detail, "[template] " + template.name());
        }
        if (content instanceof MediaContent media) {
            String kind = media.kind().name().toLowerCase(Locale.ROOT);
            return new OutboundEntry(kind, media.caption(), media.mediaId(), media.filename(), detail,
                    media.caption() != null ? media.caption() : "[" + kind + "]");
        }
        if (content instanceof InteractiveButtonsContent buttons) {
            return new OutboundEntry("interactive", buttons.body(), null, null, detail, buttons.body());
        }
        if (content instanceof InteractiveListContent list) {
            return new OutboundEntry("interactive", list.body(), null, null, detail, list.body());
        }
        if (content instanceof FlowContent flow) {
            return new OutboundEntry("flow", flow.body(), null, null, detail, "[form] " + flow.body());
        }
        ReactionContent reaction = (ReactionContent) content;
        return new OutboundEntry("reaction", reaction.emoji(), null, null, detail, "reacted " + reaction.emoji());
    }
}
