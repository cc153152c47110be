package ke.co.datacare.whatsapp.query.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

@RestController
@RequestMapping("/api/admin/projections")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Projections", description = "Event processors of this instance: progress, lag and replay")
class ProjectionAdminController {

    private final ProjectionOverview overview;
    private final ProjectionReplays replays;

    ProjectionAdminController(ProjectionOverview overview, ProjectionReplays replays) {
        this.overview = overview;
        this.replays = replays;
    }

    @GetMapping
    @Operation(summary = "Every event processor with its segments, position, lag behind the event store, replay progress and throughput")
    List<ProcessorView> processors() {
        return overview.all();
    }

    @PostMapping("/{name}/replay")
    @Operation(summary = "Rebuild a processing group from the first event; its tables are cleared at once and refilled in the background")
    ResponseEntity<Void> replay(@PathVariable String name) {
        replays.replay(name);
        return ResponseEntity.accepted().location(URI.create("/api/admin/projections")).build();
    }
}
