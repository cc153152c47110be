package ke.co.datacare.whatsapp.command.conversation;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import ke.co.datacare.whatsapp.api.conversation.HandoffRequested;
import ke.co.datacare.whatsapp.api.conversation.MessageContext;
import ke.co.datacare.whatsapp.api.conversation.SatisfactionRated;
import ke.co.datacare.whatsapp.api.conversation.SatisfactionSurveySent;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.util.Map;

/**
 * The conversation's satisfaction survey: the survey still waiting for its rating (one per episode: a conversation is
 * resolved once per episode) and why the conversation last went to a person, which the survey is reported by.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class SatisfactionSurveyState {

    private String awaitingRating;
    private String handoffReason;

    String handoffReason() {
        return handoffReason;
    }

    String awaitingRating() {
        return awaitingRating;
    }

    /**
     * Whether a tap on a rating button answers the survey waiting for one: the first tap does; a tap on the button of
     * an older survey (it quotes that message) does not.
     */
    boolean isAnsweredBy(MessageContext context, Map<String, String> messageIdByWamid) {
        if (awaitingRating == null) {
            return false;
        }
        String quoted = context == null || context.replyToWamid() == null ? null
                : messageIdByWamid.get(context.replyToWamid());
        return quoted == null || quoted.equals(awaitingRating);
    }

    @EventSourcingHandler
    void on(HandoffRequested event) {
        handoffReason = event.reason();
    }

    @EventSourcingHandler
    void on(SatisfactionSurveySent event) {
        awaitingRating = event.surveyMessageId();
    }

    @EventSourcingHandler
    void on(SatisfactionRated event) {
        awaitingRating = null;
    }
}
