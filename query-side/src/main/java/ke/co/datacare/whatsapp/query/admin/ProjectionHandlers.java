package ke.co.datacare.whatsapp.query.admin;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.annotation.AnnotatedHandlerInspector;
import org.axonframework.messaging.annotation.ClasspathHandlerDefinition;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.MessageHandlerInterceptorMemberChain;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.ParameterResolverFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The event handlers of the projections a rebuild feeds, as Axon's annotation adapter would call them (the first
 * handler of the projection that can handle the event, through the projection's handler interceptors), with each
 * projection's handler of a payload type looked up once instead of once per event: which handler takes an event
 * depends on its payload type only (every event of the stream is a domain event with a sequence number and a
 * timestamp). Used by the rebuild's single thread.
 */
final class ProjectionHandlers {

    private final List<Projection> projections = new ArrayList<>();
    private final Map<Class<?>, Call[]> callsByType = new HashMap<>();

    private record Projection(Object bean, AnnotationEventHandlerAdapter adapter,
                              AnnotatedHandlerInspector<Object> inspector,
                              MessageHandlerInterceptorMemberChain<Object> interceptors) {
    }

    /** One projection's handler of a payload type. */
    private record Call(int projection, MessageHandlingMember<? super Object> handler) {
    }

    ProjectionHandlers(List<Object> beans, ParameterResolverFactory resolvers) {
        for (Object bean : beans) {
            @SuppressWarnings("unchecked")
            Class<Object> type = (Class<Object>) bean.getClass();
            HandlerDefinition definition = ClasspathHandlerDefinition.forClass(type);
            AnnotatedHandlerInspector<Object> inspector = AnnotatedHandlerInspector.inspectType(type, resolvers,
                    definition);
            projections.add(new Projection(bean, new AnnotationEventHandlerAdapter(bean, resolvers, definition),
                    inspector, inspector.chainedInterceptor(type)));
        }
    }

    int size() {
        return projections.size();
    }

    Class<?> projectionType(int projection) {
        return projections.get(projection).adapter().getTargetType();
    }

    /** Whether any of the projections has a handler for events of this payload class. */
    boolean takeType(Class<?> payloadType) {
        return projections.stream().anyMatch(projection -> projection.adapter().canHandleType(payloadType));
    }

    /** Hands {@code event} to every projection that handles it, adding the nanoseconds each took to {@code spent}. */
    void handle(EventMessage<?> event, long[] spent) throws Exception {
        for (Call call : callsByType.computeIfAbsent(event.getPayloadType(), type -> callsFor(event))) {
            Projection projection = projections.get(call.projection());
            long started = System.nanoTime();
            projection.interceptors().handle(event, projection.bean(), call.handler());
            spent[call.projection()] += System.nanoTime() - started;
        }
    }

    private Call[] callsFor(EventMessage<?> event) {
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < projections.size(); i++) {
            Projection projection = projections.get(i);
            int index = i;
            projection.inspector().getHandlers(projection.bean().getClass())
                    .filter(handler -> handler.canHandle(event)).findFirst()
                    .ifPresent(handler -> calls.add(new Call(index, handler)));
        }
        return calls.toArray(Call[]::new);
    }
}
