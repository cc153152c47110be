package ke.co.datacare.whatsapp.app.query;

import ke.co.datacare.whatsapp.api.campaign.AudienceSpec;
import ke.co.datacare.whatsapp.api.campaign.CampaignAudienceResolved;
import ke.co.datacare.whatsapp.api.campaign.CampaignAudienceUploaded;
import ke.co.datacare.whatsapp.api.campaign.CampaignCancelled;
import ke.co.datacare.whatsapp.api.campaign.CampaignCompleted;
import ke.co.datacare.whatsapp.api.campaign.CampaignContent;
import ke.co.datacare.whatsapp.api.campaign.CampaignDispatchDeferred;
import ke.co.datacare.whatsapp.api.campaign.CampaignDraftUpdated;
import ke.co.datacare.whatsapp.api.campaign.CampaignDrafted;
import ke.co.datacare.whatsapp.api.campaign.CampaignId;
import ke.co.datacare.whatsapp.api.campaign.CampaignPaused;
import ke.co.datacare.whatsapp.api.campaign.CampaignResumed;
import ke.co.datacare.whatsapp.api.campaign.CampaignScheduled;
import ke.co.datacare.whatsapp.api.campaign.CampaignStarted;
import ke.co.datacare.whatsapp.api.campaign.ExcludedEntry;
import ke.co.datacare.whatsapp.api.campaign.ParameterSource;
import ke.co.datacare.whatsapp.api.campaign.SendWindow;
import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.contact.ContactAttributeRemoved;
import ke.co.datacare.whatsapp.api.contact.ContactAttributeSet;
import ke.co.datacare.whatsapp.api.contact.ContactIdentityLinked;
import ke.co.datacare.whatsapp.api.contact.ContactOptedIn;
import ke.co.datacare.whatsapp.api.contact.ContactOptedOut;
import ke.co.datacare.whatsapp.api.contact.ContactProfileNameChanged;
import ke.co.datacare.whatsapp.api.contact.ContactRegistered;
import ke.co.datacare.whatsapp.api.contact.ContactTagged;
import ke.co.datacare.whatsapp.api.contact.ContactUntagged;
import ke.co.datacare.whatsapp.api.contact.IdentityType;
import ke.co.datacare.whatsapp.api.conversation.ContactCardsReceived;
import ke.co.datacare.whatsapp.api.conversation.ConversationAssigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationEscalated;
import ke.co.datacare.whatsapp.api.conversation.ConversationHandedBackToBot;
import ke.co.datacare.whatsapp.api.conversation.ConversationMarkedRead;
import ke.co.datacare.whatsapp.api.conversation.ConversationReopened;
import ke.co.datacare.whatsapp.api.conversation.ConversationResolved;
import ke.co.datacare.whatsapp.api.conversation.ConversationSnoozed;
import ke.co.datacare.whatsapp.api.conversation.ConversationStarted;
import ke.co.datacare.whatsapp.api.conversation.ConversationUnassigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationUnsnoozed;
import ke.co.datacare.whatsapp.api.conversation.FlowResponseReceived;
import ke.co.datacare.whatsapp.api.conversation.HandoffRequested;
import ke.co.datacare.whatsapp.api.conversation.InboundMessage;
import ke.co.datacare.whatsapp.api.conversation.InteractiveReplyReceived;
import ke.co.datacare.whatsapp.api.conversation.LocationReceived;
import ke.co.datacare.whatsapp.api.conversation.MediaMessageReceived;
import ke.co.datacare.whatsapp.api.conversation.MessageContext;
import ke.co.datacare.whatsapp.api.conversation.MessageEditedByCustomer;
import ke.co.datacare.whatsapp.api.conversation.MessageRevokedByCustomer;
import ke.co.datacare.whatsapp.api.conversation.NoteAdded;
import ke.co.datacare.whatsapp.api.conversation.OrderPlaced;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageAbandoned;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageAccepted;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageDelivered;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageFailed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessagePlayed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRead;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRetried;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageSendFailed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageSent;
import ke.co.datacare.whatsapp.api.conversation.Pricing;
import ke.co.datacare.whatsapp.api.conversation.QuickReplyButtonPressed;
import ke.co.datacare.whatsapp.api.conversation.ReactionAdded;
import ke.co.datacare.whatsapp.api.conversation.ReactionRemoved;
import ke.co.datacare.whatsapp.api.conversation.ReplyDeadlineSet;
import ke.co.datacare.whatsapp.api.conversation.SystemNoticeReceived;
import ke.co.datacare.whatsapp.api.conversation.TextMessageReceived;
import ke.co.datacare.whatsapp.api.conversation.UnknownMessageReceived;
import ke.co.datacare.whatsapp.api.conversation.UnsupportedMessageReceived;
import ke.co.datacare.whatsapp.api.conversation.outbound.MediaContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.MediaKind;
import ke.co.datacare.whatsapp.api.conversation.outbound.OutboundContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateComponent;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateParameter;
import ke.co.datacare.whatsapp.api.conversation.outbound.TextContent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A fixed, hand-written history that touches every event type the read-model projections handle: contacts with
 * identities, names, tags, attributes and opt-outs; conversations with every kind of customer message, our messages
 * through every send and delivery state, notes, reactions, edits and revocations, and the whole support lifecycle
 * (handoff, assignment, SLA, escalation, snoozes, resolution, reopening, hand-back); two campaigns through their
 * lifecycle and their recipients. Identical on every call: ids and timestamps are derived, never drawn.
 */
