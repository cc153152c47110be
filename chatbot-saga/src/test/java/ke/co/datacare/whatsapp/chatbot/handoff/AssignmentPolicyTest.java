package ke.co.datacare.whatsapp.chatbot.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import ke.co.datacare.whatsapp.api.agent.AgentLoad;
import org.junit.jupiter.api.Test;

class AssignmentPolicyTest {

    private static final List<AgentLoad> THREE = List.of(new AgentLoad("c-otieno", 0), new AgentLoad("a-wanjiru", 5),
            new AgentLoad("b-kamau", 1));

    @Test
    void round_robin_takes_the_agents_in_turn_whatever_their_load() {
        RoundRobinAssignment policy = new RoundRobinAssignment();

        List<String> chosen = IntStream.range(0, 4).mapToObj(i -> policy.choose(THREE).orElseThrow()).toList();

        assertThat(chosen).containsExactly("a-wanjiru", "b-kamau", "c-otieno", "a-wanjiru");
    }

    @Test
    void round_robin_goes_on_after_the_last_one_even_when_that_one_went_away() {
        RoundRobinAssignment policy = new RoundRobinAssignment();
        policy.choose(THREE);
        policy.choose(THREE);

        assertThat(policy.choose(List.of(new AgentLoad("a-wanjiru", 0), new AgentLoad("c-otieno", 0))))
                .contains("c-otieno");
    }

    @Test
    void least_open_conversations_prefers_the_least_busy_agent() {
        assertThat(new LeastOpenConversationsAssignment().choose(THREE)).contains("c-otieno");
    }

    @Test
    void least_open_conversations_spreads_a_burst_the_loads_do_not_show_yet() {
        LeastOpenConversationsAssignment policy = new LeastOpenConversationsAssignment();
        List<AgentLoad> idle = List.of(new AgentLoad("a-wanjiru", 0), new AgentLoad("b-kamau", 0));

        List<String> chosen = IntStream.range(0, 4).mapToObj(i -> policy.choose(idle).orElseThrow()).toList();

        assertThat(chosen).containsExactly("a-wanjiru", "b-kamau", "a-wanjiru", "b-kamau");
    }

    @Test
    void nobody_available_means_no_choice() {
        assertThat(new RoundRobinAssignment().choose(List.of())).isEmpty();
        assertThat(new LeastOpenConversationsAssignment().choose(List.of())).isEmpty();
    }

    @Test
    void the_assigner_never_picks_the_agent_it_was_told_to_leave_out() {
        HandoffTestSupport.FakeAgentPool pool = new HandoffTestSupport.FakeAgentPool().with("a-wanjiru", 0);
        AgentAssigner assigner = new AgentAssigner(pool, new LeastOpenConversationsAssignment());

        assertThat(assigner.pick("a-wanjiru")).isEmpty();
        assertThat(assigner.pick(null)).contains("a-wanjiru");
    }
}
