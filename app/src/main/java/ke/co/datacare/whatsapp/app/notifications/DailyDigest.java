package ke.co.datacare.whatsapp.app.notifications;

import ke.co.datacare.whatsapp.api.inbox.FindInbox;
import ke.co.datacare.whatsapp.api.inbox.InboxPage;
import ke.co.datacare.whatsapp.api.query.AnalyticsOverview;
import ke.co.datacare.whatsapp.api.query.FindAnalyticsOverview;
import ke.co.datacare.whatsapp.app.security.UserAccounts.UserAccount;
import org.axonframework.queryhandling.QueryGateway;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The admins' morning email: yesterday's figures in Nairobi time (messages in and out, failures, conversations,
 * handoffs, missed reply deadlines) and the customers waiting for an agent now. Read through the query bus, like any
 * other reader of the read models. One email per admin and day, however many instances run.
 */
class DailyDigest {

    static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");

    private final QueryGateway queries;
    private final NotificationRecipients recipients;
    private final NotificationOutbox outbox;
    private final Clock clock;

    DailyDigest(QueryGateway queries, NotificationRecipients recipients, NotificationOutbox outbox, Clock clock) {
        this.queries = queries;
        this.recipients = recipients;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Queues the digest of the Nairobi day before today for every admin who wants it. */
    void queue() {
        LocalDate yesterday = LocalDate.now(clock.withZone(NAIROBI)).minusDays(1);
        AnalyticsOverview overview = queries.query(new FindAnalyticsOverview(yesterday, yesterday,
                FindAnalyticsOverview.Granularity.DAY), AnalyticsOverview.class).join();
        InboxPage waiting = queries.query(new FindInbox("pending", 0, 1), InboxPage.class).join();
        String body = body(yesterday, overview, waiting.total());
        for (UserAccount admin : recipients.admins(NotificationKind.DAILY_DIGEST)) {
            outbox.enqueue("digest:" + yesterday + ":" + admin.id(), NotificationKind.DAILY_DIGEST, admin.email(),
                    "DataCare WhatsApp: the day of " + yesterday, body, clock.instant());
        }
    }

    static String body(LocalDate day, AnalyticsOverview overview, long waitingNow) {
        StringBuilder text = new StringBuilder("Figures of ").append(day).append(" (Nairobi time)\n\n");
        if (overview.periods().isEmpty()) {
            text.append("No messages.\n");
        }
        for (AnalyticsOverview.Period period : overview.periods()) {
            AnalyticsOverview.Conversations conversations = period.conversations();
            text.append("Messages from customers: ").append(period.inbound().total()).append('\n')
                    .append("Contacts who wrote: ").append(period.contacts().active())
                    .append(" (new: ").append(period.contacts().newContacts()).append(")\n")
                    .append("Messages sent: ").append(period.outbound().messages())
                    .append(", delivered: ").append(period.outbound().delivered())
                    .append(", read: ").append(period.outbound().read())
                    .append(", failed: ").append(period.outbound().failed()).append('\n');
            if (conversations != null) {
                text.append("Conversations started or reopened: ").append(conversations.episodes())
                        .append(", answered by the bot alone: ").append(conversations.contained()).append('\n')
                        .append("Handoffs to agents: ").append(total(conversations.handoffReasons())).append('\n');
                if (conversations.firstResponse() != null && conversations.firstResponse().medianSeconds() != null) {
                    text.append("First response, median: ").append(conversations.firstResponse().medianSeconds())
                            .append(" s\n");
                }
            }
        }
        text.append("\nCustomers waiting for an agent now: ").append(waitingNow).append('\n');
        return text.toString();
    }

    private static long total(Map<String, Long> counts) {
        return counts == null ? 0 : counts.values().stream().collect(Collectors.summingLong(Long::longValue));
    }
}
