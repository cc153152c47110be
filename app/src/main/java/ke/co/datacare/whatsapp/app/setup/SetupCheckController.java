package ke.co.datacare.whatsapp.app.setup;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/admin/setup-check")
@Tag(name = "Setup", description = "Whether the connection to Meta is complete")
class SetupCheckController {

    private final SetupCheck check;

    SetupCheckController(SetupCheck check) {
        this.check = check;
    }

    @GetMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "What is missing or wrong between this service and Meta: settings, token and permissions, the "
            + "business number, the webhook subscription, a self-test of the webhook endpoint, the synced templates")
    SetupCheck.Report check() {
        return check.run();
    }
}