final class GoldenEventMix {

    static final String PHONE_NUMBER_ID = "110000000000001";
    private static final Instant START = Instant.parse("2026-11-02T06:00:00Z");
    private static final Pricing SERVICE = new Pricing(true, "PMP", "service");
    private static final Pricing MARKETING = new Pricing(true, "PMP", "marketing");

    private final List<DomainEventMessage<?>> events = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private Instant clock = START;

    static List<DomainEventMessage<?>> events() {
        return new GoldenEventMix().build();
    }

    private List<DomainEventMessage<?>> build() {
        ContactId wanjiku = contact("254711000001", "Wanjiku");
        ContactId otieno = contact("254711000002", "Otieno");
        ContactId akinyi = contact("254711000003", "Akinyi");
        ContactId kamau = contact("254711000004", "Kamau");
        contactExtras(wanjiku, otieno, kamau);

        CampaignId offer = CampaignId.of("00000000000000a1");
        CampaignId survey = CampaignId.of("00000000000000b2");
        campaigns(offer, survey);

        supportLifecycle(conversation(wanjiku), wanjiku);
        everyKindOfMessage(conversation(otieno), otieno);
        campaignRecipient(conversation(akinyi), akinyi, offer, true);
        campaignRecipient(conversation(kamau), kamau, offer, false);
        snoozedTwice(conversation(akinyi), akinyi);
        return events;
    }

    private ContactId contact(String waId, String name) {
        ContactId contact = ContactId.derivedFrom("wa:" + waId);
        Instant at = tick();
        contactEvent(contact, new ContactRegistered(contact, at));
        contactEvent(contact, new ContactIdentityLinked(contact, IdentityType.WA_ID, waId, tick()));
        contactEvent(contact, new ContactProfileNameChanged(contact, name, tick()));
        return contact;
    }

    private void contactExtras(ContactId wanjiku, ContactId otieno, ContactId kamau) {
        contactEvent(wanjiku, new ContactIdentityLinked(wanjiku, IdentityType.USER_ID, "KE.1234567890", tick()));
        contactEvent(wanjiku, new ContactProfileNameChanged(wanjiku, "Wanjiku M.", tick()));
        contactEvent(wanjiku, new ContactTagged(wanjiku, "vip", "agent:agent-1", tick()));
        contactEvent(wanjiku, new ContactTagged(wanjiku, "fibre", "agent:agent-1", tick()));
        contactEvent(wanjiku, new ContactUntagged(wanjiku, "fibre", "agent:agent-1", tick()));
        contactEvent(wanjiku, new ContactAttributeSet(wanjiku, "plan", "20 Mbps", "agent:agent-1", tick()));
        contactEvent(wanjiku, new ContactAttributeSet(wanjiku, "plan", "40 Mbps", "agent:agent-1", tick()));
        contactEvent(wanjiku, new ContactAttributeSet(wanjiku, "estate", "Kilimani", "agent:agent-1", tick()));
        contactEvent(wanjiku, new ContactAttributeRemoved(wanjiku, "estate", "agent:agent-1", tick()));
        contactEvent(otieno, new ContactTagged(otieno, "fibre", "import", tick()));
        contactEvent(otieno, new ContactOptedOut(otieno, "STOP", tick()));
        contactEvent(otieno, new ContactOptedIn(otieno, "START", tick(), null));
        contactEvent(kamau, new ContactOptedOut(kamau, "STOP", tick()));
    }

