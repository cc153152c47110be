package ke.co.datacare.whatsapp.api.conversation.outbound;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What an agent, the bot or a campaign asks to send, independent of Meta's wire format.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TextContent.class, name = "text"),
        @JsonSubTypes.Type(value = TemplateContent.class, name = "template"),
        @JsonSubTypes.Type(value = MediaContent.class, name = "media"),
        @JsonSubTypes.Type(value = InteractiveButtonsContent.class, name = "interactive_buttons"),
        @JsonSubTypes.Type(value = InteractiveListContent.class, name = "interactive_list"),
        @JsonSubTypes.Type(value = ReactionContent.class, name = "reaction"),
        @JsonSubTypes.Type(value = FlowContent.class, name = "interactive_flow")
})
public sealed interface OutboundContent
        permits TextContent, TemplateContent, MediaContent, InteractiveButtonsContent, InteractiveListContent,
        ReactionContent, FlowContent {
}
