package ke.co.datacare.whatsapp.command.webhook;

import ke.co.datacare.whatsapp.api.account.BusinessAccountUpdateReceived;
import ke.co.datacare.whatsapp.api.account.MessageTemplateStatusChanged;
import ke.co.datacare.whatsapp.api.account.WebhookErrorsReported;
import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.contact.RecordOptIn;
import ke.co.datacare.whatsapp.api.contact.RecordOptOut;
import ke.co.datacare.whatsapp.api.contact.ChangeContactNumber;
import ke.co.datacare.whatsapp.api.contact.RegisterContact;
import ke.co.datacare.whatsapp.api.contact.ReleaseContactNumber;
import ke.co.datacare.whatsapp.api.conversation.ImportConversationHistory;
import ke.co.datacare.whatsapp.api.conversation.InboundMessage;
import ke.co.datacare.whatsapp.api.conversation.RecordBusinessAppMessage;
import ke.co.datacare.whatsapp.api.conversation.RecordDeliveryStatus;
import ke.co.datacare.whatsapp.api.conversation.RecordInboundMessage;
import ke.co.datacare.whatsapp.command.contact.ContactDirectory;
import ke.co.datacare.whatsapp.command.contact.OptOutKeywords;
import ke.co.datacare.whatsapp.command.graph.BusinessNumbers;
import ke.co.datacare.whatsapp.command.graph.GraphErrorClassifier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Turns the updates of one webhook body into commands on the Contact and Conversation aggregates. */
class WebhookCommands {

    private static final Logger log = LoggerFactory.getLogger(WebhookCommands.class);

    private final CommandGateway commands;
    private final EventGateway events;
    private final ContactDirectory directory;
    private final GraphErrorClassifier classifier = new GraphErrorClassifier();

    private final MeterRegistry meters;
    /**
     * One counter per kind of item (message type, status, other update), registered once: a registry look-up and a
     * name built per item showed in the profile.
     */
    private final Map<Object, Counter> itemCounters = new ConcurrentHashMap<>();

    WebhookCommands(CommandGateway commands, EventGateway events, ContactDirectory directory, MeterRegistry meters) {
        this.commands = commands;
        this.events = events;
        this.directory = directory;
        this.meters = meters;
    }

    void dispatch(List<WebhookItem> items) {
        for (WebhookItem item : items) {
            itemCounters.computeIfAbsent(kindKey(item), key -> meters.counter("datacare.webhook.items", "kind", kind(item)))
                    .increment();
            if (item instanceof WebhookItem.Inbound inbound) {
                inbound(inbound);
            } else if (item instanceof WebhookItem.Status status) {
                status(status);
            } else if (item instanceof WebhookItem.Echo echo) {
                echo(echo);
            } else if (item instanceof WebhookItem.History history) {
                history(history);
            } else if (item instanceof WebhookItem.MarketingPreference preference) {
                preference(preference);
            } else if (item instanceof WebhookItem.TemplateStatus template) {
                events.publish(new MessageTemplateStatusChanged(template.templateId(), template.name(),
                        template.language(), template.status(), template.reason(), template.at()));
            } else if (item instanceof WebhookItem.Notice notice) {
                events.publish(notice.event());
            } else if (item instanceof WebhookItem.AccountUpdate update) {
                events.publish(new BusinessAccountUpdateReceived(update.businessAccountId(), update.field(),
                        update.rawJson(), update.at()));
            } else if (item instanceof WebhookItem.Errors errors) {
                events.publish(new WebhookErrorsReported(errors.businessAccountId(), errors.phoneNumberId(),
                        errors.rawJson(), errors.at()));
            }
        }
    }

    private static Object kindKey(WebhookItem item) {
        if (item instanceof WebhookItem.Inbound inbound) {
            return inbound.message().getClass();
        }
        if (item instanceof WebhookItem.Status status) {
            return status.status();
        }
        if (item instanceof WebhookItem.Notice notice) {
            return notice.event().getClass();
        }
        return item.getClass();
    }

