package ke.co.datacare.whatsapp.api.query;

import java.util.List;

/** The contacts with these ids (as {@link ContactSummary}), in no particular order; unknown ids are left out. */
public record FindContactsById(List<String> contactIds) {
}
