package ke.co.datacare.whatsapp.app.notifications;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Email notifications in {@code /actuator/health}: how many wait, the oldest, how many were given up, the last error.
 * Always UP (email is no reason to take the service out of rotation); the details tell an operator it is stuck.
 */
class NotificationsHealth implements HealthIndicator {

    private final NotificationOutbox outbox;

    NotificationsHealth(NotificationOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public Health health() {
        NotificationOutbox.Backlog backlog = outbox.backlog();
        Health.Builder health = Health.up()
                .withDetail("waiting", backlog.waiting())
                .withDetail("gaveUp", backlog.gaveUp());
        if (backlog.oldestWaiting() != null) {
            health.withDetail("oldestWaitingSince", backlog.oldestWaiting().toString());
        }
        if (backlog.lastError() != null) {
            health.withDetail("lastError", backlog.lastError());
        }
        return health.build();
    }
}
