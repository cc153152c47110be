package ke.co.datacare.whatsapp.command.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.campaign.AudienceSpec;
import ke.co.datacare.whatsapp.api.campaign.CampaignAudienceResolved;
import ke.co.datacare.whatsapp.api.campaign.CampaignAudienceUploaded;
import ke.co.datacare.whatsapp.api.campaign.CampaignCancelled;
import ke.co.datacare.whatsapp.api.campaign.CampaignCompleted;
import ke.co.datacare.whatsapp.api.campaign.CampaignContent;
import ke.co.datacare.whatsapp.api.campaign.CampaignDraftUpdated;
import ke.co.datacare.whatsapp.api.campaign.CampaignDrafted;
import ke.co.datacare.whatsapp.api.campaign.CampaignId;
import ke.co.datacare.whatsapp.api.campaign.CampaignNumberChosen;
import ke.co.datacare.whatsapp.api.campaign.CampaignPaused;
import ke.co.datacare.whatsapp.api.campaign.CampaignResumed;
import ke.co.datacare.whatsapp.api.campaign.CampaignScheduled;
import ke.co.datacare.whatsapp.api.campaign.CampaignStarted;
import ke.co.datacare.whatsapp.api.campaign.CampaignStatus;
import ke.co.datacare.whatsapp.api.campaign.SendWindow;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateContent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The command-side tables of campaign dispatch, written synchronously (a subscribing processor whose failures
 * propagate) in the transaction of the events: a campaign's definition, status and audience entries for the
 * dispatcher, and the last business-initiated message per contact for Meta's messaging limit, whoever sent it.
 */
@Component
@ProcessingGroup(CampaignLookups.GROUP)
class CampaignLookups {

    static final String GROUP = "campaign-lookups";
    /** What a typed entry that was not a phone number is kept as (the resolver excludes it as an invalid number). */
    static final String NOT_A_NUMBER = "not a phone number";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    CampaignLookups(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(CampaignDrafted event) {
        jdbc.update("insert into campaign_dispatch (campaign_id, status, content_json, updated_at) values (?, ?, ?, ?)",
                event.campaignId().value(), CampaignStatus.DRAFT.name(), write(event.content()), ts(event.at()));
        define(event.campaignId(), event.content(), event.audience(), event.sendWindow(), event.at());
    }

    @EventHandler
    void on(CampaignDraftUpdated event) {
        define(event.campaignId(), event.content(), event.audience(), event.sendWindow(), event.at());
    }

    @EventHandler
    void on(CampaignNumberChosen event) {
        jdbc.update("update campaign_dispatch set phone_number_id = ? where campaign_id = ?", event.phoneNumberId(),
                event.campaignId().value());
    }

    @EventHandler
    void on(CampaignAudienceUploaded event) {
        String campaign = event.campaignId().value();
        int first = 0;
        if (event.append()) {
            Integer last = jdbc.queryForObject("select max(seq) from campaign_audience_entry where campaign_id = ? "
                    + "and source = 'upload'", Integer.class, campaign);
            first = last == null ? 0 : last + 1;
        } else {
            jdbc.update("delete from campaign_audience_entry where campaign_id = ? and source = 'upload'", campaign);
        }
        List<Object[]> rows = new ArrayList<>(event.contactIds().size());
        for (int i = 0; i < event.contactIds().size(); i++) {
            rows.add(new Object[]{campaign, "upload", first + i, "contact", event.contactIds().get(i).value()});
        }
        insertEntries(rows);
    }

    @EventHandler
    void on(CampaignScheduled event) {
        status(event.campaignId(), CampaignStatus.SCHEDULED, event.at());
    }

    @EventHandler
    void on(CampaignStarted event) {
        status(event.campaignId(), CampaignStatus.RUNNING, event.at());
    }

    @EventHandler
    void on(CampaignAudienceResolved event) {
        jdbc.update("update campaign_dispatch set audience_resolved = true where campaign_id = ?",
                event.campaignId().value());
    }

    @EventHandler
    void on(CampaignPaused event) {
        status(event.campaignId(), CampaignStatus.PAUSED, event.at());
    }

    @EventHandler
    void on(CampaignResumed event) {
        status(event.campaignId(), CampaignStatus.RUNNING, event.at());
    }

    @EventHandler
    void on(CampaignCancelled event) {
        status(event.campaignId(), CampaignStatus.CANCELLED, event.at());
    }

    @EventHandler
    void on(CampaignCompleted event) {
        status(event.campaignId(), CampaignStatus.COMPLETED, event.at());
    }

    @EventHandler
    void on(OutboundMessageQueued event) {
        if (!(event.content() instanceof TemplateContent) || event.contactId() == null) {
            return;
        }
        Timestamp at = ts(event.queuedAt());
        String contact = event.contactId().value();
        if (jdbc.update("update messaging_limit_recipient set last_sent_at = ? where contact_id = ? and last_sent_at < ?",
                at, contact, at) == 0) {
            jdbc.update("insert into messaging_limit_recipient (contact_id, last_sent_at) select ?, ? where not exists "
                    + "(select 1 from messaging_limit_recipient where contact_id = ?)", contact, at, contact);
        }
    }

    private void define(CampaignId id, CampaignContent content, AudienceSpec audience, SendWindow window, Instant at) {
        String campaign = id.value();
        jdbc.update("update campaign_dispatch set content_json = ?, window_from = ?, window_to = ?, window_zone = ?, "
                        + "updated_at = ? where campaign_id = ?", write(content),
                window == null ? null : window.from().toString(), window == null ? null : window.to().toString(),
                window == null ? null : SendWindowPolicy.zoneOf(window).getId(), ts(at), campaign);
        jdbc.update("delete from campaign_audience_entry where campaign_id = ? and source = 'spec'", campaign);
        AudienceSpec spec = audience == null ? AudienceSpec.none() : audience;
        List<Object[]> rows = new ArrayList<>();
        spec.tags().forEach(tag -> rows.add(new Object[]{campaign, "spec", rows.size(), "tag", tag}));
        spec.contactIds().forEach(contact -> rows.add(new Object[]{campaign, "spec", rows.size(), "contact", contact}));
        spec.phoneNumberContacts().forEach(contact -> rows.add(new Object[]{campaign, "spec", rows.size(), "contact",
                contact.value()}));
        for (int i = 0; i < spec.invalidPhoneNumbers(); i++) {
            rows.add(new Object[]{campaign, "spec", rows.size(), "phone", NOT_A_NUMBER});
        }
        insertEntries(rows);
    }

    private void insertEntries(List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("insert into campaign_audience_entry (campaign_id, source, seq, kind, entry) "
                    + "values (?, ?, ?, ?, ?)", rows);
        }
    }

    private void status(CampaignId id, CampaignStatus status, Instant at) {
        jdbc.update("update campaign_dispatch set status = ?, updated_at = ? where campaign_id = ?",
                status.name(), ts(at), id.value());
    }

    private String write(CampaignContent content) {
        try {
            return json.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("campaign content is not serializable", e);
        }
    }


    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
