package ke.co.datacare.whatsapp.query.admin;

import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.eventhandling.AllowReplay;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.AnnotatedHandlerInspector;
import org.axonframework.messaging.annotation.ClasspathHandlerDefinition;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.MessageHandlerInterceptorMemberChain;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.NoMoreInterceptors;
import org.axonframework.messaging.annotation.ParameterResolverFactory;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.time.Instant;
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
 * <p>
 * A handler method whose parameters are the payload and any of {@code @SequenceNumber}, {@code @Timestamp} and the
 * event message itself is called directly, through a method handle made once, instead of through Axon's reflective
 * call and parameter resolvers; a projection with handler interceptors, a handler with other parameters or one that
 * says whether it takes replays is called through Axon as before.
 */
final class ProjectionHandlers {

    private final List<Projection> projections = new ArrayList<>();
    private final Map<Class<?>, Call[]> callsByType = new HashMap<>();

    private record Projection(Object bean, AnnotationEventHandlerAdapter adapter,
                              AnnotatedHandlerInspector<Object> inspector,
                              MessageHandlerInterceptorMemberChain<Object> interceptors) {
    }

    /** One projection's handler of a payload type; {@code direct} calls it as {@code (bean, event)}, if it can. */
    private record Call(int projection, MessageHandlingMember<? super Object> handler, MethodHandle direct) {
    }

    private static final MethodType DIRECT = MethodType.methodType(void.class, Object.class, EventMessage.class);

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
            if (call.direct() != null) {
                invoke(call.direct(), projection.bean(), event);
            } else {
                projection.interceptors().handle(event, projection.bean(), call.handler());
            }
            spent[call.projection()] += System.nanoTime() - started;
        }
    }

    private static void invoke(MethodHandle direct, Object bean, EventMessage<?> event) throws Exception {
        try {
            direct.invokeExact(bean, (EventMessage) event);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("A handler of " + bean.getClass().getName() + " failed", e);
        }
    }

    /**
     * The handler as a method handle of {@code (bean, event)}, or {@code null} when it is not a plain method of the
     * projection taking only what this resolves itself (see the class comment).
     */
    private static MethodHandle direct(Projection projection, MessageHandlingMember<? super Object> handler) {
        Method method = handler.unwrap(Method.class).orElse(null);
        if (method == null || !(projection.interceptors() instanceof NoMoreInterceptors)
                || AnnotationUtils.isAnnotationPresent(method, AllowReplay.class)
                || AnnotationUtils.isAnnotationPresent(method.getDeclaringClass(), AllowReplay.class)
                || AnnotationUtils.isAnnotationPresent(projection.bean().getClass(), AllowReplay.class)
                || method.getParameterCount() == 0 || method.getReturnType() != void.class) {
            return null;
        }
        Parameter[] parameters = method.getParameters();
        MethodHandle[] arguments = new MethodHandle[parameters.length];
        arguments[0] = PAYLOAD;
        for (int i = 1; i < parameters.length; i++) {
            arguments[i] = argument(parameters[i]);
            if (arguments[i] == null) {
                return null;
            }
        }
        if (parameters[0].getAnnotations().length > 0 || !parameters[0].getType().isAssignableFrom(handler.payloadType())) {
            return null;
        }
        try {
            method.setAccessible(true);
            MethodHandle target = MethodHandles.lookup().unreflect(method);
            target = target.asType(target.type().changeParameterType(0, Object.class));
            for (int i = 0; i < arguments.length; i++) {
                arguments[i] = arguments[i].asType(MethodType.methodType(parameters[i].getType(), EventMessage.class));
            }
            target = MethodHandles.filterArguments(target, 1, arguments);
            int[] reorder = new int[parameters.length + 1];
            java.util.Arrays.fill(reorder, 1);
            reorder[0] = 0;
            return MethodHandles.permuteArguments(target, DIRECT, reorder);
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    /** What a handler parameter after the payload takes from the event, {@code null} if not one of those known. */
    private static MethodHandle argument(Parameter parameter) {
        Class<?> type = parameter.getType();
        if (AnnotationUtils.isAnnotationPresent(parameter, SequenceNumber.class)) {
            return type == long.class || type == Long.class ? SEQUENCE : null;
        }
        if (AnnotationUtils.isAnnotationPresent(parameter, Timestamp.class)) {
            return type == Instant.class ? TIMESTAMP : null;
        }
        if (parameter.getAnnotations().length == 0 && Message.class.isAssignableFrom(type)
                && type.isAssignableFrom(DomainEventMessage.class)) {
            return EVENT;
        }
        return null;
    }

    private static long sequenceOf(EventMessage<?> event) {
        return ((DomainEventMessage<?>) event).getSequenceNumber();
    }

    private static final MethodHandle PAYLOAD;
    private static final MethodHandle SEQUENCE;
    private static final MethodHandle TIMESTAMP;
    private static final MethodHandle EVENT = MethodHandles.identity(EventMessage.class);

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PAYLOAD = lookup.findVirtual(EventMessage.class, "getPayload", MethodType.methodType(Object.class));
            TIMESTAMP = lookup.findVirtual(EventMessage.class, "getTimestamp", MethodType.methodType(Instant.class));
            SEQUENCE = lookup.findStatic(ProjectionHandlers.class, "sequenceOf",
                    MethodType.methodType(long.class, EventMessage.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Call[] callsFor(EventMessage<?> event) {
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < projections.size(); i++) {
            Projection projection = projections.get(i);
            int index = i;
            projection.inspector().getHandlers(projection.bean().getClass())
                    .filter(handler -> handler.canHandle(event)).findFirst()
                    .ifPresent(handler -> calls.add(new Call(index, handler, direct(projection, handler))));
        }
        return calls.toArray(Call[]::new);
    }
}
