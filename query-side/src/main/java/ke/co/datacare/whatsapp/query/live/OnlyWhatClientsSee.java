package ke.co.datacare.whatsapp.query.live;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Lets an event through to the live updates only when a connected client would be told of it: someone is connected,
 * the event belongs to a conversation, and a note only when a client that sees notes is connected. Decided by the
 * payload's type alone, so an event nobody sees is never deserialized (nor its personal data decrypted): with no
 * client connected the group costs only its reading of the store.
 */
class OnlyWhatClientsSee implements MessageHandlerInterceptor<EventMessage<?>> {

    private final LiveStream stream;

    OnlyWhatClientsSee(LiveStream stream) {
        this.stream = stream;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        return stream.anyoneWouldSee(unitOfWork.getMessage().getPayloadType()) ? interceptorChain.proceed() : null;
    }
}
