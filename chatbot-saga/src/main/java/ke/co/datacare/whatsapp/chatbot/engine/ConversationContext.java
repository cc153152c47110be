package ke.co.datacare.whatsapp.chatbot.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.LocalDate;

/**
 * What the bot remembers between messages of one conversation. {@code lastIntent}, {@code pendingQuestion}
 * and {@code outOfOfficeRepliedOn} are null until set; the date is in the business zone.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConversationContext(
        String lastIntent,
        int notUnderstoodCount,
        int botTurns,
        String pendingQuestion,
        LocalDate outOfOfficeRepliedOn) {

    public static ConversationContext fresh() {
        return new ConversationContext(null, 0, 0, null, null);
    }

    public ConversationContext withLastIntent(String intent) {
        return new ConversationContext(intent, notUnderstoodCount, botTurns, pendingQuestion, outOfOfficeRepliedOn);
    }

    public ConversationContext withNotUnderstoodCount(int count) {
        return new ConversationContext(lastIntent, count, botTurns, pendingQuestion, outOfOfficeRepliedOn);
    }

    public ConversationContext withBotTurns(int turns) {
        return new ConversationContext(lastIntent, notUnderstoodCount, turns, pendingQuestion, outOfOfficeRepliedOn);
    }

    public ConversationContext withPendingQuestion(String question) {
        return new ConversationContext(lastIntent, notUnderstoodCount, botTurns, question, outOfOfficeRepliedOn);
    }

    public ConversationContext withOutOfOfficeRepliedOn(LocalDate date) {
        return new ConversationContext(lastIntent, notUnderstoodCount, botTurns, pendingQuestion, date);
    }

    ConversationContext afterBotReply() {
        return withBotTurns(botTurns + 1);
    }
}
