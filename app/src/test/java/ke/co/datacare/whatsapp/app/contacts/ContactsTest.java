package ke.co.datacare.whatsapp.app.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.security.Role;
import ke.co.datacare.whatsapp.app.security.UserAccounts;
import ke.co.datacare.whatsapp.app.support.GraphStub;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Contacts' tags, attributes and consent through the API, the CSV import, and what tags select: contacts, inbox
 * conversations and campaign audiences.
 */
class ContactsTest extends SignedInTest {

    private static final AtomicLong NUMBERS = new AtomicLong(254768000000L);
    private static final Duration PROJECTION = Duration.ofSeconds(20);

    @Autowired
    UserAccounts users;

    private final HttpClient http = HttpClient.newHttpClient();


    private static String newNumber() {
        return String.valueOf(NUMBERS.incrementAndGet());
    }

    private static String uniqueTag(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A customer who wrote to us; answers the contact id once the contact is in the read model. */
    private String contactWriting(String waId, String name) {
        client.postWebhook(Webhooks.text(waId, name, "wamid.ct-" + waId, Instant.now().getEpochSecond(), "Habari"));
        return contactOf(waId).path("id").asText();
    }

    private JsonNode contactOf(String waId) {
        return await().atMost(PROJECTION).until(() -> client.getJson("/api/contacts?search=" + waId, token),
                found -> found.size() == 1).get(0);
    }

    private JsonNode contactWhen(String id, java.util.function.Predicate<JsonNode> condition) {
        return await().atMost(PROJECTION).until(() -> client.getJson("/api/contacts/" + id, token), condition);
    }

    private HttpResponse<String> send(String method, String path, String bearer, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body == null ? "" : body))
                .header("Authorization", "Bearer " + bearer);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> patch(String id, String json) {
        return send("PATCH", "/api/contacts/" + id, token, "application/json", json);
    }

    private HttpResponse<String> importMultipart(String csv) {
        String boundary = "----contacts" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"contacts.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        return send("POST", "/api/contacts/import", token, "multipart/form-data; boundary=" + boundary, body);
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<String> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(item -> item.path("id").asText()).toList();
    }

    @Test
    void patching_a_contact_adds_and_removes_tags_sets_attributes_and_opts_it_out() {
        String id = contactWriting(newNumber(), "Amina Njeri");

        HttpResponse<String> first = patch(id, "{\"tags\":{\"add\":[\" VIP \",\"lead\"]},\"attributes\":{\"set\":"
                + "{\"old\":\"x\"}}}");
        HttpResponse<String> second = patch(id, "{\"tags\":{\"add\":[\"vip\"],\"remove\":[\"lead\"]},\"attributes\":"
                + "{\"set\":{\"firstName\":\"Amina\",\"city\":\"Nairobi\"},\"remove\":[\"old\"]},\"optedOut\":true}");
        HttpResponse<String> again = patch(id, "{\"tags\":{\"add\":[\"vip\"],\"remove\":[\"lead\"]},\"attributes\":"
                + "{\"set\":{\"firstName\":\"Amina\",\"city\":\"Nairobi\"},\"remove\":[\"old\"]},\"optedOut\":true}");

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(client.read(first.body()).path("changes").asInt()).isEqualTo(3);
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(client.read(second.body()).path("changes").asInt()).isEqualTo(5);
        assertThat(client.read(again.body()).path("changes").asInt()).as("nothing left to change").isZero();
        JsonNode contact = contactWhen(id, c -> c.path("optedOut").asBoolean());
        assertThat(texts(contact.path("tags"))).containsExactly("vip");
        assertThat(contact.path("attributes").toString()).isEqualTo("{\"city\":\"Nairobi\",\"firstName\":\"Amina\"}");

        assertThat(patch(id, "{\"attributes\":{\"set\":{\"city\":\"Mombasa\"}},\"optedOut\":false,"
                + "\"reason\":\"asked at the shop to get offers again\"}").statusCode())
                .isEqualTo(202);
        JsonNode changed = contactWhen(id, c -> !c.path("optedOut").asBoolean());
        assertThat(changed.path("attributes").path("city").asText()).isEqualTo("Mombasa");
    }

