package ke.co.datacare.whatsapp.query.live;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@Tag(name = "Live updates")
class LiveStreamController {

    private final LiveStream stream;

    LiveStreamController(LiveStream stream) {
        this.stream = stream;
    }

    @GetMapping(path = "/api/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize("hasAnyRole('ADMIN','AGENT','ANALYST')")
    @Operation(summary = "Server-sent events: 'message' when a conversation gets a message, 'conversation' for every "
            + "other change (status, assignment, delivery ticks); each names the conversation and the event")
    SseEmitter stream(Authentication caller) {
        boolean seesNotes = caller.getAuthorities().stream()
                .anyMatch(authority -> !authority.getAuthority().equals("ROLE_ANALYST"));
        return stream.subscribe(seesNotes);
    }
}
