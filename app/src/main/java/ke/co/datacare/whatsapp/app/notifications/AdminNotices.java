package ke.co.datacare.whatsapp.app.notifications;

import ke.co.datacare.whatsapp.app.security.UserAccounts.UserAccount;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * For the service's own parts that must tell the admins of a problem they have to act on: an email to every admin
 * (when SMTP is configured; the caller logs the problem either way). {@code dedupKey} names the occurrence, so telling
 * twice sends once.
 */
@Component
public class AdminNotices {

    private final NotificationRecipients recipients;
    private final NotificationOutbox outbox;
    private final Clock clock;
    private final boolean mailConfigured;

    AdminNotices(NotificationRecipients recipients, NotificationOutbox outbox, Clock clock, Environment environment) {
        this.recipients = recipients;
        this.outbox = outbox;
        this.clock = clock;
        this.mailConfigured = environment.containsProperty("spring.mail.host");
    }

    public void tellAdmins(String dedupKey, String subject, String body) {
        if (!mailConfigured) {
            return;
        }
        for (UserAccount admin : recipients.admins(NotificationKind.OPERATIONS)) {
            outbox.enqueue(dedupKey + ":" + admin.id(), NotificationKind.OPERATIONS, admin.email(), subject, body,
                    clock.instant());
        }
    }
}
