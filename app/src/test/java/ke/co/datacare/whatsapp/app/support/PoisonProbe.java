package ke.co.datacare.whatsapp.app.support;

import ke.co.datacare.whatsapp.api.conversation.TextMessageReceived;
import org.axonframework.eventhandling.EventHandler;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An event handler that fails on every text saying "POISON" until it is mended, and notes the texts it handled.
 * A test subclasses it with the {@code @ProcessingGroup} it probes.
 */
public abstract class PoisonProbe {

    public final Set<String> handled = ConcurrentHashMap.newKeySet();
    public final AtomicBoolean mended = new AtomicBoolean();

    @EventHandler
    void on(TextMessageReceived event) {
        if (event.body().contains("POISON") && !mended.get()) {
            throw new IllegalStateException("cannot handle this one");
        }
        handled.add(event.body());
    }
}