    @Test
    void a_patch_that_is_not_valid_is_a_400_problem_and_changes_nothing() {
        String id = contactWriting(newNumber(), "Otieno");
        String analystEmail = "contacts-analyst-" + UUID.randomUUID() + "@test.datacare.local";
        users.create(analystEmail, "analyst-password", "Analyst", Role.ANALYST);
        String analyst = client.login(analystEmail, "analyst-password");

        HttpResponse<String> invalid = patch(id, "{\"tags\":{\"add\":[\"ok\",\"not/ok\"]},\"attributes\":{\"set\":"
                + "{\"city\":\"Nairobi\",\"first name\":\"Otieno\"}},\"optedOut\":true}");
        HttpResponse<String> tooLong = patch(id, "{\"attributes\":{\"set\":{\"note\":\"" + "x".repeat(501) + "\"}}}");
        HttpResponse<String> unknown = patch("no-such-contact", "{\"tags\":{\"add\":[\"vip\"]}}");
        HttpResponse<String> byAnalyst = send("PATCH", "/api/contacts/" + id, analyst, "application/json",
                "{\"tags\":{\"add\":[\"vip\"]}}");

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = client.read(invalid.body());
        assertThat(problem.path("code").asText()).isEqualTo("INVALID_CONTACT_UPDATE");
        assertThat(problem.path("errors").findValuesAsText("field")).containsExactly("tags.add", "attributes.set");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(client.read(unknown.body()).path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(byAnalyst.statusCode()).isEqualTo(403);
        assertThat(patch(id, "{\"tags\":{\"add\":[\"marker\"]}}").statusCode()).isEqualTo(202);
        JsonNode contact = contactWhen(id, c -> c.path("tags").size() > 0);
        assertThat(texts(contact.path("tags"))).containsExactly("marker");
        assertThat(contact.path("attributes").size()).isZero();
        assertThat(contact.path("optedOut").asBoolean()).isFalse();
    }

    @Test
    void importing_a_csv_registers_new_contacts_updates_known_ones_and_reports_the_rejected_rows() {
        String knownNumber = newNumber();
        String knownId = contactWriting(knownNumber, "Wanjiru");
        String fresh = newNumber();
        String rejectedNumber = newNumber();
        String tag = uniqueTag("imported");
        String csv = "phone,name,tags,city\n"
                + "+" + fresh + ",Amina Import,\"" + tag + ";Lead\",Nairobi\n"
                + knownNumber + ",Not Her Name," + tag + ",Kisumu\n"
                + "0712 345 678,Local Number,,\n"
                + "+" + fresh + ",Twice,,\n"
                + rejectedNumber + ",Baraka,bad/tag,\n";

        HttpResponse<String> response = importMultipart(csv);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = client.read(response.body());
        assertThat(report.path("rows").asInt()).isEqualTo(5);
        assertThat(report.path("imported").asInt()).isEqualTo(1);
        assertThat(report.path("updated").asInt()).isEqualTo(1);
        assertThat(report.path("rejected").findValuesAsText("row")).containsExactly("4", "5", "6");
        assertThat(report.path("rejected").findValuesAsText("code"))
                .containsExactly("INVALID_PHONE", "DUPLICATE_PHONE", "INVALID_TAG");
        assertThat(report.path("rejected").path(1).path("reason").asText()).isEqualTo("the same phone number as row 2");
        assertThat(report.path("rejected").path(2).path("phone").asText()).isEqualTo(rejectedNumber);

        JsonNode imported = await().atMost(PROJECTION).until(() -> contactOf(fresh),
                c -> c.path("tags").size() == 2 && c.path("attributes").size() == 1);
        assertThat(imported.path("name").asText()).isEqualTo("Amina Import");
        assertThat(imported.path("phoneNumber").asText()).isEqualTo("+" + fresh);
        assertThat(texts(imported.path("tags"))).containsExactly(tag, "lead");
        assertThat(imported.path("attributes").path("city").asText()).isEqualTo("Nairobi");
        JsonNode known = contactWhen(knownId, c -> c.path("attributes").path("city").asText().equals("Kisumu"));
        assertThat(known.path("name").asText()).as("a known contact keeps its WhatsApp name").isEqualTo("Wanjiru");
        assertThat(texts(known.path("tags"))).containsExactly(tag);
        assertThat(client.getJson("/api/contacts?search=" + rejectedNumber, token)).isEmpty();
    }

    @Test
    void an_import_as_a_csv_body_is_read_the_same_and_a_file_that_is_not_a_contacts_file_or_too_long_is_refused() {
        String number = newNumber();

        HttpResponse<String> body = send("POST", "/api/contacts/import", token, "text/csv",
                "phone;name\n+" + number + ";Halima\n");
        HttpResponse<String> noPhone = send("POST", "/api/contacts/import", token, "text/csv", "name,city\nA,B\n");
        String tooMany = IntStream.range(0, 10_001).mapToObj(i -> String.valueOf(254798000000L + i))
                .collect(Collectors.joining("\n", "phone\n", "\n"));
        HttpResponse<String> tooLong = send("POST", "/api/contacts/import", token, "text/csv", tooMany);

        assertThat(body.statusCode()).isEqualTo(200);
        assertThat(client.read(body.body()).path("imported").asInt()).isEqualTo(1);
        assertThat(contactOf(number).path("name").asText()).isEqualTo("Halima");
        assertThat(noPhone.statusCode()).isEqualTo(400);
        assertThat(noPhone.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(client.read(noPhone.body()).path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(tooLong.statusCode()).isEqualTo(413);
        assertThat(client.read(tooLong.body()).path("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(client.getJson("/api/contacts?search=254798000000", token)).as("nothing imported").isEmpty();
    }

    @Test
    void contacts_and_inbox_conversations_are_filtered_by_tag() {
        String tagged = newNumber();
        String other = newNumber();
        String taggedId = contactWriting(tagged, "Tagged Customer");
        contactWriting(other, "Other Customer");
        String tag = uniqueTag("label");

        assertThat(patch(taggedId, "{\"tags\":{\"add\":[\"" + tag + "\"]}}").statusCode()).isEqualTo(202);

        JsonNode contacts = await().atMost(PROJECTION).until(() -> client.getJson("/api/contacts?tag=" + tag, token),
                found -> found.size() == 1);
        assertThat(ids(contacts)).containsExactly(taggedId);
        assertThat(ids(client.getJson("/api/contacts?tag=" + tag.toUpperCase() + "&search=" + tagged, token)))
                .containsExactly(taggedId);
        JsonNode inbox = await().atMost(PROJECTION).until(() -> client.getJson("/api/conversations?q=" + tagged
                + "&tag=" + tag, token), found -> found.size() == 1);
        assertThat(inbox.get(0).path("contact").path("id").asText()).isEqualTo(taggedId);
        assertThat(client.getJson("/api/conversations?q=" + other + "&tag=" + tag, token)).isEmpty();
        assertThat(client.getJson("/api/conversations?q=" + other, token)).hasSize(1);
    }

    @Test
    void a_tags_inbox_pages_follow_tags_given_before_and_after_the_first_message_and_the_newest_activity() {
        String tag = uniqueTag("regular");
        String importedNumber = newNumber();
        assertThat(importMultipart("phone,name,tags\n+" + importedNumber + ",Imani," + tag + "\n").statusCode())
                .isEqualTo(200);
        await().atMost(PROJECTION).until(() -> contactOf(importedNumber), c -> c.path("tags").size() == 1);
        String importedId = contactWriting(importedNumber, "Imani");
        String laterNumber = newNumber();
        String laterId = contactWriting(laterNumber, "Baraka");
        assertThat(patch(laterId, "{\"tags\":{\"add\":[\"" + tag + "\"]}}").statusCode()).isEqualTo(202);

        JsonNode both = await().atMost(PROJECTION).until(() -> client.getJson("/api/conversations?tag=" + tag, token),
                found -> found.size() == 2);
        assertThat(contactIds(both)).containsExactlyInAnyOrder(laterId, importedId);

        client.postWebhook(Webhooks.text(importedNumber, "Imani", "wamid.again-" + importedNumber,
                Instant.now().getEpochSecond() + 5, "Niko hapa tena"));
        await().atMost(PROJECTION).until(() -> contactIds(client.getJson("/api/conversations?tag=" + tag, token)),
                ids -> ids.equals(List.of(importedId, laterId)));

        assertThat(patch(laterId, "{\"tags\":{\"remove\":[\"" + tag + "\"]}}").statusCode()).isEqualTo(202);
        await().atMost(PROJECTION).until(() -> contactIds(client.getJson("/api/conversations?tag=" + tag, token)),
                ids -> ids.equals(List.of(importedId)));
        assertThat(client.getJson("/api/conversations?tag=" + tag + "&status=resolved", token)).isEmpty();
    }

    private static List<String> contactIds(JsonNode inbox) {
        return StreamSupport.stream(inbox.spliterator(), false).map(item -> item.path("contact").path("id").asText())
                .toList();
    }

    @Test
    void a_campaign_to_a_tag_reaches_the_contacts_that_have_it_when_it_starts() {
        await().atMost(PROJECTION).until(() -> client.post("/api/templates/sync", token, "{}").statusCode() == 200);
        String reached = newNumber();
        String optedOut = newNumber();
        String untagged = newNumber();
        String tag = uniqueTag("audience");
        String reachedId = contactWriting(reached, "Achieng");
        String optedOutId = contactWriting(optedOut, "Kamau");
        String untaggedId = contactWriting(untagged, "Njoroge");
        String add = "{\"tags\":{\"add\":[\"" + tag + "\"]}}";
        assertThat(patch(reachedId, add).statusCode()).isEqualTo(202);
        assertThat(patch(optedOutId, "{\"tags\":{\"add\":[\"" + tag + "\"]},\"optedOut\":true}").statusCode()).isEqualTo(202);
        assertThat(patch(untaggedId, add).statusCode()).isEqualTo(202);
        assertThat(patch(untaggedId, "{\"tags\":{\"remove\":[\"" + tag + "\"]}}").statusCode()).isEqualTo(202);

        HttpResponse<String> created = client.post("/api/campaigns", token, "{\"name\":\"Tagged " + tag + "\",\"template\":"
                + "{\"name\":\"december_offer\",\"language\":\"en\",\"parameters\":[{\"source\":\"profileName\","
                + "\"default\":\"customer\"}]},\"audience\":{\"tags\":[\" " + tag.toUpperCase() + "\"]}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String campaign = client.read(created.body()).path("id").asText();
        assertThat(client.post("/api/campaigns/" + campaign + "/start", token, "{}").statusCode()).isEqualTo(202);

        JsonNode done = await().atMost(Duration.ofSeconds(30)).until(() -> client.get("/api/campaigns/" + campaign,
                token), r -> r.statusCode() == 200 && client.read(r.body()).path("status").asText().equals("completed"))
                .body().transform(client::read);
        assertThat(done.path("progress").path("entries").asInt()).isEqualTo(2);
        assertThat(done.path("progress").path("recipients").asInt()).isEqualTo(1);
        assertThat(done.path("progress").path("excluded").path("OPTED_OUT").asInt()).isEqualTo(1);
        List<String> sentTo = GraphStub.sends().stream().filter(send -> send.getBodyAsString().contains("cmp-" + campaign))
                .map(send -> client.read(send.getBodyAsString()).path("to").asText()).toList();
        assertThat(sentTo).containsExactly(reached);
    }
}
