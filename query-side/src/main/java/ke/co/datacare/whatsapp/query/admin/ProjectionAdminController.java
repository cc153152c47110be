package ke.co.datacare.whatsapp.query.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
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
    private final ReadModelRebuild rebuild;

    ProjectionAdminController(ProjectionOverview overview, ProjectionReplays replays, ReadModelRebuild rebuild) {
        this.overview = overview;
        this.replays = replays;
        this.rebuild = rebuild;
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

    @PostMapping("/rebuild")
    @Operation(summary = "Rebuild every read model in bulk from the event history into fresh tables, swapped in at the end "
            + "(the live tables keep answering meanwhile); resumes a cancelled or failed rebuild of the same read models")
    ResponseEntity<RebuildProgress> rebuildAll() {
        return ResponseEntity.accepted().location(URI.create("/api/admin/projections/rebuild"))
                .body(rebuild.start(List.of()));
    }

    @PostMapping("/{name}/rebuild")
    @Operation(summary = "Rebuild the read models of one processing group in bulk, as /rebuild does for all")
    ResponseEntity<RebuildProgress> rebuildGroup(@PathVariable String name) {
        return ResponseEntity.accepted().location(URI.create("/api/admin/projections/rebuild"))
                .body(rebuild.start(List.of(name)));
    }

    @GetMapping("/rebuild")
    @Operation(summary = "Where the bulk rebuild stands: status, percent, events per second, seconds left")
    ResponseEntity<RebuildProgress> rebuildProgress() {
        RebuildProgress progress = rebuild.progress();
        return progress == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(progress);
    }

    @DeleteMapping("/rebuild")
    @Operation(summary = "Cancel the running bulk rebuild after its chunk in hand; a new rebuild request resumes it")
    ResponseEntity<RebuildProgress> cancelRebuild() {
        return ResponseEntity.accepted().body(rebuild.cancel());
    }
}