    private static String kind(WebhookItem item) {
        if (item instanceof WebhookItem.Inbound inbound) {
            return "message." + inbound.message().getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        }
        if (item instanceof WebhookItem.Status status) {
            return "status." + status.status().name().toLowerCase(java.util.Locale.ROOT);
        }
        if (item instanceof WebhookItem.Notice notice) {
            return "account." + notice.event().getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        }
        return item.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    private void inbound(WebhookItem.Inbound inbound) {
        if (!inbound.sender().identified() || inbound.wamid() == null) {
            log.warn("Inbound message without sender identity or id skipped (kept in the inbox)");
            return;
        }
        ContactId contact = movedCustomer(inbound).orElseGet(() -> register(inbound.sender(), inbound.sentAt()));
        String number = phoneNumber(inbound.phoneNumberId());
        commands.sendAndWait(new RecordInboundMessage(conversationOf(number, contact), contact, number,
                inbound.wamid(), inbound.sentAt(), inbound.message(), inbound.context(), inbound.referral()));
        if (inbound.message() instanceof InboundMessage.Text text) {
            OptOutKeywords.of(text.body()).ifPresent(intent -> commands.sendAndWait(
                    intent == OptOutKeywords.Intent.OPT_OUT
                            ? new RecordOptOut(contact, "keyword", inbound.sentAt())
                            : new RecordOptIn(contact, "keyword", inbound.sentAt())));
        }
        if (inbound.message() instanceof InboundMessage.SystemNotice notice) {
            numberChanged(contact, inbound.sender(), notice, inbound.sentAt());
        }
    }

    /**
     * The customer of a number change seen before (a redelivery): the old number leads nowhere any more and the new
     * one to them. Without this, the old number would look like a stranger's and the notice would start a contact.
     */
    private Optional<ContactId> movedCustomer(WebhookItem.Inbound inbound) {
        if (!(inbound.message() instanceof InboundMessage.SystemNotice notice) || !numberChange(notice)
                || inbound.sender().waId() == null || directory.contactOfWaId(inbound.sender().waId()) != null) {
            return Optional.empty();
        }
        return Optional.ofNullable(directory.contactOfWaId(notice.newWaId()));
    }

    private static boolean numberChange(InboundMessage.SystemNotice notice) {
        return "user_changed_number".equals(notice.systemType()) && notice.newWaId() != null
                && !notice.newWaId().isBlank();
    }

    /**
     * Meta's {@code user_changed_number} (from the old number, {@code wa_id} the new one): the contact keeps its
     * history and conversations and is reached at the new number; the old one is released.
     */
    private void numberChanged(ContactId contact, WebhookItem.Sender sender, InboundMessage.SystemNotice notice,
                               Instant at) {
        String oldWaId = sender.waId();
        String newWaId = notice.newWaId();
        if (!numberChange(notice) || oldWaId == null || newWaId.equals(oldWaId)) {
            return;
        }
        ContactId previousOwner = directory.moveNumber(contact, oldWaId, newWaId);
        if (previousOwner != null) {
            commands.sendAndWait(new ReleaseContactNumber(previousOwner, newWaId, at));
        }
        commands.sendAndWait(new ChangeContactNumber(contact, oldWaId, newWaId, at));
    }

    private void echo(WebhookItem.Echo echo) {
        if (!echo.customer().identified() || echo.wamid() == null) {
            log.warn("Business app message without customer or id skipped (kept in the inbox)");
            return;
        }
        ContactId contact = register(echo.customer(), echo.sentAt());
        String number = phoneNumber(echo.phoneNumberId());
        commands.sendAndWait(new RecordBusinessAppMessage(conversationOf(number, contact), contact, number,
                echo.wamid(), echo.sentAt(), echo.content()));
    }

    private void history(WebhookItem.History history) {
        ContactId contact = register(history.customer(), ImportConversationHistory.earliest(history.messages()));
        String number = phoneNumber(history.phoneNumberId());
        commands.sendAndWait(new ImportConversationHistory(conversationOf(number, contact), contact, number,
                history.chunk(), history.messages()));
    }

    private void status(WebhookItem.Status status) {
        if (!status.recipient().identified() || status.wamid() == null) {
            log.warn("Status without recipient or message id skipped (kept in the inbox)");
            return;
        }
        ContactId contact = status.recipient().username() != null || status.recipient().parentUserId() != null
                ? register(status.recipient(), status.at())
                : directory.resolve(status.recipient().waId(), status.recipient().userId());
        String number = phoneNumber(status.phoneNumberId());
        commands.sendAndWait(new RecordDeliveryStatus(conversationOf(number, contact), contact, number,
                status.wamid(), status.status(), status.at(), status.errorCode(), status.errorTitle(),
                status.errorDetails(), status.errorCode() == null ? null
                : classifier.classifyStatusError(status.errorCode()).name(), status.pricing()));
    }

    private void preference(WebhookItem.MarketingPreference preference) {
        if (!preference.sender().identified()) {
            return;
        }
        ContactId contact = register(preference.sender(), preference.at());
        commands.sendAndWait(preference.optedOut()
                ? new RecordOptOut(contact, "user_preferences", preference.at())
                : new RecordOptIn(contact, "user_preferences", preference.at()));
    }

    private ContactId register(WebhookItem.Sender sender, Instant at) {
        ContactId contact = directory.resolve(sender.waId(), sender.userId());
        RegisterContact registration = new RegisterContact(contact, sender.waId(), sender.userId(), sender.profileName(),
                sender.username(), sender.parentUserId(), at);
        if (directory.needsRegistration(registration)) {
            commands.sendAndWait(registration);
            directory.registered(registration);
        }
        return contact;
    }

    private ConversationId conversationOf(String phoneNumberId, ContactId contact) {
        return directory.conversationOf(phoneNumberId, contact);
    }

    private static String phoneNumber(String phoneNumberId) {
        return phoneNumberId == null || phoneNumberId.isBlank() ? BusinessNumbers.UNKNOWN : phoneNumberId;
    }
}
