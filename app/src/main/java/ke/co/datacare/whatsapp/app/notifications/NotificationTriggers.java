package ke.co.datacare.whatsapp.app.notifications;

import ke.co.datacare.whatsapp.api.campaign.CampaignCompleted;
import ke.co.datacare.whatsapp.api.campaign.CampaignDrafted;
import ke.co.datacare.whatsapp.api.campaign.CampaignPaused;
import ke.co.datacare.whatsapp.api.conversation.ConversationEscalated;
import ke.co.datacare.whatsapp.api.conversation.ReplyDeadlineMissed;
import ke.co.datacare.whatsapp.api.conversation.ReplyDeadlineSet;
import ke.co.datacare.whatsapp.app.security.UserAccounts.UserAccount;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;

/**
 * Turns the events staff must hear about into emails in the outbox, in the transaction of the processor's batch.
 * The emails name conversations and campaigns by id and link to the console: no customer's number, name or text.
 * Runs only when an SMTP server is configured; it starts at the head of the event stream (history sends nothing).
 */
@ProcessingGroup(NotificationTriggers.GROUP)
@DisallowReplay
class NotificationTriggers {

    static final String GROUP = "notifications";

    private final NotificationRecipients recipients;
    private final NotificationOutbox outbox;
    private final JdbcTemplate jdbc;
    private final String consoleUrl;

    NotificationTriggers(NotificationRecipients recipients, NotificationOutbox outbox, JdbcTemplate jdbc,
                         NotificationProperties properties) {
        this.recipients = recipients;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.consoleUrl = properties.consoleUrl().replaceAll("/+$", "");
    }

    @EventHandler
    void on(ConversationEscalated event, @MessageIdentifier String eventId) {
        notify(eventId, NotificationKind.ESCALATION, recipients.userAndAdmins(event.agentId(), NotificationKind.ESCALATION),
                "Conversation escalated: the admins must step in",
                "Conversation " + event.conversationId() + " was escalated (" + event.reason() + ") at " + event.at()
                        + (event.agentId() == null ? ", while it waited for an agent." : ".")
                        + "\n\nOpen it: " + conversationLink(event.conversationId().value()),
                event.at());
    }

    @EventHandler
    void on(ReplyDeadlineMissed event, @MessageIdentifier String eventId) {
        notify(eventId, NotificationKind.SLA_BREACH, recipients.userAndAdmins(event.agentId(), NotificationKind.SLA_BREACH),
                "Reply overdue: a customer was not answered in time",
                "Nobody answered the customer of conversation " + event.conversationId() + " by " + event.dueAt()
                        + (event.agentId() == null ? " (it was waiting for an agent)." : ".")
                        + "\n\nOpen it: " + conversationLink(event.conversationId().value()),
                event.at());
    }

    /** A deadline set for nobody means the customer waits with no agent available. */
    @EventHandler
    void on(ReplyDeadlineSet event, @MessageIdentifier String eventId) {
        if (event.agentId() != null) {
            return;
        }
        notify(eventId, NotificationKind.CUSTOMER_WAITING, recipients.admins(NotificationKind.CUSTOMER_WAITING),
                "A customer is waiting and no agent is available",
                "Conversation " + event.conversationId() + " waits for an agent, and none is available. "
                        + "It must be answered by " + event.dueAt() + ".\n\nOpen it: "
                        + conversationLink(event.conversationId().value()),
                event.at());
    }

    @EventHandler
    void on(CampaignDrafted event) {
        jdbc.update("delete from notification_campaign where campaign_id = ?", event.campaignId().value());
        jdbc.update("insert into notification_campaign (campaign_id, name, created_by) values (?, ?, ?)",
                event.campaignId().value(), cut(event.name(), 200), event.by());
    }

    @EventHandler
    void on(CampaignCompleted event, @MessageIdentifier String eventId) {
        Campaign campaign = campaign(event.campaignId().value());
        notify(eventId, NotificationKind.CAMPAIGN_COMPLETED,
                recipients.userAndAdmins(campaign.createdBy(), NotificationKind.CAMPAIGN_COMPLETED),
                "Campaign completed: " + campaign.name(),
                "Campaign \"" + campaign.name() + "\" handed every recipient to sending at " + event.at() + ": "
                        + event.queued() + " messages queued, " + event.skippedOptedOut() + " recipients skipped as opted out."
                        + "\n\nProgress: " + consoleUrl + "/campaigns/" + event.campaignId(),
                event.at());
    }

    /** Only pauses with a reason (Meta's limit or quality, a template paused): a user's own pause needs no email. */
    @EventHandler
    void on(CampaignPaused event, @MessageIdentifier String eventId) {
        if (event.reason() == null) {
            return;
        }
        Campaign campaign = campaign(event.campaignId().value());
        notify(eventId, NotificationKind.CAMPAIGN_PAUSED,
                recipients.userAndAdmins(campaign.createdBy(), NotificationKind.CAMPAIGN_PAUSED),
                "Campaign paused: " + campaign.name(),
                "Campaign \"" + campaign.name() + "\" was paused at " + event.at() + ": " + event.reason()
                        + ". It resumes only by hand.\n\nOpen it: " + consoleUrl + "/campaigns/" + event.campaignId(),
                event.at());
    }

    private record Campaign(String name, String createdBy) {
    }

    private Campaign campaign(String campaignId) {
        return jdbc.query("select name, created_by from notification_campaign where campaign_id = ?",
                        (rs, i) -> new Campaign(rs.getString("name"), rs.getString("created_by")), campaignId)
                .stream().findFirst().orElse(new Campaign(campaignId, null));
    }

    private void notify(String eventId, NotificationKind kind, List<UserAccount> to, String subject, String body,
                        Instant at) {
        for (UserAccount user : to) {
            outbox.enqueue(eventId + ":" + user.id(), kind, user.email(), cut(subject, 200), body, at);
        }
    }

    private String conversationLink(String conversationId) {
        return consoleUrl + "/conversations/" + conversationId;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
