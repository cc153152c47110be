package ke.co.datacare.whatsapp.command.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ke.co.datacare.whatsapp.api.contact.IdentityType;
import ke.co.datacare.whatsapp.api.conversation.outbound.FlowContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.InteractiveButtonsContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.InteractiveListContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.ListRow;
import ke.co.datacare.whatsapp.api.conversation.outbound.ListSection;
import ke.co.datacare.whatsapp.api.conversation.outbound.MediaContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.OutboundContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.ReactionContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.ReplyButton;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateComponent;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateParameter;
import ke.co.datacare.whatsapp.api.conversation.outbound.TextContent;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Meta's request bodies for {@code POST /<phone_number_id>/messages}.
 */
final class MessageBodies {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private MessageBodies() {
    }

    /**
     * A message to a phone number ({@code to}) or, for a customer known only by a business-scoped user id (or parent
     * id), to that id ({@code recipient}), as Meta asks since usernames (2026).
     */
    static ObjectNode message(String to, OutboundContent content, String replyToWamid, String bizOpaqueCallbackData) {
        ObjectNode body = NODES.objectNode()
                .put("messaging_product", "whatsapp")
                .put("recipient_type", "individual")
                .put(IdentityType.of(to) == IdentityType.WA_ID ? "to" : "recipient", to);
        String type = type(content);
        body.put("type", type);
        body.set(type, payload(content, bizOpaqueCallbackData));
        if (replyToWamid != null) {
            body.putObject("context").put("message_id", replyToWamid);
        }
        if (bizOpaqueCallbackData != null) {
            body.put("biz_opaque_callback_data", bizOpaqueCallbackData);
        }
        return body;
    }

    static ObjectNode markAsRead(String wamid, boolean typingIndicator) {
        ObjectNode body = NODES.objectNode()
                .put("messaging_product", "whatsapp")
                .put("status", "read")
                .put("message_id", wamid);
        if (typingIndicator) {
            body.putObject("typing_indicator").put("type", "text");
        }
        return body;
    }

    private static String type(OutboundContent content) {
        if (content instanceof MediaContent media) {
            return media.kind().name().toLowerCase(Locale.ROOT);
        }
        if (content instanceof InteractiveButtonsContent || content instanceof InteractiveListContent
                || content instanceof FlowContent) {
            return "interactive";
        }
        if (content instanceof TemplateContent) {
            return "template";
        }
        if (content instanceof ReactionContent) {
            return "reaction";
        }
        return "text";
    }

    /** @param messageId our message id: a Flow's token when the sender chose none */
    private static ObjectNode payload(OutboundContent content, String messageId) {
        if (content instanceof TextContent text) {
            return NODES.objectNode().put("preview_url", text.previewUrl()).put("body", text.body());
        }
        if (content instanceof MediaContent media) {
            return media(media);
        }
        if (content instanceof TemplateContent template) {
            return template(template, messageId);
        }
        if (content instanceof FlowContent flow) {
            return flow(flow, messageId);
        }
        if (content instanceof InteractiveButtonsContent buttons) {
            return buttons(buttons);
        }
        if (content instanceof InteractiveListContent list) {
            return list(list);
        }
        ReactionContent reaction = (ReactionContent) content;
        return NODES.objectNode()
                .put("message_id", reaction.targetWamid())
                .put("emoji", reaction.emoji() == null ? "" : reaction.emoji());
    }

    private static ObjectNode media(MediaContent media) {
        ObjectNode node = mediaReference(media.mediaId(), media.link());
        putIfPresent(node, "caption", media.caption());
        putIfPresent(node, "filename", media.filename());
        return node;
    }

    private static ObjectNode template(TemplateContent template, String messageId) {
        ObjectNode node = NODES.objectNode().put("name", template.name());
        node.putObject("language").put("code", template.language());
        if (!template.components().isEmpty()) {
            ArrayNode components = node.putArray("components");
            template.components().forEach(component -> components.add(component(component, messageId)));
        }
        return node;
    }

