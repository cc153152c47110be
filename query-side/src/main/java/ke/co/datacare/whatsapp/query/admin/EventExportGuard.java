package ke.co.datacare.whatsapp.query.admin;

import org.springframework.security.core.Authentication;

import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What an export shows its caller: admits the export (or refuses it by throwing a {@code DomainException}), records
 * it, and answers how to wrap the writer of the chosen format (pseudonyms for analysts, clear payloads for an admin
 * who gave a reason). Called before anything is written, so a refusal is an ordinary problem answer.
 */
public interface EventExportGuard {

    UnaryOperator<EventWriter> admit(Authentication caller, String reason, String covering);

    /**
     * The aggregates whose events are a pseudonym's subject's: for a contact's pseudonym the contact and its
     * conversations, for a conversation's the conversation; empty when the pseudonym names nobody.
     */
    Set<String> subjectsOf(String pseudonym);
}
