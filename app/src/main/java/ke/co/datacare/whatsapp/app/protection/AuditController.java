package ke.co.datacare.whatsapp.app.protection;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.conversation.outbound.FieldViolation;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** The audit log of personal data for admins: every export, erasure and subject access request, newest first. */
@RestController
@Tag(name = "Data protection")
@PreAuthorize("hasRole('ADMIN')")
class AuditController {

    static final int MOST = 500;

    /** A page of entries; {@code next} is the {@code before} of the following page, null on the last. */
    record AuditPage(List<AuditLog.AuditEntry> items, Long next) {
    }

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/admin/audit")
    @Operation(summary = "Who exported, erased or asked for personal data, when and why; newest first, limit 1-500 "
            + "(default 50), before = the next of the previous page")
    AuditPage audit(@RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) Long before) {
        if (limit < 1 || limit > MOST) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "Some fields are not valid", Map.of("errors",
                    List.of(new FieldViolation("limit", "must be 1 to " + MOST))));
        }
        List<AuditLog.AuditEntry> items = audit.newest(limit, before);
        return new AuditPage(items, items.size() < limit ? null : items.get(items.size() - 1).id());
    }
}
