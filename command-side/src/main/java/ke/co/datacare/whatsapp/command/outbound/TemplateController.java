package ke.co.datacare.whatsapp.command.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.command.graph.GraphApiClient;
import ke.co.datacare.whatsapp.command.graph.GraphApiException;
import ke.co.datacare.whatsapp.command.graph.TemplateDraft;
import ke.co.datacare.whatsapp.command.graph.TemplateSubmission;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/templates")
@Tag(name = "Templates", description = "Message templates as Meta knows them")
class TemplateController {

    record SyncResult(int templates) {
    }

    record NewTemplate(@NotBlank @Pattern(regexp = "[a-z0-9_]{1,512}") String name,
                       @NotBlank @Pattern(regexp = "MARKETING|UTILITY|AUTHENTICATION") String category,
                       @NotBlank String language, @NotNull JsonNode components) {
    }

    private final TemplateCatalog catalog;
    private final GraphApiClient graph;

    TemplateController(TemplateCatalog catalog, GraphApiClient graph) {
        this.catalog = catalog;
        this.graph = graph;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('ADMIN','AGENT','ANALYST')")
    @Operation(summary = "Every template with its status, category and language")
    List<TemplateCatalog.Template> templates() {
        return catalog.all();
    }

    @PostMapping("/sync")
    @PreAuthorize("hasAnyRole('ADMIN','AGENT')")
    @Operation(summary = "Fetch the templates from Meta now")
    SyncResult sync() {
        try {
            return new SyncResult(catalog.sync());
        } catch (GraphApiException e) {
            throw new DomainException(ErrorCode.GRAPH_API_FAILED, "Meta answered the template listing with "
                    + e.error().httpStatus() + " " + e.error().title());
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Submit a new template to Meta for review; it stays PENDING until Meta decides")
    TemplateSubmission submit(@Valid @RequestBody NewTemplate template) {
        TemplateSubmission submission;
        try {
            submission = graph.submitTemplate(new TemplateDraft(template.name(), template.category(),
                    template.language(), template.components()));
        } catch (GraphApiException e) {
            throw new DomainException(ErrorCode.GRAPH_API_FAILED, "Meta refused the template: " + e.error().title());
        }
        catalog.upsert(template.name(), template.language(), String.valueOf(submission.id()), submission.status(),
                template.category(), template.components());
        return submission;
    }
}
