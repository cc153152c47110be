package ke.co.datacare.whatsapp.app.integrations;

import java.util.Arrays;
import java.util.Optional;

/** The event types an endpoint can subscribe to, as named in the deliveries. */
enum IntegrationEventType {
    MESSAGE_RECEIVED("message.received"),
    MESSAGE_SENT("message.sent"),
    MESSAGE_STATUS("message.status"),
    CONVERSATION_ASSIGNED("conversation.assigned"),
    CONVERSATION_RESOLVED("conversation.resolved"),
    CONTACT_OPTED_OUT("contact.opted_out"),
    CAMPAIGN_PROGRESS("campaign.progress");

    private final String wireName;

    IntegrationEventType(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    static Optional<IntegrationEventType> of(String wireName) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(wireName)).findFirst();
    }
}
