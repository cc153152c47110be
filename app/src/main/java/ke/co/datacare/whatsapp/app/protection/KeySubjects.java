package ke.co.datacare.whatsapp.app.protection;

/**
 * Whose data key encrypts an event's personal data, from the event's {@code @DataSubject} value: a contact's own
 * key, also for the events of its conversations, so that deleting one key erases everything of the contact.
 */
@FunctionalInterface
public interface KeySubjects {

    /** The id the data key is stored under for this subject value (a contact id, or a conversation id). */
    String keySubjectOf(Object subject);
}
