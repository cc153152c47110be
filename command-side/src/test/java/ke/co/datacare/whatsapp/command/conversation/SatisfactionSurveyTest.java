package ke.co.datacare.whatsapp.command.conversation;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.ConversationAssigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationReopened;
import ke.co.datacare.whatsapp.api.conversation.ConversationResolved;
import ke.co.datacare.whatsapp.api.conversation.ConversationStarted;
import ke.co.datacare.whatsapp.api.conversation.HandoffRequested;
import ke.co.datacare.whatsapp.api.conversation.InboundMessage;
import ke.co.datacare.whatsapp.api.conversation.MessageContext;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageAccepted;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.QuickReplyButtonPressed;
import ke.co.datacare.whatsapp.api.conversation.RecordInboundMessage;
import ke.co.datacare.whatsapp.api.conversation.ResolveConversation;
import ke.co.datacare.whatsapp.api.conversation.SatisfactionRated;
import ke.co.datacare.whatsapp.api.conversation.SatisfactionSurvey;
import ke.co.datacare.whatsapp.api.conversation.SatisfactionSurveySent;
import ke.co.datacare.whatsapp.api.conversation.TextMessageReceived;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SatisfactionSurveyTest {

    private static final ConversationId CONVERSATION = ConversationId.of("conv-1");
    private static final ContactId CONTACT = ContactId.of("contact-1");
    private static final String NUMBER = "110000000000001";
    private static final String AGENT = "agent:wanjiru";
    private static final Instant T0 = Instant.parse("2026-11-25T07:00:00Z");
    private static final Instant T1 = T0.plusSeconds(600);
    private static final Instant T2 = T1.plusSeconds(60);
    private static final SatisfactionSurvey SURVEY = SatisfactionSurvey.of("csat-1", "customer_satisfaction", "en",
            List.of(5, 4, 3, 2, 1));

    private FixtureConfiguration<Conversation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Conversation.class);
    }

    @Test
    void an_agents_resolution_asks_the_customer_to_rate_the_help_once() {
        fixture.given(started(), handoff(), assigned())
                .when(new ResolveConversation(CONVERSATION, AGENT, T1, SURVEY))
                .expectEvents(new ConversationResolved(CONVERSATION, AGENT, T1),
                        new OutboundMessageQueued(CONVERSATION, CONTACT, NUMBER, "csat-1", SURVEY.content(), null,
                                SatisfactionSurvey.SENDER, T1),
                        new SatisfactionSurveySent(CONVERSATION, "csat-1", AGENT, "CUSTOMER_ASKED_FOR_HUMAN", T1));
    }

    @Test
    void the_survey_buttons_carry_the_configured_ratings_in_their_order() {
        assertThat(SURVEY.content().components()).extracting(component -> component.parameters().get(0).payload())
                .containsExactly("csat:5", "csat:4", "csat:3", "csat:2", "csat:1");
        assertThat(SURVEY.content().components()).extracting(component -> component.index())
                .containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void a_resolution_without_a_survey_only_resolves() {
        fixture.given(started(), handoff(), assigned())
                .when(new ResolveConversation(CONVERSATION, AGENT, T1))
                .expectEvents(new ConversationResolved(CONVERSATION, AGENT, T1));
    }

    @Test
    void a_tap_on_a_rating_is_the_customers_message_and_rates_the_survey_without_reopening() {
        fixture.given(surveyedAnd())
                .when(tap("wamid.R1", "csat:4", "wamid.SURVEY"))
                .expectEvents(new QuickReplyButtonPressed(CONVERSATION, "wamid.R1", T2, "csat:4", "Good",
                                context("wamid.SURVEY"), null),
                        new SatisfactionRated(CONVERSATION, "csat-1", "wamid.R1", 4, T2));
    }

    @Test
    void only_the_first_rating_of_a_survey_counts_and_a_second_tap_reopens_nothing() {
        fixture.given(surveyedAnd(new QuickReplyButtonPressed(CONVERSATION, "wamid.R1", T2, "csat:4", "Good",
                        context("wamid.SURVEY"), null),
                        new SatisfactionRated(CONVERSATION, "csat-1", "wamid.R1", 4, T2)))
                .when(tap("wamid.R2", "csat:1", "wamid.SURVEY"))
                .expectEvents(new QuickReplyButtonPressed(CONVERSATION, "wamid.R2", T2, "csat:1", "Good",
                        context("wamid.SURVEY"), null));
    }

    @Test
    void a_tap_quoting_another_message_of_ours_does_not_rate_the_survey() {
        fixture.given(surveyedAnd(new OutboundMessageQueued(CONVERSATION, CONTACT, NUMBER, "older",
                        SURVEY.content(), null, SatisfactionSurvey.SENDER, T0),
                        new OutboundMessageAccepted(CONVERSATION, "older", "wamid.OLDER", T0)))
                .when(tap("wamid.R1", "csat:5", "wamid.OLDER"))
                .expectEvents(new QuickReplyButtonPressed(CONVERSATION, "wamid.R1", T2, "csat:5", "Good",
                        context("wamid.OLDER"), null));
    }

    @Test
    void a_written_message_after_the_survey_reopens_the_conversation_as_before() {
        fixture.given(surveyedAnd())
                .when(new RecordInboundMessage(CONVERSATION, CONTACT, NUMBER, "wamid.T", T2,
                        new InboundMessage.Text("Still slow"), null, null))
                .expectEvents(new ConversationReopened(CONVERSATION, T2),
                        new TextMessageReceived(CONVERSATION, "wamid.T", T2, "Still slow", null, null));
    }

    /** A conversation an agent resolved with a survey that Meta accepted, then {@code more}. */
    private static List<Object> surveyedAnd(Object... more) {
        List<Object> events = new ArrayList<>(List.of(started(), handoff(), assigned(),
                new ConversationResolved(CONVERSATION, AGENT, T1),
                new OutboundMessageQueued(CONVERSATION, CONTACT, NUMBER, "csat-1", SURVEY.content(), null,
                        SatisfactionSurvey.SENDER, T1),
                new SatisfactionSurveySent(CONVERSATION, "csat-1", AGENT, "CUSTOMER_ASKED_FOR_HUMAN", T1),
                new OutboundMessageAccepted(CONVERSATION, "csat-1", "wamid.SURVEY", T1)));
        events.addAll(List.of(more));
        return events;
    }

    private static RecordInboundMessage tap(String wamid, String payload, String quoted) {
        return new RecordInboundMessage(CONVERSATION, CONTACT, NUMBER, wamid, T2,
                new InboundMessage.QuickReply(payload, "Good"), context(quoted), null);
    }

    private static MessageContext context(String quoted) {
        return new MessageContext(quoted, false, false, null, null);
    }

    private static ConversationStarted started() {
        return new ConversationStarted(CONVERSATION, CONTACT, NUMBER, T0);
    }

    private static HandoffRequested handoff() {
        return new HandoffRequested(CONVERSATION, "CUSTOMER_ASKED_FOR_HUMAN", T0);
    }

    private static ConversationAssigned assigned() {
        return new ConversationAssigned(CONVERSATION, "wanjiru", "handoff", T0);
    }
}
