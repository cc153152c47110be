package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.api.conversation.DeliveryStatus;

/**
 * How far an outbound message got. Statuses imply the lower ones (a message read was delivered and
 * sent, even when Meta's earlier statuses never arrived); played counts as read; a failure is kept
 * beside the progress, as a message can fail after it was sent.
 */
record OutboundProgress(int rank, boolean failed) {

    static final OutboundProgress NONE = new OutboundProgress(0, false);

    OutboundProgress with(DeliveryStatus status) {
        return switch (status) {
            case FAILED -> new OutboundProgress(rank, true);
            case SENT -> new OutboundProgress(Math.max(rank, 1), failed);
            case DELIVERED -> new OutboundProgress(Math.max(rank, 2), failed);
            case READ -> new OutboundProgress(Math.max(rank, 3), failed);
            case PLAYED -> new OutboundProgress(Math.max(rank, 4), failed);
        };
    }

    boolean sent() {
        return rank >= 1;
    }

    boolean delivered() {
        return rank >= 2;
    }

    boolean read() {
        return rank >= 3;
    }
}
