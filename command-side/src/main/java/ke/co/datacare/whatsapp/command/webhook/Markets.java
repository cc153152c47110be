package ke.co.datacare.whatsapp.command.webhook;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/** The market Meta prices a message in: the country of the recipient's number (by its calling code). */
final class Markets {

    private static final PhoneNumberUtil NUMBERS = PhoneNumberUtil.getInstance();

    private Markets() {
    }

    /** The ISO 3166 country of a WhatsApp number ({@code wa_id}, digits with the calling code), or null. */
    static String of(String waId) {
        if (waId == null || waId.isBlank()) {
            return null;
        }
        try {
            String region = NUMBERS.getRegionCodeForNumber(NUMBERS.parse("+" + waId.replaceAll("\\D", ""), null));
            return region == null || "ZZ".equals(region) ? null : region;
        } catch (NumberParseException notANumber) {
            return null;
        }
    }
}
