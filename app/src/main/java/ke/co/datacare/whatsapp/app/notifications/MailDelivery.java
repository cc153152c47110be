package ke.co.datacare.whatsapp.app.notifications;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Sends what waits in the outbox over SMTP, a batch at a time, off every event handler's thread (run by a recurring
 * db-scheduler task, one instance at a time). A failure is retried with doubling waits; an email that failed
 * {@code maxAttempts} times is given up and counted in health. A crash between sending and recording it sends that
 * email again on the next run: at least once, like every other effect of this service.
 */
class MailDelivery {

    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);
    private static final int BATCH = 50;
    private static final Duration LONGEST_WAIT = Duration.ofHours(1);

    private final NotificationOutbox outbox;
    private final JavaMailSender mail;
    private final NotificationProperties properties;
    private final Clock clock;

    MailDelivery(NotificationOutbox outbox, JavaMailSender mail, NotificationProperties properties, Clock clock) {
        this.outbox = outbox;
        this.mail = mail;
        this.properties = properties;
        this.clock = clock;
    }

    /** Sends every email due now; answers how many went out. */
    int deliverDue() {
        int sent = 0;
        for (NotificationOutbox.Email email : outbox.claimDue(clock.instant(), BATCH)) {
            try {
                mail.send(message(email));
                outbox.sent(email.id(), clock.instant());
                sent++;
            } catch (MailException | MessagingException e) {
                failed(email, e);
            }
        }
        return sent;
    }

    private MimeMessage message(NotificationOutbox.Email email) throws MessagingException {
        MimeMessage message = mail.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
        helper.setFrom(properties.from());
        helper.setTo(email.recipient());
        helper.setSubject(email.subject());
        helper.setText(email.body(), false);
        return message;
    }

    private void failed(NotificationOutbox.Email email, Exception e) {
        int attempts = email.attempts() + 1;
        Instant now = clock.instant();
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (attempts >= properties.maxAttempts()) {
            log.error("Gave up email notification {} after {} attempts: {}", email.id(), attempts, error);
            outbox.gaveUp(email.id(), error, now);
            return;
        }
        Duration wait = properties.firstRetry().multipliedBy(1L << Math.min(attempts - 1, 20));
        if (wait.compareTo(LONGEST_WAIT) > 0) {
            wait = LONGEST_WAIT;
        }
        log.warn("Email notification {} failed (attempt {}), next try in {}: {}", email.id(), attempts, wait, error);
        outbox.failed(email.id(), error, now.plus(wait));
    }
}
