package ke.co.datacare.whatsapp.command.contact;

import java.util.Collection;

/**
 * Where contacts' personal data is sealed with a key of their own: makes the keys of contacts registered together in
 * one go, in the caller's transaction, before their events are stored (which would otherwise make them one statement
 * each).
 */
public interface NewContactKeys {

    /** Makes (or finds) the data keys of the contacts {@code contactIds} for the current transaction. */
    void prepareFor(Collection<String> contactIds);
}
