package ke.co.datacare.whatsapp.command.contact;

/** Phone numbers as WhatsApp ids ({@code wa_id}): digits in international format, country code first. */
public final class PhoneNumbers {

    private PhoneNumbers() {
    }

    /** Digits of an international phone number ('+', spaces, dashes, dots and brackets dropped), or null. */
    public static String waIdOf(String phoneNumber) {
        if (phoneNumber == null) {
            return null;
        }
        String digits = phoneNumber.strip().replaceAll("[\\s\\-.()]", "");
        if (digits.startsWith("+")) {
            digits = digits.substring(1);
        }
        return digits.matches("[1-9]\\d{5,14}") ? digits : null;
    }
}
