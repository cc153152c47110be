package ke.co.datacare.whatsapp.command.outbound;

import org.axonframework.config.ProcessingGroup;
import org.springframework.stereotype.Component;

/**
 * Writes our queued and retried messages down for the {@link OutboundSender} in the transaction that stores their
 * events (the subscribing {@code command-lookups} processor), and hands them to this instance's sender as soon as
 * that commits: a message reaches the sender in milliseconds instead of after a tracking processor's next batch, so
 * campaign dispatch needs to run only a few messages ahead of the sends. The tracking {@link OutboundDispatcher}
 * stays as the backstop for events stored without this handler (other writers, a failure here).
 */
@Component
@ProcessingGroup(ContactConsent.GROUP)
class OutboundHandOver extends OutboundLedgerHandlers {

    OutboundHandOver(OutboundLedger ledger) {
        super(ledger);
    }
}
