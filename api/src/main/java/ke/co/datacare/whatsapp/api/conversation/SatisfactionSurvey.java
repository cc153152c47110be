package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateComponent;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateContent;

import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * The satisfaction survey sent when an agent resolves a conversation: an approved utility template whose quick-reply
 * buttons carry the ratings ({@code csat:1} .. {@code csat:5}), sent as an ordinary message of ours.
 *
 * @param messageId our id of the survey message
 * @param content   the template, with one quick-reply payload per button
 */
public record SatisfactionSurvey(String messageId, TemplateContent content) {

    /** Who sends surveys, as a message's {@code sentBy}. */
    public static final String SENDER = "survey";
    private static final String PAYLOAD_PREFIX = "csat:";

    /**
     * A survey of the template {@code name}: its quick-reply button {@code i} rates {@code ratings.get(i)}.
     */
    public static SatisfactionSurvey of(String messageId, String name, String language, List<Integer> ratings) {
        List<TemplateComponent> buttons = IntStream.range(0, ratings.size())
                .mapToObj(i -> TemplateComponent.quickReplyButton(i, PAYLOAD_PREFIX + ratings.get(i)))
                .toList();
        return new SatisfactionSurvey(messageId, new TemplateContent(name, language, buttons));
    }

    /** The rating (1 to 5) a customer's message gives, if it is a tap on a survey's button. */
    public static OptionalInt ratingOf(InboundMessage message) {
        if (message instanceof InboundMessage.QuickReply reply) {
            return ratingOf(reply.payload());
        }
        return OptionalInt.empty();
    }

    /** The rating a tapped button's payload gives, if it is a survey's. */
    public static OptionalInt ratingOf(String payload) {
        if (payload == null || !payload.startsWith(PAYLOAD_PREFIX) || payload.length() != PAYLOAD_PREFIX.length() + 1) {
            return OptionalInt.empty();
        }
        int rating = payload.charAt(PAYLOAD_PREFIX.length()) - '0';
        return rating >= 1 && rating <= 5 ? OptionalInt.of(rating) : OptionalInt.empty();
    }
}
