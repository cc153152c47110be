package ke.co.datacare.whatsapp.app.instances;

import ke.co.datacare.whatsapp.app.support.ServiceInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two whole service instances on one database, each with its own aggregate cache: what one instance changed, the
 * other one decides on, although it still holds the conversation as it was.
 */
class ConversationAcrossInstancesTest {

    private final InstancesOnOneDatabase instances = new InstancesOnOneDatabase("datacare_stale_cache");

    @AfterEach
    void stopInstances() {
        instances.stopAll();
    }

    @Test
    void a_conversation_resolved_on_one_instance_is_reopened_on_the_other_that_had_it_open_in_memory() {
        ServiceInstance a = instances.start();
        ServiceInstance b = instances.start();
        String waId = String.valueOf(254734000000L + System.nanoTime() % 100000);
        String conversation = a.customerWrites(waId, "Akinyi");
        String base = "/api/conversations/" + conversation;
        // what the customer's message sets off (the bot, the queue) has settled before the instances take turns
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);

        assertThat(a.client().post(base + "/notes", a.token(), "{\"text\":\"Asks about the delivery\"}").statusCode())
                .as("the note leaves the open conversation in the first instance's cache").isEqualTo(201);
        assertThat(b.client().post(base + "/resolve", b.token(), "{}").statusCode()).isEqualTo(202);

        assertThat(a.client().post(base + "/reopen", a.token(), "{}").statusCode())
                .as("the first instance reopens what the second one resolved").isEqualTo(202);
        assertThat(b.client().post(base + "/reopen", b.token(), "{}").statusCode())
                .as("and the second one knows it is open again").isEqualTo(409);
    }
}