    private void campaigns(CampaignId offer, CampaignId survey) {
        CampaignContent content = new CampaignContent("december_offer", "en", List.of(ParameterSource.profileName("Mteja")));
        AudienceSpec audience = new AudienceSpec(List.of("vip"), List.of(),
                List.of(ContactId.derivedFrom("wa_id:254711000003")), 0);
        SendWindow window = new SendWindow(LocalTime.of(8, 0), LocalTime.of(18, 0), "Africa/Nairobi");
        campaignEvent(offer, new CampaignDrafted(offer, "December offer", content, audience, null, "admin-1", tick()));
        campaignEvent(offer, new CampaignDraftUpdated(offer, "December offer 2026", content, audience, window, "admin-1",
                tick()));
        campaignEvent(offer, new CampaignAudienceUploaded(offer, List.of(ContactId.derivedFrom("wa_id:254711000003"),
                ContactId.derivedFrom("wa_id:254711000004")), false, "admin-1",
                tick()));
        campaignEvent(offer, new CampaignAudienceUploaded(offer, List.of(ContactId.derivedFrom("wa_id:254711000099")), true, "admin-1", tick()));
        campaignEvent(offer, new CampaignScheduled(offer, START.plusSeconds(3_600), "admin-1", tick()));
        campaignEvent(offer, new CampaignStarted(offer, "scheduler", tick()));
        campaignEvent(offer, new CampaignAudienceResolved(offer, 4, 2, new TreeMap<>(Map.of("OPTED_OUT", 1, "INVALID_NUMBER", 1)),
                List.of(new ExcludedEntry(ContactId.derivedFrom("wa_id:254711000002").value(), "OPTED_OUT"),
                        new ExcludedEntry("#4", "INVALID_NUMBER")),
                tick()));
        campaignEvent(offer, new CampaignPaused(offer, "quality", "admin-1", tick()));
        campaignEvent(offer, new CampaignResumed(offer, "admin-1", tick()));
        campaignEvent(offer, new CampaignDispatchDeferred(offer, "OUTSIDE_SEND_WINDOW", START.plusSeconds(86_400), tick()));
        campaignEvent(survey, new CampaignDrafted(survey, "Survey", content, AudienceSpec.none(), null, "admin-1", tick()));
        campaignEvent(survey, new CampaignCancelled(survey, "admin-1", tick()));
    }