    private static ObjectNode component(TemplateComponent component, String messageId) {
        ObjectNode node = NODES.objectNode().put("type", component.type());
        putIfPresent(node, "sub_type", component.subType());
        if (component.index() != null) {
            node.put("index", String.valueOf(component.index()));
        }
        ArrayNode parameters = node.putArray("parameters");
        component.parameters().forEach(parameter -> parameters.add(parameter(parameter, messageId)));
        return node;
    }

    private static ObjectNode parameter(TemplateParameter parameter, String messageId) {
        String type = parameter.type();
        ObjectNode node = NODES.objectNode().put("type", type);
        switch (type) {
            case "image", "document", "video" -> node.set(type, mediaReference(parameter.mediaId(), parameter.mediaLink()));
            case "payload" -> node.put("payload", parameter.payload());
            case "date_time" -> node.putObject("date_time").put("fallback_value", parameter.text());
            case "currency" -> node.set("currency", currency(parameter.text()));
            case "action" -> {
                ObjectNode action = node.putObject("action").put("flow_token", flowToken(parameter.flowToken(), messageId));
                if (parameter.flowData() != null) {
                    action.set("flow_action_data", JSON.valueToTree(parameter.flowData()));
                }
            }
            default -> node.put("text", parameter.text());
        }
        return node;
    }

    private static ObjectNode currency(String codeAndAmount) {
        String[] parts = codeAndAmount.strip().split(" ", 2);
        long amount1000 = new BigDecimal(parts[1]).movePointRight(3).longValueExact();
        return NODES.objectNode()
                .put("fallback_value", codeAndAmount)
                .put("code", parts[0])
                .put("amount_1000", amount1000);
    }

    private static ObjectNode buttons(InteractiveButtonsContent content) {
        ObjectNode node = interactive("button", content.header(), content.body(), content.footer());
        ArrayNode buttons = node.putObject("action").putArray("buttons");
        for (ReplyButton button : content.buttons()) {
            ObjectNode reply = buttons.addObject().put("type", "reply").putObject("reply");
            reply.put("id", button.id()).put("title", button.title());
        }
        return node;
    }

    private static ObjectNode list(InteractiveListContent content) {
        ObjectNode node = interactive("list", content.header(), content.body(), content.footer());
        ObjectNode action = node.putObject("action").put("button", content.buttonText());
        ArrayNode sections = action.putArray("sections");
        for (ListSection section : content.sections()) {
            ObjectNode sectionNode = sections.addObject();
            putIfPresent(sectionNode, "title", section.title());
            ArrayNode rows = sectionNode.putArray("rows");
            for (ListRow row : section.rows()) {
                ObjectNode rowNode = rows.addObject().put("id", row.id()).put("title", row.title());
                putIfPresent(rowNode, "description", row.description());
            }
        }
        return node;
    }

    private static ObjectNode flow(FlowContent flow, String messageId) {
        ObjectNode node = interactive("flow", flow.header(), flow.body(), flow.footer());
        ObjectNode parameters = node.putObject("action").put("name", "flow").putObject("parameters")
                .put("flow_message_version", "3")
                .put("flow_token", flowToken(flow.flowToken(), messageId))
                .put("flow_id", flow.flowId())
                .put("flow_cta", flow.cta())
                .put("flow_action", flow.action());
        if (flow.draft()) {
            parameters.put("mode", "draft");
        }
        if (FlowContent.NAVIGATE.equals(flow.action())) {
            ObjectNode payload = parameters.putObject("flow_action_payload").put("screen", flow.screen());
            if (flow.data() != null) {
                payload.set("data", JSON.valueToTree(flow.data()));
            }
        }
        return node;
    }

    private static String flowToken(String chosen, String messageId) {
        return chosen != null ? chosen : messageId;
    }

    private static ObjectNode interactive(String type, String header, String body, String footer) {
        ObjectNode node = NODES.objectNode().put("type", type);
        if (header != null) {
            node.putObject("header").put("type", "text").put("text", header);
        }
        node.putObject("body").put("text", body);
        if (footer != null) {
            node.putObject("footer").put("text", footer);
        }
        return node;
    }

    private static ObjectNode mediaReference(String id, String link) {
        ObjectNode node = NODES.objectNode();
        if (id != null) {
            node.put("id", id);
        } else {
            node.put("link", link);
        }
        return node;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
