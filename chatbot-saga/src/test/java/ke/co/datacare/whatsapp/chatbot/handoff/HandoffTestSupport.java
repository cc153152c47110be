package ke.co.datacare.whatsapp.chatbot.handoff;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.test.saga.SagaTestFixture;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import ke.co.datacare.whatsapp.api.agent.AgentLoad;
import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.ConversationStarted;
import ke.co.datacare.whatsapp.api.conversation.TextMessageReceived;
import ke.co.datacare.whatsapp.chatbot.context.ConversationContextStore;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig;
import ke.co.datacare.whatsapp.chatbot.engine.ConversationContext;

/** Shared test doubles and fixtures of the handoff tests. */
final class HandoffTestSupport {

    static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");
    static final ConversationId CONVERSATION = ConversationId.of("conv-handoff-1");
    static final ContactId CONTACT = ContactId.of("contact-handoff-1");
    static final String NUMBER = "110000000000001";
    /** Wednesday 25 November 2026, 10:00 in Nairobi: the team is in. */
    static final Instant WEDNESDAY_10 = nairobi("2026-11-25T10:00");
    /** The same Wednesday, 21:00 in Nairobi: the team has gone home. */
    static final Instant WEDNESDAY_21 = nairobi("2026-11-25T21:00");

    private HandoffTestSupport() {
    }

    static Instant nairobi(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(NAIROBI).toInstant();
    }

    static ConversationStarted started(Instant at) {
        return new ConversationStarted(CONVERSATION, CONTACT, NUMBER, at);
    }

    static TextMessageReceived text(String wamid, Instant at, String body) {
        return new TextMessageReceived(CONVERSATION, wamid, at, body, null, null);
    }

    static String faqAnswer(ChatbotConfig config, String id) {
        return config.faqs().stream().filter(faq -> faq.id().equals(id)).findFirst().orElseThrow().answer();
    }

    static String intentReply(ChatbotConfig config, String name) {
        return config.intents().stream().filter(intent -> intent.name().equals(name)).findFirst().orElseThrow().reply();
    }

    /** The service's clock in a saga fixture: it reads the fixture's current time. */
    static Clock clockOf(SagaTestFixture<?> fixture) {
        return clockReading(fixture::currentTime);
    }

    /** A clock that reads the given time source. */
    static Clock clockReading(Supplier<Instant> now) {
        return new Clock() {
            @Override
            public Instant instant() {
                return now.get();
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** The agents available right now, settable by the test. */
    static final class FakeAgentPool implements AgentPool {

        private final List<AgentLoad> agents = new ArrayList<>();

        FakeAgentPool with(String agentId, int openConversations) {
            agents.add(new AgentLoad(agentId, openConversations));
            return this;
        }

        void nobody() {
            agents.clear();
        }

        @Override
        public List<AgentLoad> available(String excludingAgentId) {
            return agents.stream().filter(agent -> !agent.agentId().equals(excludingAgentId)).toList();
        }
    }

    /** A context store that works, like Redis on a good day. */
    static final class MapContextStore implements ConversationContextStore {

        final Map<String, ConversationContext> saved = new HashMap<>();
        int loads;
        int saves;

        @Override
        public Optional<ConversationContext> load(String conversationId) {
            loads++;
            return Optional.ofNullable(saved.get(conversationId));
        }

        @Override
        public void save(String conversationId, ConversationContext ctx) {
            saves++;
            saved.put(conversationId, ctx);
        }

        @Override
        public void clear(String conversationId) {
            saved.remove(conversationId);
        }
    }

    /** A context store whose every call fails, like Redis unreachable without the resilient wrapper. */
    static final class UnreachableContextStore implements ConversationContextStore {

        @Override
        public Optional<ConversationContext> load(String conversationId) {
            throw new IllegalStateException("Unable to connect to Redis");
        }

        @Override
        public void save(String conversationId, ConversationContext ctx) {
            throw new IllegalStateException("Unable to connect to Redis");
        }

        @Override
        public void clear(String conversationId) {
            throw new IllegalStateException("Unable to connect to Redis");
        }
    }
}