    /** Handoff, assignment, SLA, escalation, our answers, snooze and wake, resolution, reopening, notes, edits. */
    private void supportLifecycle(ConversationId conversation, ContactId contact) {
        conversationEvent(conversation, new ConversationStarted(conversation, contact, PHONE_NUMBER_ID, tick()));
        String first = wamid(conversation, 1);
        conversationEvent(conversation, new TextMessageReceived(conversation, first, tick(), "Habari, my router is not working",
                null, null));
        String bot = outbound(conversation, contact, "bot", new TextContent("Pole sana! Please restart your router.", false),
                true, SERVICE);
        conversationEvent(conversation, new HandoffRequested(conversation, "CUSTOMER_ASKED_FOR_HUMAN", tick()));
        conversationEvent(conversation, new ConversationAssigned(conversation, "agent-1", "handoff", tick()));
        conversationEvent(conversation, new ReplyDeadlineSet(conversation, "agent-1", clock.plusSeconds(300), tick()));
        conversationEvent(conversation, new ConversationEscalated(conversation, "agent-1", "REPLY_DEADLINE_MISSED", tick()));
        conversationEvent(conversation, new ReactionAdded(conversation, wamid(conversation, 2), tick(), bot, "\uD83D\uDC4D"));
        conversationEvent(conversation, new ReactionRemoved(conversation, wamid(conversation, 3), tick(), bot));
        String agent = outbound(conversation, contact, "agent:agent-1",
                new MediaContent(MediaKind.DOCUMENT, "media-out-1", null, "Your invoice", "invoice.pdf"), false, SERVICE);
        conversationEvent(conversation, new OutboundMessagePlayed(conversation, agent, null, tick()));
        conversationEvent(conversation, new NoteAdded(conversation, "note-1", "agent-1", "Customer on the 20 Mbps plan",
                tick()));
        conversationEvent(conversation, new ConversationMarkedRead(conversation, first, false, "agent:agent-1", tick()));
        conversationEvent(conversation, new MessageEditedByCustomer(conversation, wamid(conversation, 4), tick(), first,
                "Habari, my router is still not working", "{}"));
        conversationEvent(conversation, new ConversationSnoozed(conversation, clock.plusSeconds(7_200), "agent:agent-1",
                tick()));
        conversationEvent(conversation, new ConversationUnsnoozed(conversation, "CUSTOMER_WROTE", tick()));
        conversationEvent(conversation, new ConversationResolved(conversation, "agent:agent-1", tick()));
        conversationEvent(conversation, new ConversationReopened(conversation, tick()));
        conversationEvent(conversation, new TextMessageReceived(conversation, wamid(conversation, 5), tick(),
                "Sorry, one more thing", null, null));
        conversationEvent(conversation, new MessageRevokedByCustomer(conversation, wamid(conversation, 6), tick(),
                wamid(conversation, 5)));
        conversationEvent(conversation, new HandoffRequested(conversation, "INTENT_NEEDS_HUMAN", tick()));
        conversationEvent(conversation, new ConversationAssigned(conversation, "agent-2", "handoff", tick()));
        conversationEvent(conversation, new ReplyDeadlineSet(conversation, "agent-2", clock.plusSeconds(300), tick()));
        outbound(conversation, contact, "agent:agent-2", new TextContent("Karibu, how can I help?", false), true, SERVICE);
        conversationEvent(conversation, new ConversationResolved(conversation, "agent:agent-2", tick()));
    }

