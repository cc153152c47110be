package ke.co.datacare.whatsapp.api.conversation.outbound;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

final class Lists {

    private Lists() {
    }

    /** An unmodifiable copy that keeps null elements, so that the validator can name them. */
    static <T> List<T> copyOf(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
