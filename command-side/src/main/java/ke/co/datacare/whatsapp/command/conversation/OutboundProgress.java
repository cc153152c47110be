package ke.co.datacare.whatsapp.command.conversation;

/**
 * How far one of our messages got: the attempt number, Meta's wamid once accepted, whether Meta later
 * reported it failed (a status webhook), whether we gave up, and whether any attempt failed before (then a retry
 * saga waits for the message's end).
 */
record OutboundProgress(int attempt, String wamid, boolean failedAfterAcceptance, boolean abandoned,
                        boolean failedBefore) {

    static OutboundProgress queued() {
        return new OutboundProgress(1, null, false, false, false);
    }

    OutboundProgress accepted(String acceptedWamid) {
        return new OutboundProgress(attempt, acceptedWamid, false, abandoned, failedBefore);
    }

    OutboundProgress failed(int number) {
        return new OutboundProgress(Math.max(attempt, number), wamid, failedAfterAcceptance, abandoned, true);
    }

    OutboundProgress retrying(int number) {
        return new OutboundProgress(number, null, false, abandoned, failedBefore);
    }

    OutboundProgress failedLater() {
        return new OutboundProgress(attempt, wamid, true, abandoned, failedBefore);
    }

    OutboundProgress abandon() {
        return new OutboundProgress(attempt, wamid, failedAfterAcceptance, true, failedBefore);
    }
}
