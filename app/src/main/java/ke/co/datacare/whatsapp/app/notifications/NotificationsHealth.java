package ke.co.datacare.whatsapp.app.notifications;

import ke.co.datacare.whatsapp.app.operations.BoundedCheck;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.time.Duration;

/**
 * Email notifications in {@code /actuator/health}: how many wait, the oldest, how many were given up, the last error.
 * Always UP (email is no reason to take the service out of rotation); the details tell an operator it is stuck, or
 * that the database gave no answer in time.
 */
class NotificationsHealth implements HealthIndicator {

    private final BoundedCheck<NotificationOutbox.Backlog> backlogs;

    NotificationsHealth(NotificationOutbox outbox, Duration timeout) {
        this.backlogs = new BoundedCheck<>("notifications", timeout, outbox::backlog);
    }

    @Override
    public Health health() {
        BoundedCheck.Answer<NotificationOutbox.Backlog> answer = backlogs.answer();
        if (!answer.answered()) {
            return Health.up().withDetail("backlog", answer.problem()).build();
        }
        NotificationOutbox.Backlog backlog = answer.value();
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
