package ke.co.datacare.whatsapp.app.query;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.contact.ContactIdentityLinked;
import ke.co.datacare.whatsapp.api.contact.ContactProfileNameChanged;
import ke.co.datacare.whatsapp.api.contact.ContactRegistered;
import ke.co.datacare.whatsapp.api.contact.ContactTagged;
import ke.co.datacare.whatsapp.api.contact.IdentityType;
import ke.co.datacare.whatsapp.api.conversation.ConversationAssigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationMarkedRead;
import ke.co.datacare.whatsapp.api.conversation.ConversationReopened;
import ke.co.datacare.whatsapp.api.conversation.ConversationResolved;
import ke.co.datacare.whatsapp.api.conversation.ConversationStarted;
import ke.co.datacare.whatsapp.api.conversation.HandoffRequested;
import ke.co.datacare.whatsapp.api.conversation.InteractiveReplyReceived;
import ke.co.datacare.whatsapp.api.conversation.LocationReceived;
import ke.co.datacare.whatsapp.api.conversation.MediaMessageReceived;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageAccepted;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageDelivered;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageFailed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRead;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageSent;
import ke.co.datacare.whatsapp.api.conversation.Pricing;
import ke.co.datacare.whatsapp.api.conversation.ReactionAdded;
import ke.co.datacare.whatsapp.api.conversation.TextMessageReceived;
import ke.co.datacare.whatsapp.api.conversation.outbound.OutboundContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateComponent;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateParameter;
import ke.co.datacare.whatsapp.api.conversation.outbound.TextContent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

/**
 * A realistic stream of the service's events for the replay benchmark, as the aggregates would have recorded them:
 * contacts (registered, phone number linked, profile name, some tagged) and their conversations (started, customer
 * messages of several kinds, bot answers and agent answers queued, accepted, sent, delivered, read or failed,
 * handoffs, assignments, read marks, resolutions and reopenings, a share of campaign template messages). Many
 * contacts are active at once, so the aggregates' events interleave in the stream as they do in production; each
 * aggregate's sequence numbers run from 0 without gaps. Deterministic for a seed.
 */
final class ReplayEventMix {

    static final String PHONE_NUMBER_ID = "110000000000001";
    private static final Instant START = Instant.parse("2026-09-01T05:00:00Z");
    private static final String[] NAMES = {"Wanjiku", "Otieno", "Akinyi", "Kamau", "Njeri", "Mwangi", "Chebet", "Kiprop",
            "Atieno", "Mutua"};
    private static final String[] TEXTS = {"Habari, my router is not working", "Internet iko chini tangu jana",
            "How much is the 20 Mbps package?", "Asante sana", "Can you send a technician tomorrow?",
            "I paid via M-Pesa, code QK12AB34CD", "Please call me back", "The light on the box is red"};
    private static final String[] REASONS = {"INTENT_NEEDS_HUMAN", "CUSTOMER_ASKED_FOR_HUMAN", "NOT_UNDERSTOOD",
            "OUTSIDE_BUSINESS_HOURS"};
    private static final String[] CAMPAIGNS = {"00000000000000a1", "00000000000000b2", "00000000000000c3"};
    private static final int ACTIVE = 600;

    private final Random random;
    private final List<Script> active = new ArrayList<>();
    private final Map<String, Integer> byType = new HashMap<>();
    private int contacts;
    private long emitted;
    private Instant clock = START;

    ReplayEventMix(long seed) {
        random = new Random(seed);
    }

    /** The next {@code count} events of the stream, in the order they were recorded. */
    List<DomainEventMessage<?>> next(int count) {
        List<DomainEventMessage<?>> events = new ArrayList<>(count);
        while (events.size() < count) {
            while (active.size() < ACTIVE) {
                active.add(new Script(contacts++));
            }
            int pick = random.nextInt(active.size());
            Script script = active.get(pick);
            clock = clock.plusMillis(2_000 + random.nextInt(6_000));
            events.add(script.next());
            if (script.done()) {
                active.set(pick, active.get(active.size() - 1));
                active.remove(active.size() - 1);
            }
        }
        emitted += count;
        return events;
    }

    Map<String, Integer> typeCounts() {
        return byType;
    }

    int contacts() {
        return contacts;
    }

    /** One contact's history: its own events, then its conversation's; steps produced lazily with the clock. */
    private final class Script {
        private final ContactId contact;
        private final ConversationId conversation;
        private final String waId;
        private final List<Function<Instant, Object>> contactSteps = new ArrayList<>();
        private final List<Function<Instant, Object>> conversationSteps = new ArrayList<>();
        private long contactSequence;
        private long conversationSequence;
        private final List<String> ourWamids = new ArrayList<>();
        private int message;

        Script(int number) {
            waId = String.format("2547%08d", number);
            contact = ContactId.derivedFrom("wa:" + waId);
            conversation = ConversationId.derivedFrom(PHONE_NUMBER_ID + "|" + contact.value());
            String name = NAMES[random.nextInt(NAMES.length)] + " " + number;
            contactSteps.add(at -> new ContactRegistered(contact, at));
            contactSteps.add(at -> new ContactIdentityLinked(contact, IdentityType.WA_ID, waId, at));
            contactSteps.add(at -> new ContactProfileNameChanged(contact, name, at));
            if (random.nextInt(10) == 0) {
                contactSteps.add(at -> new ContactTagged(contact, random.nextBoolean() ? "fibre" : "vip", "agent:a1", at));
            }
            conversationSteps.add(at -> new ConversationStarted(conversation, contact, PHONE_NUMBER_ID, at));
            if (random.nextInt(20) == 0) {
                outbound("campaign:" + CAMPAIGNS[random.nextInt(CAMPAIGNS.length)], true);
            }
            int episodes = 1 + random.nextInt(3);
            for (int episode = 1; episode <= episodes; episode++) {
                if (episode > 1) {
                    conversationSteps.add(at -> new ConversationReopened(conversation, at));
                }
                episode();
            }
        }

