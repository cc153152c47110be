package ke.co.datacare.whatsapp.command.outbound;

import org.axonframework.config.ProcessingGroup;
import org.springframework.stereotype.Component;

/**
 * The backstop of {@link OutboundHandOver}: writes down our queued and retried messages for the {@link OutboundSender}
 * from the event store, for any whose event was stored without them being written down (an instance that failed in
 * between, events stored by other means). Never replayed: a replay must not message customers again. What is already
 * written down costs one statement and is not handed over again. The sender claims each attempt ({@code attempts})
 * right before it calls Meta, so a second hand-over of the same attempt (another instance, a sweep after a crash) does
 * not send it again; the message id goes out as {@code biz_opaque_callback_data}.
 */
@Component
@ProcessingGroup(OutboundDispatcher.GROUP)
class OutboundDispatcher extends OutboundLedgerHandlers {

    static final String GROUP = "outbound-dispatch";

    OutboundDispatcher(OutboundLedger ledger) {
        super(ledger);
    }
}
