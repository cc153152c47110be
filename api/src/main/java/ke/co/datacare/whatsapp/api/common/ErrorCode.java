package ke.co.datacare.whatsapp.api.common;

/**
 * The stable error codes clients see in the {@code code} property of our {@code application/problem+json}
 * answers. Codes are part of the contract: add new ones, never rename.
 */
public enum ErrorCode {
    VALIDATION_FAILED(400, "The request is not valid"),
    MALFORMED_JSON(400, "The body is not valid JSON"),
    NOT_A_WEBHOOK(400, "The body is not a WhatsApp webhook envelope"),
    INVALID_CONTACT_UPDATE(400, "The tags, attributes or consent given for the contact are not valid"),
    INVALID_SIGNATURE(401, "The webhook signature is missing or wrong"),
    UNAUTHENTICATED(401, "Authentication is required"),
    INVALID_CREDENTIALS(401, "Email or password is wrong"),
    FORBIDDEN(403, "This role may not do that"),
    VERIFICATION_FAILED(403, "Webhook verification failed"),
    NOT_FOUND(404, "Not found"),
    CONFLICT(409, "The request conflicts with the current state"),
    WINDOW_CLOSED(422, "The 24-hour customer-service window is closed"),
    CONTACT_OPTED_OUT(422, "The contact opted out of marketing messages"),
    TEMPLATE_NOT_APPROVED(422, "The template is not approved in that language"),
    PAYLOAD_TOO_LARGE(413, "The body is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "The content type is not supported"),
    RATE_LIMITED(429, "Too many requests"),
    STORE_UNAVAILABLE(503, "The store is unavailable, retry later"),
    GRAPH_API_FAILED(502, "Meta's Graph API did not answer as expected"),
    SIMULATED_WEBHOOK_REFUSED(502, "The service's webhook did not acknowledge the sandbox's simulated webhook"),
    INTERNAL_ERROR(500, "Unexpected error"),
    PASSWORD_CHANGE_REQUIRED(403, "Change your password first: POST /api/users/me/password"),
    METHOD_NOT_ALLOWED(405, "The method is not allowed here"),
    NOT_ACCEPTABLE(406, "No acceptable representation"),
    REQUEST_TIMEOUT(408, "The request took too long"),
    PERSONAL_DATA_FORBIDDEN(403, "Analysts see analytics and pseudonymous exports, not customers' personal data"),
    UNKNOWN_BUSINESS_NUMBER(422, "The business number is not one of ours");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
