package ke.co.datacare.whatsapp.app.notifications;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Each user's choice of email notifications (every role; each user sees and changes only their own). */
@RestController
@RequestMapping("/api/users/me/notifications")
@Tag(name = "Users", description = "Who may use the API, and with which role")
class NotificationPreferencesController {

    /** Which emails the user wants; every field is required on PUT. */
    record NotificationSettings(@NotNull Boolean escalations, @NotNull Boolean slaBreaches,
                                @NotNull Boolean waitingCustomers, @NotNull Boolean campaigns,
                                @NotNull Boolean dailyDigest) {

        static NotificationSettings of(NotificationPreferences.Preferences preferences) {
            return new NotificationSettings(preferences.escalations(), preferences.slaBreaches(),
                    preferences.waitingCustomers(), preferences.campaigns(), preferences.dailyDigest());
        }

        NotificationPreferences.Preferences preferences() {
            return new NotificationPreferences.Preferences(escalations, slaBreaches, waitingCustomers, campaigns,
                    dailyDigest);
        }
    }

    private final NotificationPreferences preferences;

    NotificationPreferencesController(NotificationPreferences preferences) {
        this.preferences = preferences;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('ADMIN','AGENT','ANALYST')")
    @Operation(summary = "The caller's email notifications: escalations, reply deadlines missed, customers waiting with "
            + "no agent, campaigns completed or paused, the daily digest (admins)")
    NotificationSettings mine(Authentication caller) {
        return NotificationSettings.of(preferences.of(caller.getName()));
    }

    @PutMapping
    @PreAuthorize("hasAnyRole('ADMIN','AGENT','ANALYST')")
    @Operation(summary = "Choose the caller's email notifications")
    NotificationSettings change(@Valid @RequestBody NotificationSettings settings, Authentication caller) {
        preferences.save(caller.getName(), settings.preferences());
        return NotificationSettings.of(preferences.of(caller.getName()));
    }
}
