package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.api.campaign.CampaignId;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageDelivered;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessagePlayed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRead;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageSent;
import ke.co.datacare.whatsapp.api.conversation.Pricing;
import ke.co.datacare.whatsapp.query.readmodel.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * How Meta priced each of our messages, in the read-model group (replayed with it): who sent it (bot, agent,
 * campaign, survey), its category, pricing type and market from the first status that carried pricing, and whether
 * it was delivered (Meta charges delivered messages only). Every write is idempotent. What it cost is worked out
 * when asked, from the dated rate card ({@link RateCard}), so a new rate card applies to all of history.
 */
@Component
@ProcessingGroup(ReadModels.GROUP)
public class CostProjection {

    static final List<String> TABLES = List.of("analytics_message_sender", "analytics_message_cost");

    private static final int SHORT = 64;

    private final JdbcTemplate jdbc;

    public CostProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OutboundMessageQueued event) {
        CampaignId campaign = CampaignId.fromSender(event.sentBy());
        jdbc.update("insert into analytics_message_sender (message_id, sender_kind, campaign_id) select ?, ?, ? "
                        + "where not exists (select 1 from analytics_message_sender where message_id = ?)",
                event.messageId(), SenderKind.of(event.sentBy()), campaign == null ? null : campaign.value(),
                event.messageId());
    }

    @EventHandler
    void on(OutboundMessageSent event) {
        priced(event.wamid(), event.messageId(), event.at(), event.pricing(), false);
    }

    @EventHandler
    void on(OutboundMessageDelivered event) {
        priced(event.wamid(), event.messageId(), event.at(), event.pricing(), true);
    }

    @EventHandler
    void on(OutboundMessageRead event) {
        delivered(event.wamid());
    }

    @EventHandler
    void on(OutboundMessagePlayed event) {
        delivered(event.wamid());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from analytics_message_cost");
        jdbc.update("delete from analytics_message_sender");
    }

    private void priced(String wamid, String messageId, Instant at, Pricing pricing, boolean delivered) {
        if (pricing != null && wamid != null) {
            jdbc.update("insert into analytics_message_cost (wamid, message_id, priced_on, category, pricing_type, "
                            + "market, charged, delivered, sender_kind, campaign_id) "
                            + "select ?, ?, ?, ?, ?, ?, ?, ?, coalesce(s.sender_kind, ?), s.campaign_id "
                            + "from (select 1 as one) o left join analytics_message_sender s on s.message_id = ? "
                            + "where not exists (select 1 from analytics_message_cost where wamid = ?)",
                    wamid, messageId, AnalyticsCalendar.dayOf(at), cut(pricing.category()), cut(pricing.type()),
                    pricing.market(), pricing.charged(), delivered, SenderKind.OTHER, messageId, wamid);
        }
        if (delivered) {
            delivered(wamid);
        }
    }

    private void delivered(String wamid) {
        jdbc.update("update analytics_message_cost set delivered = true where wamid = ? and not delivered", wamid);
    }

    private static String cut(String value) {
        return value == null || value.length() <= SHORT ? value : value.substring(0, SHORT);
    }

    /** Who sent a message, by its {@code sentBy}: the bot, a person or API client, a campaign, a survey. */
    static final class SenderKind {
        static final String OTHER = "other";

        private SenderKind() {
        }

        static String of(String sentBy) {
            if (sentBy == null) {
                return OTHER;
            }
            if (sentBy.startsWith("agent:")) {
                return "agent";
            }
            if (sentBy.startsWith("campaign:")) {
                return "campaign";
            }
            return switch (sentBy) {
                case "bot", "survey" -> sentBy;
                default -> OTHER;
            };
        }
    }
}