    /** Every kind of customer message, a failed message of ours, a send that fails, is retried and abandoned. */
    private void everyKindOfMessage(ConversationId conversation, ContactId contact) {
        conversationEvent(conversation, new ConversationStarted(conversation, contact, PHONE_NUMBER_ID, tick()));
        MessageContext reply = new MessageContext(wamid(conversation, 1), true, false, null, null);
        int n = 1;
        conversationEvent(conversation, new TextMessageReceived(conversation, wamid(conversation, n++), tick(), "Bei gani?",
                null, null));
        conversationEvent(conversation, new MediaMessageReceived(conversation, wamid(conversation, n++), tick(), "image",
                "media-in-1", "image/jpeg", "3b1f2a9d", "router lights", null, false, false, reply, null));
        conversationEvent(conversation, new MediaMessageReceived(conversation, wamid(conversation, n++), tick(), "audio",
                "media-in-2", "audio/ogg; codecs=opus", "4c2e", null, null, true, false, null, null));
        conversationEvent(conversation, new MediaMessageReceived(conversation, wamid(conversation, n++), tick(), "document",
                "media-in-3", "application/pdf", "5d3f", "receipt", "receipt.pdf", false, false, null, null));
        conversationEvent(conversation, new LocationReceived(conversation, wamid(conversation, n++), tick(), -1.2921, 36.8219,
                "Home", "Kilimani, Nairobi", null, null, null));
        conversationEvent(conversation, new InteractiveReplyReceived(conversation, wamid(conversation, n++), tick(),
                "button_reply", "opt-1", "Talk to an agent", null, null, null));
        conversationEvent(conversation, new InteractiveReplyReceived(conversation, wamid(conversation, n++), tick(),
                "list_reply", "plan-40", "40 Mbps", "KES 4,100 a month", null, null));
        conversationEvent(conversation, new QuickReplyButtonPressed(conversation, wamid(conversation, n++), tick(), "STOP",
                "Stop promotions", null, null));
        conversationEvent(conversation, new ContactCardsReceived(conversation, wamid(conversation, n++), tick(),
                List.of(new InboundMessage.ContactCard("Baraka Otieno", List.of("+254722000001"))), null, null));
        conversationEvent(conversation, new OrderPlaced(conversation, wamid(conversation, n++), tick(), "catalog-1",
                "Please deliver", List.of(new InboundMessage.OrderItem("router-ax", 1, new BigDecimal("5499.00"), "KES")),
                null, null));
        conversationEvent(conversation, new FlowResponseReceived(conversation, wamid(conversation, n++), tick(), "flow",
                "Sent", "{\"rating\":\"5\"}", null, null));
        conversationEvent(conversation, new UnknownMessageReceived(conversation, wamid(conversation, n++), tick(), "poll",
                "{\"type\":\"poll\"}", null, null));
        conversationEvent(conversation, new UnsupportedMessageReceived(conversation, wamid(conversation, n++), tick(), 131051,
                "Message type unknown"));
        conversationEvent(conversation, new SystemNoticeReceived(conversation, wamid(conversation, n++), tick(),
                "customer_changed_number", "Otieno changed their number", "254711000022"));
        String failed = "wamid.out-" + conversation.value() + "-failed";
        String messageId = messageId(conversation);
        conversationEvent(conversation, new OutboundMessageQueued(conversation, contact, PHONE_NUMBER_ID, messageId,
                new TextContent("Our 40 Mbps plan is KES 4,100", false), wamid(conversation, 1), "bot", tick()));
        conversationEvent(conversation, new OutboundMessageAccepted(conversation, messageId, failed, tick()));
        conversationEvent(conversation, new OutboundMessageSent(conversation, failed, messageId, tick(), SERVICE));
        conversationEvent(conversation, new OutboundMessageFailed(conversation, failed, messageId, tick(), 131047,
                "Re-engagement message", "More than 24 hours have passed", "PERMANENT"));
        String abandoned = messageId(conversation);
        conversationEvent(conversation, new OutboundMessageQueued(conversation, contact, PHONE_NUMBER_ID, abandoned,
                new TextContent("Are you still there?", false), null, "agent:agent-3", tick()));
        conversationEvent(conversation, new OutboundMessageSendFailed(conversation, abandoned, 1, 130429,
                "Rate limit hit", "Cloud API message throughput has been reached", "RETRYABLE", tick()));
        conversationEvent(conversation, new OutboundMessageRetried(conversation, abandoned, 2, tick()));
        conversationEvent(conversation, new OutboundMessageSendFailed(conversation, abandoned, 2, 130429,
                "Rate limit hit", "Cloud API message throughput has been reached", "RETRYABLE", tick()));
        conversationEvent(conversation, new OutboundMessageAbandoned(conversation, abandoned, "RETRIES_EXHAUSTED", tick()));
        conversationEvent(conversation, new HandoffRequested(conversation, "NOT_UNDERSTOOD", tick()));
        conversationEvent(conversation, new ConversationAssigned(conversation, "agent-3", "handoff", tick()));
        conversationEvent(conversation, new ConversationUnassigned(conversation, "agent-3", "agent:agent-3", tick()));
        conversationEvent(conversation, new ConversationAssigned(conversation, "agent-1", "admin-1", tick()));
        conversationEvent(conversation, new ConversationHandedBackToBot(conversation, "agent:agent-1", tick()));
    }

    /** A campaign's template message to a contact: read and answered, or failed, retried, sent and failed at Meta. */
    private void campaignRecipient(ConversationId conversation, ContactId contact, CampaignId campaign, boolean answered) {
        conversationEvent(conversation, new ConversationStarted(conversation, contact, PHONE_NUMBER_ID, tick()));
        String messageId = campaign.messageIdFor(contact.value());
        OutboundContent content = new TemplateContent("december_offer", "en",
                List.of(TemplateComponent.body(TemplateParameter.text("Mteja"))));
        conversationEvent(conversation, new OutboundMessageQueued(conversation, contact, PHONE_NUMBER_ID, messageId, content,
                null, campaign.sender(), tick()));
        String wamid = "wamid.out-" + messageId;
        if (answered) {
            conversationEvent(conversation, new OutboundMessageAccepted(conversation, messageId, wamid, tick()));
            conversationEvent(conversation, new OutboundMessageSent(conversation, wamid, messageId, tick(), MARKETING));
            conversationEvent(conversation, new OutboundMessageDelivered(conversation, wamid, messageId, tick(), MARKETING));
            conversationEvent(conversation, new OutboundMessageRead(conversation, wamid, messageId, tick()));
            conversationEvent(conversation, new TextMessageReceived(conversation, wamid(conversation, 1), tick(),
                    "Nataka offer hii", null, null));
            return;
        }
        conversationEvent(conversation, new OutboundMessageSendFailed(conversation, messageId, 1, null, "Timeout",
                null, "RETRYABLE", tick()));
        String firstWamid = wamid + "-1";
        conversationEvent(conversation, new OutboundMessageAccepted(conversation, messageId, firstWamid, tick()));
        conversationEvent(conversation, new OutboundMessageFailed(conversation, firstWamid, messageId, tick(), 131026,
                "Message undeliverable", null, "PERMANENT"));
        conversationEvent(conversation, new OutboundMessageRetried(conversation, messageId, 2, tick()));
        conversationEvent(conversation, new OutboundMessageAccepted(conversation, messageId, wamid, tick()));
        conversationEvent(conversation, new OutboundMessageSent(conversation, wamid, messageId, tick(), MARKETING));
        conversationEvent(conversation, new OutboundMessageFailed(conversation, wamid, messageId, tick(), 131049,
                "Healthy ecosystem engagement", null, "PERMANENT"));
    }

