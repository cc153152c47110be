package ke.co.datacare.whatsapp.command.webhook;

/** The body is JSON but not a WhatsApp Business Account webhook envelope. */
class NotAWebhookException extends RuntimeException {

    NotAWebhookException(String reason) {
        super(reason);
    }
}
