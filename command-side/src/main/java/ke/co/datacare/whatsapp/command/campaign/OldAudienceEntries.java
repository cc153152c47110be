package ke.co.datacare.whatsapp.command.campaign;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.contact.IdentityType;
import ke.co.datacare.whatsapp.api.protection.PersonalData;
import ke.co.datacare.whatsapp.command.contact.PhoneNumbers;

import java.util.regex.Pattern;

/**
 * How the upcasters read an audience entry of an event written when campaign events still held phone numbers: a
 * phone number reads as the id the contact directory derived from it then (the id its contact has unless the number
 * reached us first through another identity), a contact id stays, anything else reads "erased". Pure: no lookup,
 * so reading an old event gives the same answer on every instance and in every replay. The derivation is the unkeyed
 * one ({@link ContactId#derivedFrom}) on purpose: such events were written before new contacts got keyed ids, so
 * that is the id a number's contact was given when the event was written.
 */
final class OldAudienceEntries {

    private static final Pattern CONTACT_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private OldAudienceEntries() {
    }

    /** The contact id a phone number of an old upload reads as (null when it is not a phone number). */
    static String contactOfNumber(String phoneNumber) {
        String waId = PhoneNumbers.waIdOf(phoneNumber);
        return waId == null ? null : ContactId.derivedFrom(IdentityType.WA_ID.key(waId)).value();
    }

    /** What an old excluded entry reads as: a contact id, never a number. */
    static String withoutNumber(String entry) {
        if (entry != null && CONTACT_ID.matcher(entry).matches()) {
            return entry;
        }
        String contact = contactOfNumber(entry);
        return contact != null ? contact : PersonalData.ERASED;
    }
}
