package ke.co.datacare.whatsapp.api.contact;

/** How people see a contact named: the profile name, else {@code @} and the username, else {@code +} and the number. */
public final class ContactName {

    private ContactName() {
    }

    public static String shown(String profileName, String username, String waId) {
        if (profileName != null) {
            return profileName;
        }
        if (username != null) {
            return "@" + username;
        }
        return phoneNumber(waId);
    }

    /** A {@code wa_id} as a phone number people read ({@code +} and the digits), or null. */
    public static String phoneNumber(String waId) {
        return waId == null ? null : "+" + waId;
    }
}
