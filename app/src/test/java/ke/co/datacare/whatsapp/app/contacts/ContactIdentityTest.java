package ke.co.datacare.whatsapp.app.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.support.GraphStub;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What Meta tells of who a customer is, as of 2026: a username and a parent business-scoped id beside the phone
 * number and user id, and a customer moving to another phone number ({@code user_changed_number}).
 */
class ContactIdentityTest extends SignedInTest {

    private static final AtomicLong NUMBERS = new AtomicLong(254769000000L);
    private static final Duration PROJECTION = Duration.ofSeconds(20);

    @AfterEach
    void restoreStub() {
        GraphStub.reset();
    }

    private static String newNumber() {
        return String.valueOf(NUMBERS.incrementAndGet());
    }

    /** A text as Meta sends it for a user with a username: {@code contacts[]} with user id, parent id and username. */
    private static String textWithUsername(String waId, String userId, String parentUserId, String name,
                                           String username, String wamid, String body) {
        String profile = (name == null ? "" : "\"name\":\"" + name + "\",") + "\"username\":\"" + username + "\"";
        return Webhooks.envelope("{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":"
                + "\"254700000001\",\"phone_number_id\":\"" + Webhooks.PHONE_NUMBER_ID + "\"},\"contacts\":[{\"profile\":{"
                + profile + "},\"wa_id\":\"" + waId + "\",\"user_id\":\"" + userId + "\",\"parent_user_id\":\""
                + parentUserId + "\"}],\"messages\":[{\"from\":\"" + waId + "\",\"from_user_id\":\"" + userId
                + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" + Instant.now().getEpochSecond()
                + "\",\"type\":\"text\",\"text\":{\"body\":\"" + body + "\"}}]}");
    }

    /** Meta's system message: sent from the old number, no {@code contacts[]}, the new number in {@code wa_id}. */
    private static String changedNumber(String oldWaId, String newWaId, String wamid) {
        return Webhooks.envelope("{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":"
                + "\"254700000001\",\"phone_number_id\":\"" + Webhooks.PHONE_NUMBER_ID + "\"},\"messages\":["
                + Webhooks.message(oldWaId, wamid, Instant.now().getEpochSecond(), "system", "{\"body\":\"User Achieng "
                + "changed from " + oldWaId + " to " + newWaId + "\",\"wa_id\":\"" + newWaId + "\",\"type\":"
                + "\"user_changed_number\"}") + "]}");
    }

    private JsonNode contactsFound(String search) {
        return client.getJson("/api/contacts?search=" + search, token);
    }

    private JsonNode onlyContact(String search) {
        return await().atMost(PROJECTION).until(() -> contactsFound(search), found -> found.size() == 1).get(0);
    }

    private JsonNode conversationOf(String contactId) {
        return await().atMost(PROJECTION).until(() -> StreamSupport.stream(
                        client.getJson("/api/conversations?size=50", token).spliterator(), false)
                .filter(item -> contactId.equals(item.path("contact").path("id").asText())).findFirst().orElse(null),
                item -> item != null);
    }

    /** Achieng writes from one number, then Meta tells us she moved to another; answers her contact id. */
    private String customerMoved(String oldWaId, String newWaId) {
        client.postWebhook(Webhooks.text(oldWaId, "Achieng", "wamid.mv1-" + oldWaId, Instant.now().getEpochSecond(),
                "Habari"));
        String id = onlyContact(oldWaId).path("id").asText();
        client.postWebhook(changedNumber(oldWaId, newWaId, "wamid.mv2-" + oldWaId));
        await().atMost(PROJECTION).until(() -> client.getJson("/api/contacts/" + id, token),
                c -> ("+" + newWaId).equals(c.path("phoneNumber").asText()));
        return id;
    }

    @Test
    void a_username_from_meta_is_kept_and_names_a_contact_without_a_profile_name() {
        String waId = newNumber();
        String userId = "KE.7" + waId;
        client.postWebhook(textWithUsername(waId, userId, "KE.ENT.9" + waId, null, "achieng_" + waId,
                "wamid.un-" + waId, "Habari"));

        String id = onlyContact(waId).path("id").asText();
        JsonNode contact = await().atMost(PROJECTION).until(() -> client.getJson("/api/contacts/" + id, token),
                c -> c.hasNonNull("username"));
        JsonNode inboxItem = conversationOf(id);

        assertThat(contact.path("username").asText()).isEqualTo("achieng_" + waId);
        assertThat(contact.path("parentUserId").asText()).isEqualTo("KE.ENT.9" + waId);
        assertThat(contact.path("userId").asText()).isEqualTo(userId);
        assertThat(contact.path("name").asText()).as("no profile name: the username names them")
                .isEqualTo("@achieng_" + waId);
        assertThat(inboxItem.path("contact").path("username").asText()).isEqualTo("achieng_" + waId);
        assertThat(inboxItem.path("contact").path("name").asText()).isEqualTo("@achieng_" + waId);
    }

