package ke.co.datacare.whatsapp.app.protection;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A subject's right of access: an admin gets everything held about a contact, decrypted, as JSON. */
@RestController
@Tag(name = "Data protection")
@PreAuthorize("hasRole('ADMIN')")
class SubjectAccessController {

    private final SubjectAccess access;
    private final AuditLog audit;

    SubjectAccessController(SubjectAccess access, AuditLog audit) {
        this.access = access;
        this.audit = audit;
    }

    @GetMapping("/api/contacts/{id}/personal-data")
    @Operation(summary = "Everything held about a contact (its events and its conversations' events, decrypted, and "
            + "their bot contexts), for a subject access request (reason optional, audited); an erased contact's "
            + "fields read \"erased\"")
    SubjectAccess.PersonalDataReport personalData(@PathVariable String id,
                                                  @RequestParam(required = false) String reason, Authentication caller) {
        SubjectAccess.PersonalDataReport report = access.of(ContactId.of(id));
        if (report == null) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No contact " + id);
        }
        audit.record(caller.getName(), AuditAction.SUBJECT_ACCESS, id, reason);
        return report;
    }
}
