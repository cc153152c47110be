package ke.co.datacare.whatsapp.command.outbound;

import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRetried;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;

/**
 * The handlers that write our queued and retried messages down for the {@link OutboundSender} through the
 * {@link OutboundLedger}; the processing group of a subclass decides when they run ({@link OutboundHandOver} in the
 * event's transaction, {@link OutboundDispatcher} after it, as the backstop). Never replayed: a replay must not
 * message customers again.
 */
abstract class OutboundLedgerHandlers {

    private final OutboundLedger ledger;

    OutboundLedgerHandlers(OutboundLedger ledger) {
        this.ledger = ledger;
    }

    @EventHandler
    @DisallowReplay
    void on(OutboundMessageQueued event) {
        ledger.queued(event);
    }

    @EventHandler
    @DisallowReplay
    void on(OutboundMessageRetried event) {
        ledger.retried(event);
    }
}
