package ke.co.datacare.whatsapp.query.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
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
import java.util.function.UnaryOperator;

@RestController
@RequestMapping("/api/admin/events")
@PreAuthorize("hasAnyRole('ADMIN','ANALYST')")
@Tag(name = "Event export", description = "The event history for analysts, as NDJSON or CSV")
class EventExportController {

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
            + "from inclusive and to exclusive (ISO instants), type as simple or full class name. An analyst gets "
            + "pseudonyms for contacts and conversations and no personal fields; an admin gets payloads as stored "
            + "(encrypted), or in clear when giving a reason; every export is audited")
    void export(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                @RequestParam(required = false) String type, @RequestParam(required = false) String aggregateId,
                @RequestParam(required = false) String format, @RequestParam(required = false) String reason,
                @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                Authentication caller, HttpServletResponse response) throws IOException {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "from must be before to");
        }
        ExportFormat chosen = ExportFormat.choose(format, accept);
        EventFilter filter = new EventFilter(from, to, type, aggregateId);
        UnaryOperator<EventWriter> shown = guard.admit(caller, reason, filter.toString());
        response.setContentType(chosen.contentType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + chosen.filename() + "\"");
        export.stream(filter, shown.apply(chosen.writer(response.getOutputStream(), json.getFactory())));
    }
}
