package ke.co.datacare.whatsapp.api.contact;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.protection.DataSubject;
import ke.co.datacare.whatsapp.api.protection.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The contact's WhatsApp username (Meta's {@code profile.username}, since 2026) was first seen or changed. Users may
 * change it, so it names the contact for people and personalisation; it never identifies them.
 */
@Revision("1")
public record ContactUsernameChanged(@DataSubject ContactId contactId, @PersonalData String username, Instant at) {
}
