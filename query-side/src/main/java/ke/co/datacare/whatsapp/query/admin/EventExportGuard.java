package ke.co.datacare.whatsapp.query.admin;

import org.springframework.security.core.Authentication;

import java.util.function.UnaryOperator;

/**
 * What an export shows its caller: admits the export (or refuses it by throwing a {@code DomainException}), records
 * it, and answers how to wrap the writer of the chosen format (pseudonyms for analysts, clear payloads for an admin
 * who gave a reason). Called before anything is written, so a refusal is an ordinary problem answer.
 */
public interface EventExportGuard {

    UnaryOperator<EventWriter> admit(Authentication caller, String reason, String covering);
}
