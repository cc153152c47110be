package ke.co.datacare.whatsapp.app.protection;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.contact.ContactErased;
import ke.co.datacare.whatsapp.api.contact.IdentityType;
import ke.co.datacare.whatsapp.chatbot.context.ConversationContextStore;
import ke.co.datacare.whatsapp.command.campaign.CampaignAudienceErasure;
import ke.co.datacare.whatsapp.command.contact.ContactDirectory;
import ke.co.datacare.whatsapp.command.outbound.OutboundMessageErasure;
import ke.co.datacare.whatsapp.command.webhook.WebhookBodyRedaction;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What erasure does outside the read models, in the transaction that records {@link ContactErased} (a subscribing
 * processor): deletes the contact's data key (every personal field of its events becomes unreadable), forgets its
 * identities, redacts its raw webhook bodies, anonymises its campaign audience rows and the record of what we sent
 * it, deletes its conversations' bot contexts and aggregate snapshots.
 * Keys made after the erasure (a fresh identity) are left alone, so handling the event again changes nothing.
 */
@Component
@ProcessingGroup(ContactErasure.PROCESSING_GROUP)
class ContactErasure {

    static final String PROCESSING_GROUP = "data-protection";
    private static final String WA_ID = IdentityType.WA_ID.key("");
    private static final Logger log = LoggerFactory.getLogger(ContactErasure.class);

    private final DataKeys keys;
    private final ContactDirectory directory;
    private final WebhookBodyRedaction webhookBodies;
    private final CampaignAudienceErasure audiences;
    private final OutboundMessageErasure outboundMessages;
    private final ConversationContextStore botContexts;
    private final JdbcTemplate jdbc;

    ContactErasure(DataKeys keys, ContactDirectory directory, WebhookBodyRedaction webhookBodies,
                   CampaignAudienceErasure audiences, OutboundMessageErasure outboundMessages,
                   ConversationContextStore botContexts, JdbcTemplate jdbc) {
        this.keys = keys;
        this.directory = directory;
        this.webhookBodies = webhookBodies;
        this.audiences = audiences;
        this.outboundMessages = outboundMessages;
        this.botContexts = botContexts;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ContactErased event) {
        List<String> subjects = new ArrayList<>();
        subjects.add(event.contactId().value());
        event.conversationIds().stream().map(ConversationId::value).forEach(subjects::add);
        int shredded = keys.shred(subjects, event.at());
        List<String> identities = directory.forgetIdentities(event.contactId());
        int redacted = webhookBodies.redact(identities);
        int audienceRows = audiences.anonymise(event.contactId(), identities.stream()
                .filter(identity -> identity.startsWith(WA_ID)).map(identity -> identity.substring(WA_ID.length()))
                .toList());
        int sentRows = outboundMessages.anonymise(event.contactId());
        event.conversationIds().forEach(conversation -> botContexts.clear(conversation.value()));
        jdbc.update("delete from snapshot_event_entry where aggregate_identifier in ("
                + String.join(", ", Collections.nCopies(subjects.size(), "?")) + ")", subjects.toArray());
        log.info("Contact {} erased: {} data key(s) deleted, {} webhook bodies redacted, {} audience and {} sent "
                        + "message row(s) anonymised, {} conversation(s)", event.contactId().value(), shredded, redacted,
                audienceRows, sentRows, event.conversationIds().size());
    }
}
