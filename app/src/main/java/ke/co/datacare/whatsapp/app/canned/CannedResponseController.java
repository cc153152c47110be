package ke.co.datacare.whatsapp.app.canned;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Canned responses for the reply box ("/" and the shortcut), kept by agents and admins. */
@RestController
@RequestMapping("/api/canned-responses")
@Tag(name = "Canned responses")
@PreAuthorize("hasAnyRole('ADMIN','AGENT')")
class CannedResponseController {

    record CannedResponseRequest(
            @NotBlank @Size(max = 40) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "letters, digits, - and _ only")
            String shortcut,
            @NotBlank @Size(max = 4096) String text) {
    }

    private final CannedResponses responses;
    private final Clock clock;

    CannedResponseController(CannedResponses responses, Clock clock) {
        this.responses = responses;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "Every canned response, by shortcut")
    List<CannedResponses.CannedResponse> all() {
        return responses.all();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a canned response (body {\"shortcut\", \"text\"}); 409 when the shortcut is taken")
    CannedResponses.CannedResponse create(@Valid @RequestBody CannedResponseRequest request, Authentication caller) {
        Instant now = clock.instant();
        CannedResponses.CannedResponse created = new CannedResponses.CannedResponse(UUID.randomUUID().toString(),
                shortcut(request), request.text(), caller.getName(), now, now);
        try {
            responses.insert(created);
        } catch (CannedResponses.ShortcutTaken e) {
            throw taken(request);
        }
        return created;
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change a canned response's shortcut and text")
    CannedResponses.CannedResponse update(@PathVariable String id, @Valid @RequestBody CannedResponseRequest request) {
        try {
            if (!responses.update(id, shortcut(request), request.text(), clock.instant())) {
                throw notFound(id);
            }
        } catch (CannedResponses.ShortcutTaken e) {
            throw taken(request);
        }
        return responses.byId(id).orElseThrow(() -> notFound(id));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a canned response")
    void delete(@PathVariable String id) {
        if (!responses.delete(id)) {
            throw notFound(id);
        }
    }

    private static String shortcut(CannedResponseRequest request) {
        return request.shortcut().toLowerCase(Locale.ROOT);
    }

    private static DomainException taken(CannedResponseRequest request) {
        return new DomainException(ErrorCode.CONFLICT, "The shortcut /" + shortcut(request) + " is taken");
    }

    private static DomainException notFound(String id) {
        return new DomainException(ErrorCode.NOT_FOUND, "No canned response " + id);
    }
}
