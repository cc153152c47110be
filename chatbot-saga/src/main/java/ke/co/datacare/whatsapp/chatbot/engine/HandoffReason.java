package ke.co.datacare.whatsapp.chatbot.engine;

public enum HandoffReason {
    INTENT_NEEDS_HUMAN,
    CUSTOMER_ASKED_FOR_HUMAN,
    NOT_UNDERSTOOD,
    OUTSIDE_BUSINESS_HOURS
}
