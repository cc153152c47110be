package ke.co.datacare.whatsapp.app.instances;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.app.support.ServiceInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two whole service instances on one database, each with its own campaign cache: what one instance did to a campaign,
 * the other one decides on, although it still holds the campaign as it was.
 */
class CampaignAcrossInstancesTest {

    private static final String NO_DISPATCH = "--datacare.campaigns.enabled=false";

    private final InstancesOnOneDatabase instances = new InstancesOnOneDatabase("datacare_stale_campaign");

    @AfterEach
    void stopInstances() {
        instances.stopAll();
    }

    @Test
    void a_campaign_paused_on_one_instance_is_resumed_on_the_other_that_had_it_running_in_memory() throws Exception {
        // no instance dispatches: the campaign stays as the two instances leave it
        ServiceInstance a = instances.start(NO_DISPATCH);
        ServiceInstance b = instances.start(NO_DISPATCH);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> a.client().post("/api/templates/sync", a.token(), "{}").statusCode() == 200);
        HttpResponse<String> created = a.client().post("/api/campaigns", a.token(), "{\"name\":\"Two instances\","
                + "\"template\":{\"name\":\"december_offer\",\"language\":\"en\",\"parameters\":[{\"source\":"
                + "\"profileName\",\"default\":\"customer\"}]},\"audience\":{}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String base = "/api/campaigns/" + new ObjectMapper().readTree(created.body()).path("id").asText();
        long first = 254735000000L + System.nanoTime() % 100000 * 10000;
        String csv = "phone\n" + IntStream.range(0, 20).mapToObj(i -> "+" + (first + i))
                .collect(Collectors.joining("\n")) + "\n";
        assertThat(a.client().request("POST", base + "/audience", a.token(), "text/csv", csv).statusCode()).isEqualTo(200);

        assertThat(a.client().post(base + "/start", a.token(), "{}").statusCode())
                .as("the start leaves the running campaign in the first instance's cache").isEqualTo(202);
        assertThat(b.client().post(base + "/pause", b.token(), "{}").statusCode()).isEqualTo(202);

        assertThat(a.client().post(base + "/resume", a.token(), "{}").statusCode())
                .as("the first instance resumes what the second one paused").isEqualTo(202);
        assertThat(b.client().post(base + "/pause", b.token(), "{}").statusCode())
                .as("and the second one knows it runs again").isEqualTo(202);
        assertThat(a.client().post(base + "/cancel", a.token(), "{}").statusCode()).isEqualTo(202);
    }

    @Test
    void a_pause_on_one_instance_while_the_other_resolves_the_audience_is_accepted_and_holds() throws Exception {
        // both instances dispatch; each pause lands at another moment of the audience's resolution
        ServiceInstance a = instances.start();
        ServiceInstance b = instances.start();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> a.client().post("/api/templates/sync", a.token(), "{}").statusCode() == 200);
        List<String> bases = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            HttpResponse<String> created = a.client().post("/api/campaigns", a.token(), "{\"name\":\"Race " + round
                    + "\",\"template\":{\"name\":\"december_offer\",\"language\":\"en\",\"parameters\":[{\"source\":"
                    + "\"profileName\",\"default\":\"customer\"}]},\"audience\":{}}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String base = "/api/campaigns/" + new ObjectMapper().readTree(created.body()).path("id").asText();
            long first = 254736000000L + round * 100_000L + System.nanoTime() % 10 * 10_000_000L;
            String csv = "phone\n" + IntStream.range(0, 5000).mapToObj(i -> "+" + (first + i))
                    .collect(Collectors.joining("\n")) + "\n";
            assertThat(a.client().request("POST", base + "/audience", a.token(), "text/csv", csv).statusCode()).isEqualTo(200);
            assertThat(a.client().post(base + "/start", a.token(), "{}").statusCode()).isEqualTo(202);
            Thread.sleep(round * 40L);
            HttpResponse<String> paused = b.client().post(base + "/pause", b.token(), "{}");
            assertThat(paused.statusCode()).as("round %d: %s", round, paused.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> "paused".equals(progress(a, base).path("status").asText()));
            bases.add(base);
        }
        List<Integer> queued = bases.stream().map(base -> progress(b, base).path("queued").asInt()).toList();
        Thread.sleep(1_000);
        assertThat(bases.stream().map(base -> progress(b, base).path("queued").asInt()).toList())
                .as("nothing is queued once the campaigns are paused").isEqualTo(queued);
    }

    private static JsonNode progress(ServiceInstance instance, String base) {
        try {
            return new ObjectMapper().readTree(instance.client().get(base, instance.token()).body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
