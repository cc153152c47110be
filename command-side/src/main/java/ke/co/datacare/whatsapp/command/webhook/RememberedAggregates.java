package ke.co.datacare.whatsapp.command.webhook;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.command.contact.ContactDirectory;

import java.util.Collection;
import java.util.List;

/**
 * The contacts and conversations that items will load, as far as this instance knows them without asking the
 * database: customers the contact directory remembers, and their conversations on the items' business numbers. A
 * batch declares them so that their cached copies are checked with one query ({@code CommandBatch}); a customer the
 * directory does not remember is left out (a new one is in no cache, any other is checked alone).
 */
final class RememberedAggregates {

    private final ContactDirectory directory;

    RememberedAggregates(ContactDirectory directory) {
        this.directory = directory;
    }

    void addTo(Collection<String> aggregates, List<WebhookItem> items) {
        for (WebhookItem item : items) {
            CustomerKey.Party party = CustomerKey.partyOf(item);
            ContactId contact = party == null ? null
                    : directory.rememberedContactOf(party.customer().waId(), party.customer().userId());
            if (contact != null) {
                aggregates.add(contact.value());
                if (party.businessNumber() != null && !party.businessNumber().isBlank()) {
                    aggregates.add(ContactDirectory.idOfConversation(party.businessNumber(), contact).value());
                }
            }
        }
    }
}
