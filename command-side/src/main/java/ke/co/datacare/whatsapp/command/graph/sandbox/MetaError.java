package ke.co.datacare.whatsapp.command.graph.sandbox;

import java.util.Optional;

/** An error as Meta reports it in a {@code failed} status or a refused request. */
record MetaError(int code, String title, String details) {

    /** Meta refuses anything but a template when the customer has not written in the last 24 hours. */
    static final MetaError REENGAGEMENT = new MetaError(131047, "Re-engagement message",
            "Message failed to send because more than 24 hours have passed since the customer last replied to this "
                    + "number.");

    /** Authentication templates (one-tap, zero-tap, copy-code) still need a phone number. */
    static final MetaError BSUID_NOT_SUPPORTED = new MetaError(131062,
            "Business-scoped User ID recipients are not supported for this message",
            "Authentication templates must be sent to a phone number.");

    /** Meta paused the template for its low quality: it cannot be sent until it is unpaused. */
    static final MetaError TEMPLATE_PAUSED = new MetaError(132015, "Template is paused",
            "Template is paused due to low quality so it cannot be sent in a template message.");

    /** Meta disabled the template for its low quality: it cannot be sent any more. */
    static final MetaError TEMPLATE_DISABLED = new MetaError(132016, "Template is disabled",
            "Template has been paused too many times due to low quality and is now permanently disabled.");

    /** Meta's refusal to send a template in this review status, if it refuses. */
    static Optional<MetaError> ofTemplateStatus(String status) {
        return switch (status) {
            case "PAUSED" -> Optional.of(TEMPLATE_PAUSED);
            case "DISABLED" -> Optional.of(TEMPLATE_DISABLED);
            default -> Optional.empty();
        };
    }
}
