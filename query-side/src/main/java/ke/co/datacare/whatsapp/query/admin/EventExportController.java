package ke.co.datacare.whatsapp.query.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.Instant;

@RestController
@RequestMapping("/api/admin/events")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Event export", description = "The event history for analysts, as NDJSON or CSV")
class EventExportController {

    private final EventExport export;
    private final ObjectMapper json;

    EventExportController(EventExport export, ObjectMapper json) {
        this.export = export;
        this.json = json;
    }

    @GetMapping
    @Operation(summary = "Stored events in global order, streamed: NDJSON by default, CSV with Accept: text/csv or format=csv; "
            + "from inclusive and to exclusive (ISO instants), type as simple or full class name")
    void export(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                @RequestParam(required = false) String type, @RequestParam(required = false) String aggregateId,
                @RequestParam(required = false) String format,
                @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                HttpServletResponse response) throws IOException {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "from must be before to");
        }
        ExportFormat chosen = ExportFormat.choose(format, accept);
        response.setContentType(chosen.contentType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + chosen.filename() + "\"");
        export.stream(new EventFilter(from, to, type, aggregateId), chosen.writer(response.getOutputStream(),
                json.getFactory()));
    }
}
