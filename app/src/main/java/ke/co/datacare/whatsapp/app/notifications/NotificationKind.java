package ke.co.datacare.whatsapp.app.notifications;

/** Why an email goes out; each kind follows one of the user's preferences. */
enum NotificationKind {
    ESCALATION,
    SLA_BREACH,
    CUSTOMER_WAITING,
    CAMPAIGN_COMPLETED,
    CAMPAIGN_PAUSED,
    DAILY_DIGEST,
    /** Something an admin must act on to keep the service working (an integration disabled): always sent. */
    OPERATIONS;

    boolean wantedBy(NotificationPreferences.Preferences preferences) {
        return switch (this) {
            case ESCALATION -> preferences.escalations();
            case SLA_BREACH -> preferences.slaBreaches();
            case CUSTOMER_WAITING -> preferences.waitingCustomers();
            case CAMPAIGN_COMPLETED, CAMPAIGN_PAUSED -> preferences.campaigns();
            case DAILY_DIGEST -> preferences.dailyDigest();
            case OPERATIONS -> true;
        };
    }
}
