package ke.co.datacare.whatsapp.chatbot.handoff;

import static ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.CONVERSATION;
import static ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.WEDNESDAY_10;
import static ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.Instant;
import ke.co.datacare.whatsapp.api.conversation.ConversationAssigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationSnoozed;
import ke.co.datacare.whatsapp.api.conversation.ConversationUnsnoozed;
import ke.co.datacare.whatsapp.api.conversation.HandoffRequested;
import ke.co.datacare.whatsapp.api.conversation.SetReplyDeadline;
import ke.co.datacare.whatsapp.chatbot.context.ChatbotConfigHolder;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfigLoader;
import ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.FakeAgentPool;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
import org.axonframework.modelling.saga.SimpleResourceInjector;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.deadline.StubDeadlineManager;
import org.axonframework.test.utils.RecordingCommandBus;
import java.util.Set;
import org.axonframework.messaging.annotation.NoMoreInterceptors;
import org.axonframework.modelling.saga.AnnotatedSaga;
import org.axonframework.modelling.saga.metamodel.AnnotationSagaMetaModelFactory;
import org.junit.jupiter.api.Test;

/**
 * The saga goes through a real Jackson round trip, as in the saga store: state that Jackson dropped would be
 * lost between two events (private fields without getters are silently skipped unless the class says otherwise).
 */
class HandoffSagaSerializationTest {

    private final ChatbotConfigHolder chatbot = new ChatbotConfigHolder(ChatbotConfigLoader.defaults());
    private final RecordingCommandBus commandBus = new RecordingCommandBus();
    /** Outside a processor there is no current scope, so the saga's deadlines are given one here. */
    private final StubDeadlineManager deadlines = new StubDeadlineManager(WEDNESDAY_10) {
        @Override
        public String schedule(Instant triggerDateTime, String deadlineName, Object payload) {
            return schedule(triggerDateTime, deadlineName, payload, new SagaScopeDescriptor("HandoffSaga", "saga-1"));
        }
    };
    private final SimpleResourceInjector resources = new SimpleResourceInjector(
            DefaultCommandGateway.builder().commandBus(commandBus).build(), deadlines,
            new AgentAssigner(new FakeAgentPool(), new RoundRobinAssignment()),
            new ReplyDeadlinePolicy(Duration.ofMinutes(15), chatbot), Clock.fixed(WEDNESDAY_10, ZoneOffset.UTC));

    /** Configured like Spring Boot's ObjectMapper, which Axon's serializer uses in the service. */
    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(JsonMapper.builder()
                    .findAndAddModules()
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .serializationInclusion(JsonInclude.Include.NON_NULL)
                    .build())
            .build();

    @Test
    void a_saga_in_the_middle_of_a_handoff_keeps_its_whole_state_through_jackson() {
        HandoffSaga saga = new HandoffSaga();
        resources.injectResources(saga);
        Instant until = WEDNESDAY_10.plus(Duration.ofHours(2));
        AnnotatedSaga<HandoffSaga> scope = inItsScope(saga);
        scope.execute(handoff -> handoff.on(new HandoffRequested(CONVERSATION, "CUSTOMER_ASKED_FOR_HUMAN", WEDNESDAY_10)));
        scope.execute(handoff -> handoff.on(text("wamid.1", WEDNESDAY_10, "xyzzy plugh")));
        scope.execute(handoff -> handoff.on(new ConversationAssigned(CONVERSATION, "agent-wanjiru", "handoff", WEDNESDAY_10)));
        scope.execute(handoff -> handoff.on(new ConversationSnoozed(CONVERSATION, until, "agent:agent-wanjiru", WEDNESDAY_10)));

        SerializedObject<byte[]> stored = serializer.serialize(saga, byte[].class);
        HandoffSaga restored = serializer.deserialize(stored);

        String json = new String(stored.getData(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"stage\":\"SNOOZED\"", "\"stageBeforeSnooze\":\"ASSIGNED\"",
                "\"assignee\":\"agent-wanjiru\"", "\"lastInboundWamid\":\"wamid.1\"", "\"snoozeDeadlineId\"")
                .doesNotContain("commands", "deadlines", "chatbot");
        assertThat(restored).usingRecursiveComparison()
                .ignoringFields("commands", "deadlines", "agents", "replyDeadlines", "clock")
                .isEqualTo(saga);
    }

    @Test
    void a_restored_saga_carries_on_where_it_stopped() {
        HandoffSaga saga = new HandoffSaga();
        resources.injectResources(saga);
        Instant until = WEDNESDAY_10.plus(Duration.ofHours(2));
        AnnotatedSaga<HandoffSaga> scope = inItsScope(saga);
        scope.execute(handoff -> handoff.on(new ConversationAssigned(CONVERSATION, "agent-wanjiru", "handoff", WEDNESDAY_10)));
        scope.execute(handoff -> handoff.on(new ConversationSnoozed(CONVERSATION, until, "agent:agent-wanjiru", WEDNESDAY_10)));

        HandoffSaga restored = serializer.deserialize(serializer.serialize(saga, byte[].class));
        resources.injectResources(restored);
        commandBus.clearCommands();
        AnnotatedSaga<HandoffSaga> restoredScope = inItsScope(restored);
        restoredScope.execute(handoff -> handoff.on(new ConversationUnsnoozed(CONVERSATION, "time", until)));

        assertThat(commandBus.getDispatchedCommands()).extracting(command -> (Object) command.getPayload())
                .containsExactly(new SetReplyDeadline(CONVERSATION, "agent-wanjiru", until.plus(Duration.ofMinutes(15)), until));
    }

    /** Runs the saga's handlers as its processor does, in the saga's scope (its associations change with them). */
    private static AnnotatedSaga<HandoffSaga> inItsScope(HandoffSaga saga) {
        return new AnnotatedSaga<>("saga-1", Set.of(), saga,
                new AnnotationSagaMetaModelFactory().modelOf(HandoffSaga.class), NoMoreInterceptors.instance());
    }
}
