package ke.co.datacare.whatsapp.app.protection;

import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.conversation.outbound.FieldViolation;
import ke.co.datacare.whatsapp.command.contact.ContactDirectory;
import ke.co.datacare.whatsapp.query.admin.EventExportGuard;
import ke.co.datacare.whatsapp.query.admin.EventWriter;
import org.springframework.security.core.Authentication;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Who sees what in the event export, every export audited: an admin with a reason gets payloads in clear; an admin
 * without one gets them as stored (personal fields encrypted); anyone else (an analyst) gets pseudonyms and no
 * personal fields, and may not ask for clear payloads.
 */
final class ExportGuard implements EventExportGuard {

    static final int LONGEST_REASON = 500;

    private final AuditLog audit;
    private final Pseudonyms pseudonyms;
    private final PersonalDataSerializer serializer;
    private final ObjectMapper json;
    private final ContactDirectory directory;

    ExportGuard(AuditLog audit, Pseudonyms pseudonyms, PersonalDataSerializer serializer, ObjectMapper json,
                ContactDirectory directory) {
        this.audit = audit;
        this.pseudonyms = pseudonyms;
        this.serializer = serializer;
        this.json = json;
        this.directory = directory;
    }

    /**
     * A pseudonym cannot be turned back into an id, so every id the contact directory knows is hashed until one
     * matches: one HMAC per contact and per conversation (about a microsecond each), for each export filtered so.
     */
    @Override
    public Set<String> subjectsOf(String pseudonym) {
        Pseudonyms.Hasher hasher = pseudonyms.hasher();
        Set<String> subjects = new LinkedHashSet<>();
        directory.eachSubject((contact, conversation) -> {
            if (pseudonym.equals(hasher.pseudonymOf(contact.value()))) {
                subjects.add(contact.value());
                if (conversation != null) {
                    subjects.add(conversation.value());
                }
            } else if (conversation != null && pseudonym.equals(hasher.pseudonymOf(conversation.value()))) {
                subjects.add(conversation.value());
            }
        });
        return subjects;
    }

    @Override
    public UnaryOperator<EventWriter> admit(Authentication caller, String reason, String covering) {
        boolean admin = caller.getAuthorities().stream().anyMatch(role -> "ROLE_ADMIN".equals(role.getAuthority()));
        String given = reason == null || reason.isBlank() ? null : reason.strip();
        if (given != null && given.length() > LONGEST_REASON) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "Some fields are not valid", Map.of("errors",
                    List.of(new FieldViolation("reason", "must be at most " + LONGEST_REASON + " characters"))));
        }
        if (given != null && !admin) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Only an admin may export personal data in clear");
        }
        if (given != null) {
            audit.record(caller.getName(), AuditAction.CLEAR_EXPORT, covering, given);
            return writer -> new ClearEvents(writer, serializer);
        }
        if (admin) {
            audit.record(caller.getName(), AuditAction.STORED_EXPORT, covering, null);
            return writer -> writer;
        }
        audit.record(caller.getName(), AuditAction.PSEUDONYMOUS_EXPORT, covering, null);
        return writer -> new PseudonymousEvents(writer, pseudonyms.hasher(), serializer, json);
    }
}
