package ke.co.datacare.whatsapp.query.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.outbound.InteractiveButtonsContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.InteractiveListContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.MediaContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.OutboundContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.ReactionContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.TextContent;

import java.util.Locale;

/** The timeline row of a message of ours, as the live timeline shows it: the whole content is its detail. */
final class OurMessages {

    private OurMessages() {
    }

    static HistoricMessage of(OutboundMessageQueued event, long sequence, ObjectMapper json) {
        OutboundContent content = event.content();
        HistoricMessage row = HistoricMessage.ours(event.messageId(), sequence, event.queuedAt(), event.sentBy())
                .detailJson(write(content, json)).replyTo(event.replyToWamid(), false);
        if (content instanceof TextContent text) {
            return row.type("text").text(text.body()).preview(text.body());
        }
        if (content instanceof TemplateContent template) {
            return row.type("template").text(template.name()).preview("[template] " + template.name());
        }
        if (content instanceof MediaContent media) {
            String kind = media.kind().name().toLowerCase(Locale.ROOT);
            return row.type(kind).text(media.caption()).media(media.mediaId(), null, media.filename())
                    .preview(media.caption() != null ? media.caption() : "[" + kind + "]");
        }
        if (content instanceof InteractiveButtonsContent buttons) {
            return row.type("interactive").text(buttons.body()).preview(buttons.body());
        }
        if (content instanceof InteractiveListContent list) {
            return row.type("interactive").text(list.body()).preview(list.body());
        }
        ReactionContent reaction = (ReactionContent) content;
        return row.type("reaction").text(reaction.emoji()).preview("reacted " + reaction.emoji());
    }

    private static String write(OutboundContent content, ObjectMapper json) {
        try {
            return json.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
