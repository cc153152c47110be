package ke.co.datacare.whatsapp.command.outbound;

import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.conversation.outbound.FieldViolation;
import ke.co.datacare.whatsapp.api.conversation.outbound.FlowContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.InteractiveButtonsContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.InteractiveListContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.MediaContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.MediaKind;
import ke.co.datacare.whatsapp.api.conversation.outbound.OutboundContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.ReactionContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.TextContent;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns a send request into the content the Conversation aggregate records; a missing block is a 400. */
@Component
class OutboundRequestMapper {

    OutboundContent content(SendMessageRequest request) {
        String type = request.type() == null ? "text" : request.type().trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "text" -> text(request);
            case "template" -> {
                SendMessageRequest.Template template = required(request.template(), "template");
                yield new TemplateContent(template.name(), template.language(), template.components());
            }
            case "image", "video", "audio", "document", "sticker" -> {
                SendMessageRequest.Media media = required(request.media(), "media");
                yield new MediaContent(MediaKind.valueOf(type.toUpperCase(Locale.ROOT)), media.id(), media.link(),
                        media.caption(), media.filename());
            }
            case "interactive" -> interactive(required(request.interactive(), "interactive"));
            case "reaction" -> {
                SendMessageRequest.Reaction reaction = required(request.reaction(), "reaction");
                yield new ReactionContent(reaction.messageId(), reaction.emoji());
            }
            default -> throw invalid("type", "one of text, template, image, video, audio, document, sticker, "
                    + "interactive, reaction");
        };
    }

    private static OutboundContent text(SendMessageRequest request) {
        if (request.text() != null) {
            return new TextContent(request.text().body(), request.text().previewUrl());
        }
        return new TextContent(request.content(), false);
    }

    private static OutboundContent interactive(SendMessageRequest.Interactive interactive) {
        if ("list".equalsIgnoreCase(interactive.type())) {
            return new InteractiveListContent(interactive.header(), interactive.body(), interactive.footer(),
                    interactive.buttonText(), interactive.sections());
        }
        if ("button".equalsIgnoreCase(interactive.type()) || "buttons".equalsIgnoreCase(interactive.type())) {
            return new InteractiveButtonsContent(interactive.header(), interactive.body(), interactive.footer(),
                    interactive.buttons());
        }
        if ("flow".equalsIgnoreCase(interactive.type())) {
            SendMessageRequest.Flow flow = required(interactive.flow(), "interactive.flow");
            return new FlowContent(interactive.header(), interactive.body(), interactive.footer(), flow.id(), flow.cta(),
                    flow.token(), flow.action(), flow.screen(), flow.data(), "draft".equalsIgnoreCase(flow.mode()));
        }
        throw invalid("interactive.type", "button, list or flow");
    }

    private static <T> T required(T block, String field) {
        if (block == null) {
            throw invalid(field, "required for this type");
        }
        return block;
    }

    private static DomainException invalid(String field, String reason) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, "The message is not valid",
                Map.of("errors", List.of(new FieldViolation(field, reason))));
    }
}
