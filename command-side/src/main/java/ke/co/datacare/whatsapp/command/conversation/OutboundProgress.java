package ke.co.datacare.whatsapp.command.conversation;

/**
 * How far one of our messages got: the attempt number, Meta's wamid once accepted, whether Meta later
 * reported it failed (a status webhook), and whether we gave up.
 */
record OutboundProgress(int attempt, String wamid, boolean failedAfterAcceptance, boolean abandoned) {

    static OutboundProgress queued() {
        return new OutboundProgress(1, null, false, false);
    }

    OutboundProgress accepted(String acceptedWamid) {
        return new OutboundProgress(attempt, acceptedWamid, false, abandoned);
    }

    OutboundProgress attempted(int number) {
        return new OutboundProgress(Math.max(attempt, number), wamid, failedAfterAcceptance, abandoned);
    }

    OutboundProgress retrying(int number) {
        return new OutboundProgress(number, null, false, abandoned);
    }

    OutboundProgress failedLater() {
        return new OutboundProgress(attempt, wamid, true, abandoned);
    }

    OutboundProgress abandon() {
        return new OutboundProgress(attempt, wamid, failedAfterAcceptance, true);
    }
}
