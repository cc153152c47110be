package ke.co.datacare.whatsapp.query.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.conversation.outbound.FieldViolation;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

@RestController
@RequestMapping("/api/admin/events")
@PreAuthorize("hasAnyRole('ADMIN','ANALYST')")
@Tag(name = "Event export", description = "The event history for analysts, as NDJSON or CSV")
class EventExportController {

    private static final Pattern PSEUDONYM = Pattern.compile("ps_[0-9a-f]{32}");

    private final EventExport export;
    private final EventExportGuard guard;
    private final ObjectMapper json;

    EventExportController(EventExport export, EventExportGuard guard, ObjectMapper json) {
        this.export = export;
        this.guard = guard;
        this.json = json;
    }

    @GetMapping
    @Operation(summary = "Stored events in global order, streamed: NDJSON by default, CSV with Accept: text/csv or format=csv; "
            + "from inclusive and to exclusive (ISO instants), type as simple or full class name, pseudonym (ps_ and 32 "
            + "hex digits, as the pseudonymous export shows) for one contact's events and its conversations' or one "
            + "conversation's, instead of aggregateId. An analyst gets "
            + "pseudonyms for contacts and conversations and no personal fields; an admin gets payloads as stored "
            + "(encrypted), or in clear when giving a reason; every export is audited")
    void export(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                @RequestParam(required = false) String type, @RequestParam(required = false) String aggregateId,
                @RequestParam(required = false) String pseudonym,
                @RequestParam(required = false) String format, @RequestParam(required = false) String reason,
                @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                Authentication caller, HttpServletResponse response) throws IOException {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "from must be before to");
        }
        boolean bySubject = pseudonym != null;
        if (bySubject && !PSEUDONYM.matcher(pseudonym).matches()) {
            throw invalid("pseudonym", "must be ps_ followed by 32 lowercase hex digits, as the export shows it");
        }
        if (bySubject && aggregateId != null && !aggregateId.isBlank()) {
            throw invalid("pseudonym", "give either a pseudonym or an aggregateId, not both");
        }
        ExportFormat chosen = ExportFormat.choose(format, accept);
        EventFilter asked = new EventFilter(from, to, type, aggregateId);
        UnaryOperator<EventWriter> shown = guard.admit(caller, reason,
                bySubject ? asked + " pseudonym=" + pseudonym : asked.toString());
        EventFilter filter = bySubject ? new EventFilter(from, to, type, null, guard.subjectsOf(pseudonym)) : asked;
        response.setContentType(chosen.contentType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + chosen.filename() + "\"");
        export.stream(filter, shown.apply(chosen.writer(response.getOutputStream(), json.getFactory())));
    }

    private static DomainException invalid(String field, String message) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, "Some fields are not valid", Map.of("errors",
                List.of(new FieldViolation(field, message))));
    }
}
