package ke.co.datacare.whatsapp.chatbot.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import ke.co.datacare.whatsapp.chatbot.engine.ConversationContext;
import org.junit.jupiter.api.Test;

class InMemoryConversationContextStoreTest {

    private static final ConversationContext CONTEXT = ConversationContext.fresh().withLastIntent("thanks");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T07:00:00Z"));

    @Test
    void forgets_a_context_once_its_time_to_live_has_passed() {
        InMemoryConversationContextStore store = new InMemoryConversationContextStore(Duration.ofHours(24), 10, clock);
        store.save("conv", CONTEXT);

        clock.advance(Duration.ofHours(23).plusMinutes(59));
        assertThat(store.load("conv")).contains(CONTEXT);

        clock.advance(Duration.ofMinutes(1));
        assertThat(store.load("conv")).isEmpty();
        assertThat(store.size()).isZero();
    }

    @Test
    void restarts_the_time_to_live_on_every_save() {
        InMemoryConversationContextStore store = new InMemoryConversationContextStore(Duration.ofHours(1), 10, clock);
        store.save("conv", CONTEXT);
        clock.advance(Duration.ofMinutes(50));
        store.save("conv", CONTEXT.withBotTurns(1));

        clock.advance(Duration.ofMinutes(50));

        assertThat(store.load("conv")).contains(CONTEXT.withBotTurns(1));
    }

    @Test
    void drops_the_least_recently_used_conversation_when_full() {
        InMemoryConversationContextStore store = new InMemoryConversationContextStore(Duration.ofHours(1), 2, clock);
        store.save("a", CONTEXT);
        store.save("b", CONTEXT);
        store.load("a");

        store.save("c", CONTEXT);

        assertThat(store.load("a")).isPresent();
        assertThat(store.load("b")).isEmpty();
        assertThat(store.load("c")).isPresent();
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void clears_a_conversation() {
        InMemoryConversationContextStore store = new InMemoryConversationContextStore(Duration.ofHours(1), 2, clock);
        store.save("conv", CONTEXT);

        store.clear("conv");

        assertThat(store.load("conv")).isEmpty();
    }
}
