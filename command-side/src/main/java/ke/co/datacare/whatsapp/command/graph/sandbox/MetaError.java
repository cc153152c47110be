package ke.co.datacare.whatsapp.command.graph.sandbox;

/** An error as Meta reports it in a {@code failed} status. */
record MetaError(int code, String title, String details) {

    /** Meta refuses anything but a template when the customer has not written in the last 24 hours. */
    static final MetaError REENGAGEMENT = new MetaError(131047, "Re-engagement message",
            "Message failed to send because more than 24 hours have passed since the customer last replied to this "
                    + "number.");

    /** Authentication templates (one-tap, zero-tap, copy-code) still need a phone number. */
    static final MetaError BSUID_NOT_SUPPORTED = new MetaError(131062,
            "Business-scoped User ID recipients are not supported for this message",
            "Authentication templates must be sent to a phone number.");
}
