package ke.co.datacare.whatsapp.query.readmodel;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Wraps the event handlers of the projections that had a processing group of their own before
 * {@link ReadModels#GROUP}: an event their former group had applied is not applied again ({@link LegacyTokenHandover}).
 */
@Component
class LegacyTokenGate implements HandlerEnhancerDefinition {

    private final ObjectProvider<LegacyTokenHandover> provider;
    private volatile LegacyTokenHandover handover;

    LegacyTokenGate(ObjectProvider<LegacyTokenHandover> provider) {
        this.provider = provider;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        Class<?> projection = original.declaringClass();
        boolean former = LegacyTokenHandover.FORMER_GROUPS.values().stream()
                .anyMatch(projections -> projections.contains(projection.getSimpleName()));
        if (!former || !original.canHandleMessageType(TrackedEventMessage.class)) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                if (message instanceof TrackedEventMessage<?> event
                        && handover().alreadyApplied(projection, event)) {
                    return null;
                }
                return super.handle(message, target);
            }
        };
    }

    /** Resolved on first use: handler enhancers are built before most beans. */
    private LegacyTokenHandover handover() {
        LegacyTokenHandover resolved = handover;
        if (resolved == null) {
            resolved = provider.getObject();
            handover = resolved;
        }
        return resolved;
    }
}
