package ke.co.datacare.whatsapp.command.contact;

import ke.co.datacare.whatsapp.api.conversation.OutboundMessageFailed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageSendFailed;
import ke.co.datacare.whatsapp.api.conversation.outbound.ErrorClass;
import ke.co.datacare.whatsapp.api.contact.RecordOptOut;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Meta refused a marketing message because the customer stopped marketing messages in WhatsApp (error 131050): the
 * contact is marked opted out of marketing as a STOP would, so campaigns leave it out from then on. A reaction to the
 * outcomes of sends, so it runs in the processor of the other outbound reactions ({@code OutboundDispatcher}).
 */
@Component
@ProcessingGroup("outbound-dispatch")
class MarketingOptOutsFromMeta {

    static final String SOURCE = "meta_131050";

    private final CommandGateway commands;
    private final ContactDirectory directory;

    MarketingOptOutsFromMeta(CommandGateway commands, ContactDirectory directory) {
        this.commands = commands;
        this.directory = directory;
    }

    @EventHandler
    void on(OutboundMessageSendFailed event) {
        optOutIfStopped(event.conversationId(), event.errorClass(), event.at());
    }

    @EventHandler
    void on(OutboundMessageFailed event) {
        optOutIfStopped(event.conversationId(), event.errorClass(), event.at());
    }

    private void optOutIfStopped(ConversationId conversation, String errorClass, Instant at) {
        if (!ErrorClass.OPTED_OUT.name().equals(errorClass)) {
            return;
        }
        ContactDirectory.ConversationOwner owner = directory.owner(conversation);
        if (owner != null) {
            commands.sendAndWait(new RecordOptOut(owner.contactId(), SOURCE, at));
        }
    }
}
