package ke.co.datacare.whatsapp.command.campaign;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.command.batch.CommandBatch;
import ke.co.datacare.whatsapp.command.contact.ContactRegistration;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The numbers of an uploaded audience become contacts before the upload is recorded, so that
 * {@code CampaignAudienceUploaded} names contact ids: registered in bulk ({@link ContactRegistration}), {@code CHUNK}
 * numbers per transaction. A chunk that commits stays registered even if a later one or the upload itself fails
 * (a contact without a campaign, as a contact import would leave it); uploading again finds them registered.
 */
@Component
class AudienceUpload {

    static final int CHUNK = 1_000;

    private final ContactRegistration registration;
    private final CommandBatch transactions;

    AudienceUpload(ContactRegistration registration, CommandBatch transactions) {
        this.registration = registration;
        this.transactions = transactions;
    }

    /** The contact of each number, in the numbers' order (a number given twice gives its contact twice). */
    List<ContactId> contactsOf(List<String> waIds, Instant at) {
        List<ContactId> contacts = new ArrayList<>(waIds.size());
        for (int from = 0; from < waIds.size(); from += CHUNK) {
            List<String> chunk = waIds.subList(from, Math.min(waIds.size(), from + CHUNK));
            Map<String, ContactId> registered = transactions.inOneUnitOfWork(() -> registration.registerAll(chunk, at));
            chunk.forEach(waId -> contacts.add(registered.get(waId)));
        }
        return contacts;
    }
}
