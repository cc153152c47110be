package ke.co.datacare.whatsapp.chatbot.engine;

public enum HandoffReason {
    INTENT_NEEDS_HUMAN,
    CUSTOMER_ASKED_FOR_HUMAN,
    NOT_UNDERSTOOD,
    OUTSIDE_BUSINESS_HOURS,
    /** The message reached us late, inside the customer-service window: people answer it. */
    ARRIVED_LATE,
    /** The message reached us after the customer-service window closed: only a template can answer it. */
    WINDOW_CLOSED_TEMPLATE_NEEDED
}
