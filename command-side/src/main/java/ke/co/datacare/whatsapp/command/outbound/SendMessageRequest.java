package ke.co.datacare.whatsapp.command.outbound;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.swagger.v3.oas.annotations.media.Schema;
import ke.co.datacare.whatsapp.api.conversation.outbound.ListSection;
import ke.co.datacare.whatsapp.api.conversation.outbound.ReplyButton;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateComponent;

import java.util.List;
import java.util.Map;

/**
 * What an agent or API client asks to send. The inbox front end's form {@code {conversationId, content,
 * type: "text"}} keeps working; richer types use their own block.
 */
@Schema(example = "{\"conversationId\":\"9f757f18-5ab7-31db-86bc-19559eb0f113\",\"type\":\"text\",\"content\":\"Karibu! How can we help?\"}")
record SendMessageRequest(
        @Schema(description = "The conversation to answer; or give 'to'") String conversationId,
        @Schema(description = "A phone number (digits, '+' optional) to write to first, with a template") String to,
        @Schema(description = "The business number to send from (GET /api/numbers lists them); with 'to' the default "
                + "number when absent, with conversationId the conversation's number") String phoneNumberId,
        @Schema(description = "text, template, image, video, audio, document, sticker, interactive, reaction",
                example = "text") String type,
        @Schema(description = "The text of a text message (the inbox front end's field)") String content,
        Text text,
        Template template,
        Media media,
        Interactive interactive,
        Reaction reaction,
        @Schema(description = "The wamid of the message this one replies to") @JsonAlias("contextMessageId") String replyTo,
        @Schema(description = "An id of yours for this message; sending the same id again is a no-op") String clientMessageId) {

    record Text(String body, boolean previewUrl) {
    }

    record Template(String name, @Schema(description = "A language code such as en_US, or Meta's {\"code\": \"en_US\"}")
                    @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = LanguageCode.class) String language,
                    List<TemplateComponent> components) {
    }

    record Media(String id, String link, String caption, String filename) {
    }

    record Interactive(@Schema(description = "button, list or flow") String type, String header, String body,
                       String footer, List<ReplyButton> buttons, String buttonText, List<ListSection> sections,
                       @Schema(description = "For type flow: the WhatsApp Flow to offer") Flow flow) {
    }

    record Flow(@Schema(description = "Meta's id of the Flow", example = "1197715005513101") String id,
                @Schema(description = "The button's text, at most 20 characters, no emoji", example = "Book a visit") String cta,
                @Schema(description = "Comes back with the answers; by default our message id") String token,
                @Schema(description = "navigate (default) or data_exchange") String action,
                @Schema(description = "For navigate: the first screen", example = "BOOKING") String screen,
                @Schema(description = "For navigate: input for the first screen") Map<String, Object> data,
                @Schema(description = "published (default) or draft") String mode) {
    }

    record Reaction(String messageId, String emoji) {
    }
}