    /** Snoozed while assigned, snoozed again, woken: back to assigned; then completed campaign. */
    private void snoozedTwice(ConversationId conversation, ContactId contact) {
        conversationEvent(conversation, new HandoffRequested(conversation, "CUSTOMER_ASKED_FOR_HUMAN", tick()));
        conversationEvent(conversation, new ConversationAssigned(conversation, "agent-2", "handoff", tick()));
        conversationEvent(conversation, new ConversationSnoozed(conversation, clock.plusSeconds(3_600), "agent:agent-2",
                tick()));
        conversationEvent(conversation, new ConversationSnoozed(conversation, clock.plusSeconds(7_200), "agent:agent-2",
                tick()));
        conversationEvent(conversation, new ConversationUnsnoozed(conversation, "SNOOZE_ENDED", tick()));
        outbound(conversation, contact, "agent:agent-2", new TextContent("Your technician comes at 10", false), true, SERVICE);
        campaignEvent(CampaignId.of("00000000000000a1"), new CampaignCompleted(CampaignId.of("00000000000000a1"), 2, 1,
                tick()));
    }

    private String outbound(ConversationId conversation, ContactId contact, String sentBy, OutboundContent content,
                            boolean read, Pricing pricing) {
        String messageId = messageId(conversation);
        String wamid = "wamid.out-" + messageId;
        conversationEvent(conversation, new OutboundMessageQueued(conversation, contact, PHONE_NUMBER_ID, messageId, content,
                null, sentBy, tick()));
        conversationEvent(conversation, new OutboundMessageAccepted(conversation, messageId, wamid, tick()));
        conversationEvent(conversation, new OutboundMessageSent(conversation, wamid, messageId, tick(), pricing));
        conversationEvent(conversation, new OutboundMessageDelivered(conversation, wamid, messageId, tick(), null));
        if (read) {
            conversationEvent(conversation, new OutboundMessageRead(conversation, wamid, messageId, tick()));
        }
        return wamid;
    }

    private static ConversationId conversation(ContactId contact) {
        return ConversationId.derivedFrom(PHONE_NUMBER_ID + "|" + contact.value());
    }

    private String messageId(ConversationId conversation) {
        return "msg-" + UUID.nameUUIDFromBytes((conversation.value() + "|" + sequences.getOrDefault(conversation.value(), 0L))
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String wamid(ConversationId conversation, int n) {
        return "wamid.in-" + conversation.value() + "-" + n;
    }

    private Instant tick() {
        clock = clock.plusSeconds(37);
        return clock;
    }

    private void contactEvent(ContactId contact, Object payload) {
        append("Contact", contact.value(), payload);
    }

    private void conversationEvent(ConversationId conversation, Object payload) {
        append("Conversation", conversation.value(), payload);
    }

    private void campaignEvent(CampaignId campaign, Object payload) {
        append("Campaign", campaign.value(), payload);
    }

    private void append(String type, String aggregate, Object payload) {
        long sequence = sequences.merge(aggregate, 1L, Long::sum) - 1;
        String id = UUID.nameUUIDFromBytes((aggregate + "#" + sequence).getBytes(StandardCharsets.UTF_8)).toString();
        events.add(new GenericDomainEventMessage<>(type, aggregate, sequence, payload, MetaData.with("correlationId", id),
                id, clock));
    }
}
