package ke.co.datacare.whatsapp.command.outbound;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.conversation.outbound.FieldViolation;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * A caller's own message id belongs to the conversation it was first sent in ({@code client_message_id}, owned
 * here): sending it again there is the idempotent repeat, using it in another conversation is refused (409)
 * instead of being accepted and then dropped as a repeat of a message that conversation never had.
 */
@Component
class ClientMessageIds {

    private final JdbcTemplate jdbc;

    ClientMessageIds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void claim(String messageId, ConversationId conversation) {
        try {
            jdbc.update("insert into client_message_id (message_id, conversation_id) values (?, ?)", messageId,
                    conversation.value());
        } catch (DuplicateKeyException alreadyUsed) {
            List<String> owner = jdbc.queryForList("select conversation_id from client_message_id where message_id = ?",
                    String.class, messageId);
            if (!owner.isEmpty() && !owner.get(0).equals(conversation.value())) {
                throw new DomainException(ErrorCode.CONFLICT, "clientMessageId '" + messageId
                        + "' was already used in another conversation", Map.of("errors",
                        List.of(new FieldViolation("clientMessageId", "is already used in another conversation"))));
            }
        }
    }
}
