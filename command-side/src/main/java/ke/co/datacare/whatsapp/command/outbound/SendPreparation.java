package ke.co.datacare.whatsapp.command.outbound;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.contact.RegisterContact;
import ke.co.datacare.whatsapp.api.conversation.OpenConversation;
import ke.co.datacare.whatsapp.api.conversation.OpenConversationAndSend;
import ke.co.datacare.whatsapp.api.conversation.SendMessage;
import ke.co.datacare.whatsapp.api.conversation.outbound.FieldViolation;
import ke.co.datacare.whatsapp.command.config.AggregateLocks;
import ke.co.datacare.whatsapp.command.contact.ContactDirectory;
import ke.co.datacare.whatsapp.command.graph.BusinessNumbers;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prepares a send, the same way for agents and API clients and for campaigns: the recipient's contact (registered when
 * a phone number is given), its conversation on a business number (the default one unless the caller names one, as a
 * campaign does) and its marketing consent. A new conversation is opened by its first message ({@link #queueing}), or
 * by {@link #open} for a recipient skipped without one. The commands join the caller's unit of work and transaction,
 * so a send that is refused leaves no contact, link or conversation behind; many recipients cost one read and at most
 * one batch per lookup table, plus one command for each number linked now.
 */
@Component
public class SendPreparation {

    /**
     * Where a message to one recipient goes, and whether the recipient opted out of marketing. {@code openOn} is the
     * business number on which the conversation is still to be opened (by its first message, {@link #queueing}), null
     * when it exists.
     */
    public record PreparedSend(ContactId contactId, ConversationId conversationId, boolean optedOut, String openOn) {
    }

    private final ContactDirectory directory;
    private final ContactConsent consent;
    private final CommandGateway commands;
    private final BusinessNumbers numbers;
    private final AggregateLocks locks;

    SendPreparation(ContactDirectory directory, ContactConsent consent, CommandGateway commands,
                    BusinessNumbers numbers, AggregateLocks locks) {
        this.locks = locks;
        this.directory = directory;
        this.consent = consent;
        this.commands = commands;
        this.numbers = numbers;
    }

    /** A send in a conversation we already have, or null when there is no such conversation. */
    public PreparedSend inConversation(ConversationId conversation) {
        ContactDirectory.ConversationOwner owner = directory.owner(conversation);
        return owner == null ? null
                : new PreparedSend(owner.contactId(), conversation, consent.optedOut(owner.contactId()), null);
    }

    /**
     * Like {@link #inConversation(ConversationId)}; a {@code phoneNumberId} given (not blank) must be one of ours
     * ({@code UNKNOWN_BUSINESS_NUMBER} otherwise) and the one the conversation goes from ({@code VALIDATION_FAILED}
     * otherwise: a conversation's messages go from its own number).
     */
    public PreparedSend inConversation(ConversationId conversation, String phoneNumberId) {
        String chosen = phoneNumberId == null || phoneNumberId.isBlank() ? null : numbers.chosen(phoneNumberId);
        ContactDirectory.ConversationOwner owner = directory.owner(conversation);
        if (owner == null) {
            return null;
        }
        String from = numbers.from(owner.phoneNumberId());
        if (chosen != null && !chosen.equals(from)) {
            String reason = "the conversation goes from its own number, " + from;
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "Conversation " + conversation.value() + " is on "
                    + "business number " + from + ", not " + chosen,
                    Map.of("errors", List.of(new FieldViolation("phoneNumberId", reason))));
        }
        return new PreparedSend(owner.contactId(), conversation, consent.optedOut(owner.contactId()), null);
    }

    /**
     * A send to a phone number (digits, international format) from the business number {@code phoneNumberId} (blank:
     * the default; one that is not ours is refused with {@code UNKNOWN_BUSINESS_NUMBER}); a new conversation is opened
     * by its first message ({@link #queueing}). The number is registered even when it was linked before: a link
     * whose registration never committed (before a send was one transaction) heals here. The contact and its
     * conversation are locked first, in the one order ({@link AggregateLocks}): the caller's unit of work holds both
     * until it commits. With Axon Server, whose commands do not join the caller's unit of work, a new conversation
     * is opened at once instead.
     */
    public PreparedSend toNumber(String phoneNumberId, String waId, Instant at) {
        String from = phoneNumberId == null || phoneNumberId.isBlank() ? defaultNumber()
                : numbers.chosen(phoneNumberId);
        ContactId contact = directory.resolveAll(List.of(waId)).get(waId).contactId();
        locks.takeInOrder(List.of(contact.value(), ContactDirectory.idOfConversation(from, contact).value()));
        commands.sendAndWait(new RegisterContact(contact, waId, null, null, at));
        PreparedSend send = toContacts(from, List.of(contact)).get(contact);
        // where commands run in units of work of their own (Axon Server), the directory's row has committed already:
        // the conversation is opened now, so that a refused first message cannot leave a row without a conversation
        return locks.commandsHandledHere() ? send : open(send, at);
    }

    /**
     * Sends to phone numbers from the business number {@code phoneNumberId} (a campaign's; null: the default), by
     * number; a new conversation is opened by its first message: the caller dispatches {@link #queueing} or
     * {@link #open} for every send in the same unit of work (a campaign's batch). The numbers are a campaign's
     * audience, registered as contacts with their links when it was resolved ({@code ContactRegistration}, one
     * transaction): only a number linked now (its contact erased since) is registered again, so a recipient costs no
     * command to its contact.
     */
    public Map<String, PreparedSend> toNumbersOpenedByTheirMessage(String phoneNumberId, Collection<String> waIds,
                                                                   Instant at) {
        Map<String, ContactDirectory.Resolved> contacts = directory.resolveAll(waIds);
        contacts.forEach((waId, contact) -> {
            if (contact.linkedNow()) {
                commands.sendAndWait(new RegisterContact(contact.contactId(), waId, null, null, at));
            }
        });
        Map<ContactId, PreparedSend> byContact = toContactsOpenedByTheirMessage(phoneNumberId, contacts.values()
                .stream().map(ContactDirectory.Resolved::contactId).toList());
        Map<String, PreparedSend> prepared = new LinkedHashMap<>();
        contacts.forEach((waId, contact) -> prepared.put(waId, byContact.get(contact.contactId())));
        return prepared;
    }

    /**
     * Sends to known contacts on the business number {@code phoneNumberId} (null: the default), by contact; a new
     * conversation is opened by its first message, as {@link #toNumbersOpenedByTheirMessage} says.
     */
    public Map<ContactId, PreparedSend> toContactsOpenedByTheirMessage(String phoneNumberId,
                                                                       Collection<ContactId> contacts) {
        return toContacts(phoneNumberId == null ? defaultNumber() : phoneNumberId, contacts);
    }

    private Map<ContactId, PreparedSend> toContacts(String phoneNumberId, Collection<ContactId> contacts) {
        Map<ContactId, ContactDirectory.Entered> conversations = directory.conversationsOf(phoneNumberId, contacts);
        Set<ContactId> optedOut = consent.optedOutAmong(conversations.keySet());
        Map<ContactId, PreparedSend> prepared = new LinkedHashMap<>();
        conversations.forEach((contact, conversation) -> prepared.put(contact, new PreparedSend(contact,
                conversation.conversationId(), optedOut.contains(contact), conversation.enteredNow() ? phoneNumberId
                : null)));
        return prepared;
    }

    /** The command that queues {@code message} for a prepared send, opening its conversation with it when new. */
    public Object queueing(PreparedSend send, SendMessage message) {
        return send.openOn() == null ? message
                : new OpenConversationAndSend(send.conversationId(), send.contactId(), send.openOn(), message);
    }

    /** Opens the send's conversation now if it is still to be opened (a recipient skipped without a message). */
    public PreparedSend open(PreparedSend send, Instant at) {
        if (send.openOn() == null) {
            return send;
        }
        commands.sendAndWait(new OpenConversation(send.conversationId(), send.contactId(), send.openOn(), at));
        return new PreparedSend(send.contactId(), send.conversationId(), send.optedOut(), null);
    }

    /**
     * Sends that name no number go from the default one ({@link BusinessNumbers#UNKNOWN} when none is configured:
     * they fail, saying so).
     */
    private String defaultNumber() {
        return numbers.defaultNumber() == null ? BusinessNumbers.UNKNOWN : numbers.defaultNumber();
    }
}
