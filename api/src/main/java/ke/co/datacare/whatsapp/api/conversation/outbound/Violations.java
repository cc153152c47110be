package ke.co.datacare.whatsapp.api.conversation.outbound;

import java.util.ArrayList;
import java.util.List;

final class Violations {

    private final List<FieldViolation> found = new ArrayList<>();

    void add(String field, String reason) {
        found.add(new FieldViolation(field, reason));
    }

    void check(boolean valid, String field, String reason) {
        if (!valid) {
            add(field, reason);
        }
    }

    void required(String field, String value) {
        check(!isBlank(value), field, "is required");
    }

    /** Lengths count characters (code points), so an emoji counts once. */
    void length(String field, String value, int min, int max) {
        int length = length(value);
        if (length < min) {
            add(field, min == 1 ? "is required" : "must have at least " + min + " characters");
        } else if (length > max) {
            add(field, "must have at most " + max + " characters");
        }
    }

    void atMost(String field, String value, int max) {
        length(field, value, 0, max);
    }

    List<FieldViolation> list() {
        return List.copyOf(found);
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static int length(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        return value.codePointCount(0, value.length());
    }
}