        private void episode() {
            int inbound = 1 + random.nextInt(3);
            for (int i = 0; i < inbound; i++) {
                inbound();
            }
            outbound("bot", false);
            String agent = null;
            if (random.nextInt(10) < 4) {
                agent = "agent-" + (1 + random.nextInt(12));
                String assigned = agent;
                conversationSteps.add(at -> new HandoffRequested(conversation, REASONS[random.nextInt(REASONS.length)], at));
                conversationSteps.add(at -> new ConversationAssigned(conversation, assigned, "handoff", at));
                inbound();
                outbound("agent:" + agent, false);
                conversationSteps.add(at -> new ConversationMarkedRead(conversation, "wamid.in-" + waId + "-" + message,
                        false, "agent:" + assigned, at));
            }
            String by = agent == null ? "bot" : "agent:" + agent;
            conversationSteps.add(at -> new ConversationResolved(conversation, by, at));
        }

        private void inbound() {
            int kind = random.nextInt(100);
            conversationSteps.add(at -> {
                String wamid = "wamid.in-" + waId + "-" + (++message);
                if (kind < 60) {
                    return new TextMessageReceived(conversation, wamid, at, TEXTS[random.nextInt(TEXTS.length)], null, null);
                }
                if (kind < 80) {
                    boolean voice = kind < 68;
                    return new MediaMessageReceived(conversation, wamid, at, voice ? "audio" : "image",
                            "media-" + waId + "-" + message, voice ? "audio/ogg; codecs=opus" : "image/jpeg",
                            "3b1f2a9d8c7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a", voice ? null : "router lights",
                            null, voice, false, null, null);
                }
                if (kind < 85) {
                    return new LocationReceived(conversation, wamid, at, -1.2921 + random.nextDouble() / 10,
                            36.8219 + random.nextDouble() / 10, "Home", "Kilimani, Nairobi", null, null, null);
                }
                if (kind < 95 || ourWamids.isEmpty()) {
                    return new InteractiveReplyReceived(conversation, wamid, at, "button_reply", "opt-" + random.nextInt(3),
                            "Talk to an agent", null, null, null);
                }
                return new ReactionAdded(conversation, wamid, at, ourWamids.get(ourWamids.size() - 1), "\uD83D\uDC4D");
            });
        }

        private void outbound(String sentBy, boolean template) {
            String messageId = sentBy.startsWith("campaign:") ? "cmp-" + sentBy.substring(9) + "-" + contact.value()
                    : "msg-" + UUID.nameUUIDFromBytes((conversation.value() + "|" + conversationSteps.size()).getBytes());
            String wamid = "wamid.HBgM" + waId + "-" + conversationSteps.size();
            OutboundContent content = template
                    ? new TemplateContent("december_offer", "en", List.of(TemplateComponent.body(TemplateParameter.text("Mteja"))))
                    : new TextContent(sentBy.equals("bot") ? "Pole sana! Please restart your router and wait two minutes."
                    : "Hello, this is DataCare support. A technician will call you today.", false);
            Pricing pricing = new Pricing(true, "PMP", template ? "marketing" : "service");
            conversationSteps.add(at -> new OutboundMessageQueued(conversation, contact, PHONE_NUMBER_ID, messageId, content,
                    null, sentBy, at));
            conversationSteps.add(at -> {
                ourWamids.add(wamid);
                return new OutboundMessageAccepted(conversation, messageId, wamid, at);
            });
            conversationSteps.add(at -> new OutboundMessageSent(conversation, wamid, messageId, at, pricing));
            if (random.nextInt(100) < 4) {
                conversationSteps.add(at -> new OutboundMessageFailed(conversation, wamid, messageId, at, 131047,
                        "Re-engagement message", "More than 24 hours have passed since the recipient last replied",
                        "PERMANENT"));
                return;
            }
            conversationSteps.add(at -> new OutboundMessageDelivered(conversation, wamid, messageId, at, pricing));
            if (random.nextInt(10) < 7) {
                conversationSteps.add(at -> new OutboundMessageRead(conversation, wamid, messageId, at));
            }
        }

        boolean done() {
            return contactSteps.isEmpty() && conversationSteps.isEmpty();
        }

        DomainEventMessage<?> next() {
            Instant at = clock.plus(Duration.ofMillis(random.nextInt(1000)));
            boolean ofContact = !contactSteps.isEmpty()
                    && (conversationSteps.isEmpty() || contactSequence < 2 || random.nextBoolean());
            if (ofContact) {
                return message("Contact", contact.value(), contactSequence++, contactSteps.remove(0).apply(at), at);
            }
            return message("Conversation", conversation.value(), conversationSequence++,
                    conversationSteps.remove(0).apply(at), at);
        }

        private DomainEventMessage<?> message(String type, String aggregate, long sequence, Object payload, Instant at) {
            byType.merge(payload.getClass().getSimpleName(), 1, Integer::sum);
            String correlation = UUID.nameUUIDFromBytes((aggregate + sequence).getBytes()).toString();
            MetaData metaData = MetaData.with("traceId", correlation).and("correlationId", correlation)
                    .and("datacare.correlationId", correlation.substring(0, 8));
            return new GenericDomainEventMessage<>(type, aggregate, sequence, payload, metaData,
                    UUID.randomUUID().toString(), at);
        }
    }
}
