package ke.co.datacare.whatsapp.query.batch;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KnownRowsTest {

    @Test
    void a_conversation_found_absent_is_not_looked_up_again() {
        Map<String, String> conversations = new HashMap<>();
        List<String> lookedUp = new ArrayList<>();

        String first = KnownRows.known(conversations, "conversation-1", id -> {
            lookedUp.add(id);
            return null;
        });
        String again = KnownRows.known(conversations, "conversation-1", id -> {
            lookedUp.add(id);
            return "found later";
        });

        assertThat(first).isNull();
        assertThat(again).isNull();
        assertThat(lookedUp).containsExactly("conversation-1");
    }

    @Test
    void a_conversation_the_batch_holds_is_answered_without_a_look_up() {
        Map<String, String> conversations = new HashMap<>(Map.of("conversation-1", "open"));
        List<String> lookedUp = new ArrayList<>();

        String row = KnownRows.known(conversations, "conversation-1", id -> {
            lookedUp.add(id);
            return "stored";
        });

        assertThat(row).isEqualTo("open");
        assertThat(lookedUp).isEmpty();
    }

    @Test
    void a_conversation_loaded_once_is_kept_for_the_next_events() {
        Map<String, String> conversations = new HashMap<>();

        KnownRows.known(conversations, "conversation-2", id -> "pending");

        assertThat(conversations).containsEntry("conversation-2", "pending");
        assertThat(KnownRows.known(conversations, "conversation-2", id -> "other")).isEqualTo("pending");
    }
}
