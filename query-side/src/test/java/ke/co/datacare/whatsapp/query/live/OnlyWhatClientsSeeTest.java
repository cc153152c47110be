package ke.co.datacare.whatsapp.query.live;

import ke.co.datacare.whatsapp.api.contact.ContactFirstSeen;
import ke.co.datacare.whatsapp.api.conversation.NoteAdded;
import ke.co.datacare.whatsapp.api.conversation.TextMessageReceived;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which events the live updates pass over before reading them: those no connected client would be told of. */
class OnlyWhatClientsSeeTest {

    private final LiveStream stream = new LiveStream();

    @Test
    void withNobodyConnectedNoEventIsRead() {
        assertThat(stream.anyoneWouldSee(TextMessageReceived.class)).isFalse();
        assertThat(stream.anyoneWouldSee(NoteAdded.class)).isFalse();
    }

    @Test
    void aConnectedClientIsToldOfConversationEventsButNotOfEventsWithoutAConversation() {
        stream.subscribe(false);

        assertThat(stream.anyoneWouldSee(TextMessageReceived.class)).isTrue();
        assertThat(stream.anyoneWouldSee(ContactFirstSeen.class)).isFalse();
        assertThat(stream.anyoneWouldSee(String.class)).isFalse();
    }

    @Test
    void notesAreReadOnlyWhileAClientThatSeesNotesIsConnected() {
        stream.subscribe(false);
        assertThat(stream.anyoneWouldSee(NoteAdded.class)).isFalse();

        stream.subscribe(true);
        assertThat(stream.anyoneWouldSee(NoteAdded.class)).isTrue();
    }
}