    @Test
    void a_username_first_seen_in_a_read_status_is_kept_on_the_contact() {
        String waId = newNumber();
        client.postWebhook(Webhooks.text(waId, "Wairimu", "wamid.us1-" + waId, Instant.now().getEpochSecond(), "Habari"));
        String id = onlyContact(waId).path("id").asText();

        client.postWebhook(Webhooks.envelope("{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":"
                + "\"254700000001\",\"phone_number_id\":\"" + Webhooks.PHONE_NUMBER_ID + "\"},\"contacts\":[{\"profile\":"
                + "{\"username\":\"wairimu.k\"},\"wa_id\":\"" + waId + "\"}],\"statuses\":[{\"id\":\"wamid.us2-" + waId
                + "\",\"status\":\"read\",\"timestamp\":\"" + Instant.now().getEpochSecond() + "\",\"recipient_id\":\""
                + waId + "\"}]}"));

        JsonNode contact = await().atMost(PROJECTION).until(() -> client.getJson("/api/contacts/" + id, token),
                c -> c.hasNonNull("username"));
        assertThat(contact.path("username").asText()).isEqualTo("wairimu.k");
        assertThat(contact.path("name").asText()).as("the profile name still names her").isEqualTo("Wairimu");
    }

    @Test
    void a_new_username_replaces_the_old_one_and_the_profile_name_still_names_the_contact() {
        String waId = newNumber();
        String userId = "KE.7" + waId;
        client.postWebhook(textWithUsername(waId, userId, "KE.ENT.9" + waId, "Achieng Otieno", "achieng",
                "wamid.un1-" + waId, "Habari"));
        String id = onlyContact(waId).path("id").asText();

        client.postWebhook(textWithUsername(waId, userId, "KE.ENT.9" + waId, "Achieng Otieno", "achieng.o",
                "wamid.un2-" + waId, "Niko hapa"));

        JsonNode contact = await().atMost(PROJECTION).until(() -> client.getJson("/api/contacts/" + id, token),
                c -> "achieng.o".equals(c.path("username").asText()));
        assertThat(contact.path("name").asText()).isEqualTo("Achieng Otieno");
    }

    @Test
    void a_customer_who_changes_number_keeps_the_conversation_and_is_answered_at_the_new_number() {
        String oldWaId = newNumber();
        String newWaId = newNumber();
        String id = customerMoved(oldWaId, newWaId);
        String conversation = conversationOf(id).path("id").asText();

        client.postWebhook(Webhooks.text(newWaId, "Achieng", "wamid.cn3-" + newWaId, Instant.now().getEpochSecond(),
                "Niko na namba mpya"));

        JsonNode timeline = await().atMost(PROJECTION).until(
                () -> client.getJson("/api/conversations/" + conversation + "/messages", token),
                messages -> messages.size() == 3);
        assertThat(StreamSupport.stream(timeline.spliterator(), false).map(m -> m.path("type").asText()).toList())
                .containsExactly("text", "system", "text");
        HttpResponse<String> reply = client.post("/api/messages/send", token,
                "{\"conversationId\":\"" + conversation + "\",\"content\":\"Asante, tumeiona namba mpya\"}");
        assertThat(reply.statusCode()).isEqualTo(202);
        await().atMost(PROJECTION).untilAsserted(() -> GraphStub.server().verify(1,
                postRequestedFor(urlPathEqualTo(GraphStub.messagesPath()))
                        .withRequestBody(matchingJsonPath("$.to", equalTo(newWaId)))));
        GraphStub.server().verify(0, postRequestedFor(urlPathEqualTo(GraphStub.messagesPath()))
                .withRequestBody(matchingJsonPath("$.to", equalTo(oldWaId))));
    }

    @Test
    void whoever_writes_later_from_a_number_given_up_is_a_new_contact() {
        String oldWaId = newNumber();
        String newWaId = newNumber();
        String achieng = customerMoved(oldWaId, newWaId);

        client.postWebhook(Webhooks.text(oldWaId, "Baraka", "wamid.gu3-" + oldWaId, Instant.now().getEpochSecond(),
                "Mambo"));

        JsonNode baraka = onlyContact(oldWaId);
        assertThat(baraka.path("id").asText()).isNotEqualTo(achieng);
        assertThat(baraka.path("name").asText()).isEqualTo("Baraka");
        assertThat(client.getJson("/api/contacts/" + achieng, token).path("phoneNumber").asText())
                .isEqualTo("+" + newWaId);
        assertThat(List.of(conversationOf(baraka.path("id").asText()).path("id").asText()))
                .doesNotContain(conversationOf(achieng).path("id").asText());
    }

    @Test
    void the_same_number_change_delivered_again_changes_nothing_more() {
        String oldWaId = newNumber();
        String newWaId = newNumber();
        String id = customerMoved(oldWaId, newWaId);
        String conversation = conversationOf(id).path("id").asText();

        client.postWebhook(changedNumber(oldWaId, newWaId, "wamid.mv2-" + oldWaId));

        await().during(Duration.ofSeconds(2)).atMost(PROJECTION).until(
                () -> client.getJson("/api/conversations/" + conversation + "/messages", token).size() == 2);
        assertThat(jdbc.queryForList("select identity from contact_identity where contact_id = ?", String.class, id))
                .containsExactly("wa_id:" + newWaId);
        assertThat(client.getJson("/api/contacts/" + id, token).path("phoneNumber").asText()).isEqualTo("+" + newWaId);
    }
}
