package ke.co.datacare.whatsapp.app.query;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Search through the indexes, keyset pages, one conversation by id, and the analytics' default range. */
class SearchAndPagingTest extends SignedInTest {

    private static final long T0 = 1_764_057_600L;

    private QueryScenario scenario;

    @BeforeEach
    void setUp() {
        scenario = new QueryScenario(client, token, jdbc);
    }

    /** A word no other test writes: letters only, so it is one word to the full-text index. */
    private static String uniqueWord() {
        Random random = new Random();
        StringBuilder word = new StringBuilder("zq");
        for (int i = 0; i < 8; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private JsonNode search(String q) {
        return client.getJson("/api/conversations?q=" + encode(q), token);
    }

    @Test
    void a_search_finds_names_without_their_accents_and_words_of_messages_contact_matches_first() {
        String word = uniqueWord();
        String named = QueryScenario.newNumber();
        String writing = QueryScenario.newNumber();
        client.postWebhook(Webhooks.text(named, "Zoë " + word, "wamid.s1-" + named, T0, "Habari"));
        client.postWebhook(Webhooks.text(writing, "Baraka", "wamid.s2-" + writing, T0 + 60,
                "Nilimwona Zoe " + word + " jana sokoni"));
        scenario.conversationOf(named);
        scenario.conversationOf(writing);

        JsonNode found = await().atMost(Duration.ofSeconds(20)).until(() -> search("zoe " + word), hits -> hits.size() == 2);

        assertThat(found.get(0).path("contact").path("phoneNumber").asText()).isEqualTo("+" + named);
        assertThat(found.get(0).path("match").path("on").asText()).isEqualTo("contact");
        assertThat(found.get(1).path("contact").path("phoneNumber").asText()).isEqualTo("+" + writing);
        assertThat(found.get(1).path("match").path("on").asText()).isEqualTo("message");
        assertThat(found.get(1).path("match").path("text").asText()).isEqualTo("Nilimwona Zoe " + word + " jana sokoni");
        assertThat(search("ZOË " + word.toUpperCase()).size()).isEqualTo(2);
        assertThat(search(word.substring(0, 6))).extracting(item -> item.path("match").path("on").asText())
                .containsExactly("contact", "message");
    }

    @Test
    void a_number_is_found_with_or_without_plus_country_code_or_leading_zero() {
        String waId = QueryScenario.newNumber();
        client.postWebhook(Webhooks.text(waId, "Kiptoo", "wamid.p1-" + waId, T0, "Habari"));
        scenario.conversationOf(waId);
        String national = waId.substring(3);

        for (String form : List.of("+" + waId, waId, "0" + national, national, "+254 " + national.substring(0, 3) + " "
                + national.substring(3))) {
            JsonNode found = search(form);
            assertThat(found).as(form).extracting(item -> item.path("contact").path("phoneNumber").asText())
                    .contains("+" + waId);
            JsonNode contacts = client.getJson("/api/contacts?search=" + encode(form), token);
            assertThat(contacts).as("contacts " + form).extracting(item -> item.path("phoneNumber").asText())
                    .contains("+" + waId);
        }
    }

    @Test
    void pages_after_a_cursor_continue_where_the_previous_page_ended() {
        for (int i = 0; i < 3; i++) {
            String waId = QueryScenario.newNumber();
            client.postWebhook(Webhooks.text(waId, "Paged " + i, "wamid.k" + i + "-" + waId, T0 + i, "Habari"));
            scenario.conversationOf(waId);
        }
        HttpResponse<String> first = client.get("/api/conversations?size=2", token);
        String cursor = first.headers().firstValue("X-Next-Cursor").orElseThrow();
        HttpResponse<String> second = client.get("/api/conversations?size=2&cursor=" + encode(cursor), token);
        JsonNode byNumber = client.getJson("/api/conversations?size=2&page=1", token);

        assertThat(ids(client.read(second.body()))).isEqualTo(ids(byNumber)).doesNotContainAnyElementsOf(
                ids(client.read(first.body())));
        assertThat(second.headers().firstValue("X-Total-Count")).isEmpty();
        assertThat(first.headers().firstValue("X-Total-Count")).isPresent();
        HttpResponse<String> contactsFirst = client.get("/api/contacts?size=2", token);
        HttpResponse<String> contactsSecond = client.get("/api/contacts?size=2&cursor=" + encode(contactsFirst.headers()
                .firstValue("X-Next-Cursor").orElseThrow()), token);
        assertThat(ids(client.read(contactsSecond.body()))).isEqualTo(ids(client.getJson("/api/contacts?size=2&page=1",
                token)));
    }

    @Test
    void a_cursor_this_service_did_not_hand_out_is_refused_naming_the_field() {
        HttpResponse<String> answer = client.get("/api/conversations?cursor=not-a-cursor", token);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(answer.body()).contains("cursor");
    }

    @Test
    void a_timeline_is_read_page_by_page_in_order() {
        String waId = QueryScenario.newNumber();
        client.postWebhook(Webhooks.messages(waId, "Chebet", List.of(
                Webhooks.message(waId, "wamid.t1-" + waId, T0, "text", "{\"body\":\"moja\"}"),
                Webhooks.message(waId, "wamid.t2-" + waId, T0 + 1, "text", "{\"body\":\"mbili\"}"),
                Webhooks.message(waId, "wamid.t3-" + waId, T0 + 2, "text", "{\"body\":\"tatu\"}"))));
        String conversation = scenario.conversationOf(waId);
        await().atMost(Duration.ofSeconds(20)).until(() -> client.getJson("/api/conversations/" + conversation
                + "/messages", token).size() == 3);

        HttpResponse<String> first = client.get("/api/conversations/" + conversation + "/messages?size=2", token);
        HttpResponse<String> rest = client.get("/api/conversations/" + conversation + "/messages?size=2&cursor="
                + encode(first.headers().firstValue("X-Next-Cursor").orElseThrow()), token);

        assertThat(texts(client.read(first.body()))).containsExactly("moja", "mbili");
        assertThat(texts(client.read(rest.body()))).containsExactly("tatu");
        assertThat(rest.headers().firstValue("X-Next-Cursor")).isEmpty();
    }

    @Test
    void one_conversation_is_read_like_an_inbox_item_now_and_as_it_was() {
        String waId = QueryScenario.newNumber();
        client.postWebhook(Webhooks.text(waId, "Akinyi", "wamid.o1-" + waId, T0, "Router haifanyi kazi"));
        String conversation = scenario.conversationOf(waId);

        JsonNode now = client.getJson("/api/conversations/" + conversation, token);
        JsonNode then = client.getJson("/api/conversations/" + conversation + "?asOf=2030-01-01T00:00:00Z", token);
        HttpResponse<String> before = client.get("/api/conversations/" + conversation + "?asOf=2020-01-01T00:00:00Z",
                token);
        HttpResponse<String> unknown = client.get("/api/conversations/no-such-conversation", token);

        assertThat(now.path("id").asText()).isEqualTo(conversation);
        assertThat(now.path("contact").path("name").asText()).isEqualTo("Akinyi");
        assertThat(now.path("lastMessage").path("content").asText()).isEqualTo("Router haifanyi kazi");
        assertThat(then.path("id").asText()).isEqualTo(conversation);
        assertThat(then.path("lastMessage").path("content").asText()).isEqualTo("Router haifanyi kazi");
        assertThat(before.statusCode()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(client.read(unknown.body()).path("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void analytics_without_a_range_cover_the_last_seven_days_in_nairobi() {
        LocalDate today = LocalDate.now(ZoneId.of("Africa/Nairobi"));

        JsonNode overview = client.getJson("/api/analytics/overview", token);
        JsonNode agents = client.getJson("/api/analytics/agents", token);
        JsonNode templates = client.getJson("/api/analytics/templates", token);

        for (JsonNode answer : List.of(overview, agents, templates)) {
            assertThat(answer.path("from").asText()).isEqualTo(today.minusDays(6).toString());
            assertThat(answer.path("to").asText()).isEqualTo(today.toString());
        }
        assertThat(overview.path("periods")).hasSize(7);
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private static List<String> texts(JsonNode items) {
        List<String> texts = new ArrayList<>();
        items.forEach(item -> texts.add(item.path("text").asText()));
        return texts;
    }
}
