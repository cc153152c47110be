package ke.co.datacare.whatsapp.app.campaign;

import ke.co.datacare.whatsapp.app.support.GraphStub;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.command.campaign.CampaignDispatchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two campaign dispatchers on one database, as two instances run them: they split the recipients' partitions between
 * them, and when one dies the other takes its partitions over and finishes the campaign, nobody sent twice.
 */
class CampaignDispatchAcrossInstancesTest extends SignedInTest {

    private static final AtomicLong NUMBERS = new AtomicLong(254734000000L);
    private static final Set<Integer> ALL = IntStream.range(0, 16).boxed().collect(Collectors.toSet());

    @Autowired
    ApplicationContext context;

    private SmartLifecycle second;

    @AfterEach
    void restoreTheServicesDispatcher() {
        if (second != null) {
            second.stop();
        }
        SmartLifecycle own = context.getBean("campaignDispatcher", SmartLifecycle.class);
        if (!own.isRunning()) {
            own.start();
        }
        GraphStub.reset();
    }

    @Test
    void two_dispatchers_share_the_partitions_and_the_survivor_takes_over_those_of_one_that_dies() {
        CampaignApi api = new CampaignApi(port);
        await().atMost(Duration.ofSeconds(20)).until(() -> client.post("/api/templates/sync", token, "{}").statusCode() == 200);
        SmartLifecycle first = context.getBean("campaignDispatcher", SmartLifecycle.class);
        second = CampaignDispatchers.another(context);
        second.start();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Set<Integer> mine = CampaignDispatchers.held(first);
            Set<Integer> theirs = CampaignDispatchers.held(second);
            assertThat(mine).isNotEmpty();
            assertThat(theirs).isNotEmpty();
            Set<Integer> overlap = new HashSet<>(mine);
            overlap.retainAll(theirs);
            assertThat(overlap).as("owned by both").isEmpty();
            Set<Integer> both = new HashSet<>(mine);
            both.addAll(theirs);
            assertThat(both).isEqualTo(ALL);
        });

        List<String> numbers = IntStream.range(0, 300).mapToObj(i -> String.valueOf(NUMBERS.incrementAndGet())).toList();
        String campaign = api.create(token, "{\"name\":\"Two instances\",\"template\":{\"name\":\"december_offer\","
                + "\"language\":\"en\",\"parameters\":[{\"source\":\"profileName\",\"default\":\"customer\"}]},\"audience\":{}}");
        api.upload(campaign, token, "phone\n" + numbers.stream().map(n -> "+" + n).collect(Collectors.joining("\n")) + "\n");
        assertThat(api.control(campaign, "start", token).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.sends(campaign).size() >= 60);

        first.stop(); // its sessions end, and their advisory locks with them, as when an instance dies
        await().atMost(Duration.ofSeconds(15)).until(() -> CampaignDispatchers.held(second).equals(ALL));
        await().atMost(Duration.ofSeconds(60)).until(() -> "completed".equals(api.status(campaign, token)));

        Map<String, Long> perRecipient = api.sendsPerRecipient(campaign);
        assertThat(perRecipient.keySet()).containsExactlyInAnyOrderElementsOf(numbers);
        assertThat(perRecipient.values()).allMatch(count -> count == 1);
    }
}
