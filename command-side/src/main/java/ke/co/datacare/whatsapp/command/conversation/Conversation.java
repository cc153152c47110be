package ke.co.datacare.whatsapp.command.conversation;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.ConversationReopened;
import ke.co.datacare.whatsapp.api.conversation.ConversationStarted;
import ke.co.datacare.whatsapp.api.conversation.DeliveryStatus;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageDelivered;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageFailed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessagePlayed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRead;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageSent;
import ke.co.datacare.whatsapp.api.conversation.RecordDeliveryStatus;
import ke.co.datacare.whatsapp.api.conversation.RecordInboundMessage;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The thread between our business number and one contact: every message in both directions, the
 * 24-hour customer-service window and the support lifecycle. One long-lived aggregate per pair
 * (snapshotted), whose id is derived from the pair so that concurrent deliveries meet here.
 */
@Aggregate(snapshotTriggerDefinition = "conversationSnapshotTrigger", cache = "conversationCache")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Conversation {

    @AggregateIdentifier
    private ConversationId conversationId;
    private ContactId contactId;
    private ConversationStatus status;
    private Instant lastCustomerMessageAt;
    private RecentMessageKeys seenInbound = new RecentMessageKeys();
    private Map<String, DeliveryStatus> outboundStatus = new HashMap<>();

    Conversation() {
        // required by Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordInboundMessage command) {
        startIfNew(command.conversationId(), command.contactId(), command.phoneNumberId(), command.sentAt());
        String key = InboundMessageKey.of(command.wamid(), command.message());
        if (seenInbound.contains(key)) {
            return;
        }
        if (status == ConversationStatus.RESOLVED) {
            apply(new ConversationReopened(conversationId, command.sentAt()));
        }
        apply(InboundMessageEvents.from(command));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordDeliveryStatus command) {
        startIfNew(command.conversationId(), command.contactId(), command.phoneNumberId(), command.at());
        if (!command.status().supersedes(outboundStatus.get(command.wamid()))) {
            return;
        }
        apply(switch (command.status()) {
            case SENT -> new OutboundMessageSent(conversationId, command.wamid(), command.at(), command.pricing());
            case DELIVERED -> new OutboundMessageDelivered(conversationId, command.wamid(), command.at(), command.pricing());
            case READ -> new OutboundMessageRead(conversationId, command.wamid(), command.at());
            case PLAYED -> new OutboundMessagePlayed(conversationId, command.wamid(), command.at());
            case FAILED -> new OutboundMessageFailed(conversationId, command.wamid(), command.at(),
                    command.errorCode(), command.errorTitle(), command.errorDetails());
        });
    }

    private void startIfNew(ConversationId id, ContactId contact, String phoneNumberId, Instant at) {
        if (conversationId == null) {
            apply(new ConversationStarted(id, contact, phoneNumberId, at));
        }
    }

    @EventSourcingHandler
    void on(ConversationStarted event) {
        conversationId = event.conversationId();
        contactId = event.contactId();
        status = ConversationStatus.OPEN;
    }

    @EventSourcingHandler
    void on(ConversationReopened event) {
        status = ConversationStatus.OPEN;
    }

    @EventSourcingHandler
    void on(InboundMessageEvent event) {
        seenInbound.remember(InboundMessageKey.of(event), event.sentAt());
        if (event.opensWindow() && (lastCustomerMessageAt == null || event.sentAt().isAfter(lastCustomerMessageAt))) {
            lastCustomerMessageAt = event.sentAt();
        }
    }

    @EventSourcingHandler
    void on(OutboundMessageSent event) {
        outboundStatus.put(event.wamid(), DeliveryStatus.SENT);
    }

    @EventSourcingHandler
    void on(OutboundMessageDelivered event) {
        outboundStatus.put(event.wamid(), DeliveryStatus.DELIVERED);
    }

    @EventSourcingHandler
    void on(OutboundMessageRead event) {
        outboundStatus.put(event.wamid(), DeliveryStatus.READ);
    }

    @EventSourcingHandler
    void on(OutboundMessagePlayed event) {
        outboundStatus.put(event.wamid(), DeliveryStatus.PLAYED);
    }

    @EventSourcingHandler
    void on(OutboundMessageFailed event) {
        outboundStatus.put(event.wamid(), DeliveryStatus.FAILED);
    }
}
