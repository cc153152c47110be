package ke.co.datacare.whatsapp.query.admin;

import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectionHandlersTest {

    record Named(String name) {
    }

    record Counted(int count) {
    }

    record Refused(String reason) {
    }

    private static final Instant AT = Instant.parse("2026-12-07T08:00:00Z");

    /** Records what each handler was given, and whether Axon's reflective call was on the stack. */
    static class Projection {
        final List<String> seen = new ArrayList<>();
        final List<Boolean> throughAxon = new ArrayList<>();

        @EventHandler
        void on(Named event, @SequenceNumber long sequence, @Timestamp Instant at) {
            record("named " + event.name() + " #" + sequence + " at " + at);
        }

        @EventHandler
        void on(Counted event, EventMessage<?> message) {
            record("counted " + event.count() + " id " + message.getIdentifier());
        }

        @EventHandler
        void on(Refused event) {
            throw new IllegalArgumentException(event.reason());
        }

        void record(String what) {
            seen.add(what);
            throughAxon.add(Arrays.stream(new Throwable().getStackTrace())
                    .anyMatch(frame -> frame.getClassName().contains("AnnotatedMessageHandlingMember")));
        }
    }

    /** A handler with a parameter the rebuild does not resolve itself, and one that says it takes no replays. */
    static class Other {
        final List<String> seen = new ArrayList<>();
        final List<Boolean> throughAxon = new ArrayList<>();

        @EventHandler
        void on(Named event, @MetaDataValue("channel") String channel) {
            seen.add("named " + event.name() + " on " + channel);
            throughAxon.add(Arrays.stream(new Throwable().getStackTrace())
                    .anyMatch(frame -> frame.getClassName().contains("AnnotatedMessageHandlingMember")));
        }

        @DisallowReplay
        @EventHandler
        void on(Counted event) {
            seen.add("counted " + event.count());
            throughAxon.add(Arrays.stream(new Throwable().getStackTrace())
                    .anyMatch(frame -> frame.getClassName().contains("AnnotatedMessageHandlingMember")));
        }
    }

    private static EventMessage<?> event(Object payload, long sequence, String id) {
        return new GenericDomainEventMessage<>("Contact", "c-1", sequence, payload,
                MetaData.with("channel", "whatsapp"), id, AT);
    }

    private static ProjectionHandlers handlers(Object... beans) {
        return new ProjectionHandlers(List.of(beans), ClasspathParameterResolverFactory.forClass(Projection.class));
    }

    @Test
    void handlers_taking_the_payload_sequence_timestamp_or_message_are_called_directly_with_what_axon_would_give() throws Exception {
        Projection projection = new Projection();
        ProjectionHandlers handlers = handlers(projection);
        long[] spent = new long[1];

        handlers.handle(event(new Named("Wanjiru"), 3, "e-1"), spent);
        handlers.handle(event(new Counted(2), 4, "e-2"), spent);
        handlers.handle(event(new Named("Otieno"), 5, "e-3"), spent);

        assertThat(projection.seen).containsExactly("named Wanjiru #3 at " + AT, "counted 2 id e-2",
                "named Otieno #5 at " + AT);
        assertThat(projection.throughAxon).containsOnly(false);
        assertThat(spent[0]).isPositive();
    }

    @Test
    void other_parameters_go_through_axon_as_before() throws Exception {
        Other other = new Other();
        ProjectionHandlers handlers = handlers(other);

        handlers.handle(event(new Named("Achieng"), 1, "e-1"), new long[1]);
        handlers.handle(event(new Counted(7), 2, "e-2"), new long[1]);

        assertThat(other.seen).containsExactly("named Achieng on whatsapp", "counted 7");
        assertThat(other.throughAxon).containsOnly(true);
    }

    @Test
    void a_failing_handler_fails_with_its_own_exception() {
        ProjectionHandlers handlers = handlers(new Projection());

        assertThatThrownBy(() -> handlers.handle(event(new Refused("no such contact"), 1, "e-1"), new long[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no such contact");
    }
}
