package ke.co.datacare.whatsapp.command.contact;

import ke.co.datacare.whatsapp.api.common.ContactId;

/**
 * How a new contact's id is derived from the identity it is first seen with ({@code wa_id:<number>}): the same on
 * every instance, so concurrent deliveries of one identity meet on one aggregate, and keyed, so that nobody can
 * compute it from a number without the key (docs/data-protection.md, "Contact ids").
 */
@FunctionalInterface
public interface ContactIdDerivation {

    ContactId derive(String naturalKey);
}
