package ke.co.datacare.whatsapp.api.query;

import ke.co.datacare.whatsapp.api.inbox.InboxItem;
import ke.co.datacare.whatsapp.api.inbox.TimelineMessage;

import java.time.Instant;
import java.util.List;

/** The inbox row and the timeline of one conversation at {@code asOf}, in the shapes of the live inbox. */
public record ConversationHistory(String conversationId, Instant asOf, InboxItem conversation,
                                  List<TimelineMessage> timeline) {
}
