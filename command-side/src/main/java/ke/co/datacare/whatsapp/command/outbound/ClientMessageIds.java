package ke.co.datacare.whatsapp.command.outbound;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.conversation.outbound.FieldViolation;
import ke.co.datacare.whatsapp.command.config.SqlDialect;
import org.springframework.jdbc.core.ConnectionCallback;
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
    private volatile Boolean postgres;

    ClientMessageIds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the id for the conversation in the caller's transaction. A statement that does nothing when the id is
     * taken, not a failed insert: on PostgreSQL a failed statement would abort the send's whole transaction.
     */
    void claim(String messageId, ConversationId conversation) {
        jdbc.update("insert into client_message_id (message_id, conversation_id) select ?, ? where not exists "
                + "(select 1 from client_message_id where message_id = ?)"
                + (postgres() ? " on conflict (message_id) do nothing" : ""), messageId, conversation.value(),
                messageId);
        String owner = jdbc.queryForObject("select conversation_id from client_message_id where message_id = ?",
                String.class, messageId);
        if (!conversation.value().equals(owner)) {
            throw new DomainException(ErrorCode.CONFLICT, "clientMessageId '" + messageId
                    + "' was already used in another conversation", Map.of("errors",
                    List.of(new FieldViolation("clientMessageId", "is already used in another conversation"))));
        }
    }

    private boolean postgres() {
        if (postgres == null) {
            postgres = jdbc.execute((ConnectionCallback<Boolean>) SqlDialect::isPostgres);
        }
        return postgres;
    }
}
