package ke.co.datacare.whatsapp.command.conversation;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a conversation has taken from the WhatsApp Business app on the same number (coexistence): the messages staff
 * typed there, recent ones by wamid to drop Meta's redeliveries (kept as long as inbound keys), and the history chunks
 * imported, by name (a few per conversation: Meta sends at most three phases of chunks, once).
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class BusinessAppRecord {

    private final RecentMessageKeys messages = new RecentMessageKeys();
    private final Set<String> chunks = new LinkedHashSet<>();

    boolean recorded(String wamid) {
        return messages.contains(wamid);
    }

    boolean imported(String chunk) {
        return chunks.contains(chunk);
    }

    void recordedMessage(String wamid, Instant sentAt) {
        messages.remember(wamid, sentAt);
    }

    void importedChunk(String chunk) {
        chunks.add(chunk);
    }
}
