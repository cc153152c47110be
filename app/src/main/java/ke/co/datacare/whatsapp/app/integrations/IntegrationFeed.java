package ke.co.datacare.whatsapp.app.integrations;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ke.co.datacare.whatsapp.api.campaign.CampaignCancelled;
import ke.co.datacare.whatsapp.api.campaign.CampaignCompleted;
import ke.co.datacare.whatsapp.api.campaign.CampaignPaused;
import ke.co.datacare.whatsapp.api.campaign.CampaignResumed;
import ke.co.datacare.whatsapp.api.campaign.CampaignStarted;
import ke.co.datacare.whatsapp.api.contact.ContactOptedOut;
import ke.co.datacare.whatsapp.api.conversation.ConversationAssigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationResolved;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageAccepted;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageDelivered;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageFailed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRead;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageSent;
import ke.co.datacare.whatsapp.command.reaction.Reactions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Queues a delivery to every enabled endpoint subscribed to each event's type, in the transaction of the processor's
 * batch; the deliveries go out later, so a slow or dead endpoint never holds the event stream. Deliveries carry ids
 * (conversation, message, contact, campaign) and states, never a customer's number, name or text: receivers read
 * those through the API with their own token. Runs in the {@link Reactions} processor (from the head of the stream,
 * never replayed); a failure fails the batch, which is processed again, so no delivery is lost.
 */
@ProcessingGroup(Reactions.GROUP)
@DisallowReplay
class IntegrationFeed {

    private final IntegrationEndpoints endpoints;
    private final IntegrationDeliveries deliveries;
    private final ObjectMapper json = new ObjectMapper();

    IntegrationFeed(IntegrationEndpoints endpoints, IntegrationDeliveries deliveries) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
    }

    @EventHandler
    void on(InboundMessageEvent event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        queue(IntegrationEventType.MESSAGE_RECEIVED, eventId, at, data -> data
                .put("conversationId", event.conversationId().value())
                .put("wamid", event.wamid())
                .put("kind", event.getClass().getSimpleName())
                .put("sentAt", event.sentAt().toString()));
    }

    @EventHandler
    void on(OutboundMessageAccepted event, @MessageIdentifier String eventId) {
        queue(IntegrationEventType.MESSAGE_SENT, eventId, event.at(), data -> data
                .put("conversationId", event.conversationId().value())
                .put("messageId", event.messageId())
                .put("wamid", event.wamid()));
    }

    @EventHandler
    void on(OutboundMessageSent event, @MessageIdentifier String eventId) {
        status(eventId, event.conversationId().value(), event.messageId(), event.wamid(), "sent", event.at());
    }

    @EventHandler
    void on(OutboundMessageDelivered event, @MessageIdentifier String eventId) {
        status(eventId, event.conversationId().value(), event.messageId(), event.wamid(), "delivered", event.at());
    }

    @EventHandler
    void on(OutboundMessageRead event, @MessageIdentifier String eventId) {
        status(eventId, event.conversationId().value(), event.messageId(), event.wamid(), "read", event.at());
    }

    @EventHandler
    void on(OutboundMessageFailed event, @MessageIdentifier String eventId) {
        queue(IntegrationEventType.MESSAGE_STATUS, eventId, event.at(), data -> {
            data.put("conversationId", event.conversationId().value()).put("messageId", event.messageId())
                    .put("wamid", event.wamid()).put("status", "failed").put("errorTitle", event.errorTitle());
            if (event.errorCode() != null) {
                data.put("errorCode", event.errorCode());
            }
        });
    }

    @EventHandler
    void on(ConversationAssigned event, @MessageIdentifier String eventId) {
        queue(IntegrationEventType.CONVERSATION_ASSIGNED, eventId, event.at(), data -> data
                .put("conversationId", event.conversationId().value())
                .put("agentId", event.agentId())
                .put("by", event.by()));
    }

    @EventHandler
    void on(ConversationResolved event, @MessageIdentifier String eventId) {
        queue(IntegrationEventType.CONVERSATION_RESOLVED, eventId, event.at(), data -> data
                .put("conversationId", event.conversationId().value())
                .put("by", event.by()));
    }

    @EventHandler
    void on(ContactOptedOut event, @MessageIdentifier String eventId) {
        queue(IntegrationEventType.CONTACT_OPTED_OUT, eventId, event.at(), data -> data
                .put("contactId", event.contactId().value())
                .put("source", event.source()));
    }

    @EventHandler
    void on(CampaignStarted event, @MessageIdentifier String eventId) {
        campaign(eventId, event.campaignId().value(), "started", event.at(), data -> { });
    }

    @EventHandler
    void on(CampaignPaused event, @MessageIdentifier String eventId) {
        campaign(eventId, event.campaignId().value(), "paused", event.at(), data -> data.put("reason", event.reason()));
    }

    @EventHandler
    void on(CampaignResumed event, @MessageIdentifier String eventId) {
        campaign(eventId, event.campaignId().value(), "resumed", event.at(), data -> { });
    }

    @EventHandler
    void on(CampaignCancelled event, @MessageIdentifier String eventId) {
        campaign(eventId, event.campaignId().value(), "cancelled", event.at(), data -> { });
    }

    @EventHandler
    void on(CampaignCompleted event, @MessageIdentifier String eventId) {
        campaign(eventId, event.campaignId().value(), "completed", event.at(), data -> data
                .put("queued", event.queued()).put("skippedOptedOut", event.skippedOptedOut()));
    }

    private void status(String eventId, String conversationId, String messageId, String wamid, String status,
                        Instant at) {
        queue(IntegrationEventType.MESSAGE_STATUS, eventId, at, data -> data
                .put("conversationId", conversationId).put("messageId", messageId).put("wamid", wamid)
                .put("status", status));
    }

    private void campaign(String eventId, String campaignId, String state, Instant at, Consumer<ObjectNode> more) {
        queue(IntegrationEventType.CAMPAIGN_PROGRESS, eventId, at, data -> {
            data.put("campaignId", campaignId).put("state", state);
            more.accept(data);
        });
    }

    private void queue(IntegrationEventType type, String eventId, Instant at, Consumer<ObjectNode> data) {
        var subscribed = endpoints.subscribedTo(type);
        if (subscribed.isEmpty()) {
            return;
        }
        ObjectNode payload = json.createObjectNode().put("id", eventId).put("type", type.wireName())
                .put("occurredAt", at.toString());
        data.accept(payload.putObject("data"));
        String body = payload.toString();
        for (IntegrationEndpoints.Endpoint endpoint : subscribed) {
            deliveries.enqueue(endpoint.id(), eventId, type, body, at);
        }
    }
}
