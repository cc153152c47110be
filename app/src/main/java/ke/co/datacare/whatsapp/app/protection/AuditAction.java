package ke.co.datacare.whatsapp.app.protection;

/** What was done to personal data, as the audit log names it. */
enum AuditAction {
    /** The event history exported with pseudonyms instead of contact ids and without personal fields. */
    PSEUDONYMOUS_EXPORT,
    /** The event history exported as stored, personal fields encrypted, by an admin who gave no reason. */
    STORED_EXPORT,
    /** The event history exported with personal fields in clear, by an admin with a reason. */
    CLEAR_EXPORT,
    /** A contact's personal data erased. */
    ERASURE,
    /** Everything held about a contact handed out for a subject access request. */
    SUBJECT_ACCESS
}
