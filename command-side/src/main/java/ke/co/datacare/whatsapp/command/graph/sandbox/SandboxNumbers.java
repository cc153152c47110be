package ke.co.datacare.whatsapp.command.graph.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The business numbers the sandbox plays Meta for: the configured ones ({@code datacare.whatsapp.phone-number-id}
 * first, then {@code datacare.whatsapp.numbers.ids}), the first shown as {@code datacare.whatsapp.sandbox
 * .display-phone-number} and each next one as the number after it; each with its own health. Zero setup has one.
 */
final class SandboxNumbers {

    private final Map<String, String> displayById = new LinkedHashMap<>();
    private final Map<String, SandboxNumber> healthById = new LinkedHashMap<>();

    SandboxNumbers(List<String> ids, String firstDisplayPhoneNumber) {
        for (String id : ids) {
            if (!displayById.containsKey(id)) {
                displayById.put(id, displayNumber(firstDisplayPhoneNumber, displayById.size()));
                healthById.put(id, new SandboxNumber());
            }
        }
    }

    List<String> ids() {
        return List.copyOf(displayById.keySet());
    }

    /** Each number's display number, by id. */
    Map<String, String> displayPhoneNumbers() {
        return Map.copyOf(displayById);
    }

    boolean knows(String phoneNumberId) {
        return phoneNumberId != null && displayById.containsKey(phoneNumberId);
    }

    /** The first number's, when the sandbox answers for a number it does not list. */
    String first() {
        return displayById.keySet().iterator().next();
    }

    String displayPhoneNumber(String phoneNumberId) {
        return displayById.getOrDefault(phoneNumberId, displayById.get(first()));
    }

    SandboxNumber health(String phoneNumberId) {
        return healthById.getOrDefault(phoneNumberId, healthById.get(first()));
    }

    private static String displayNumber(String first, int index) {
        if (index == 0) {
            return first;
        }
        try {
            return String.valueOf(Long.parseLong(first) + index);
        } catch (NumberFormatException notDigits) {
            return first + "-" + index;
        }
    }
}
