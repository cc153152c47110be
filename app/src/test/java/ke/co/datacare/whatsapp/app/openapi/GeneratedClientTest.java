package ke.co.datacare.whatsapp.app.openapi;

import ke.co.datacare.whatsapp.app.support.IntegrationTest;
import ke.co.datacare.whatsapp.app.support.ServiceClient;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import ke.co.datacare.whatsapp.client.ApiClient;
import ke.co.datacare.whatsapp.client.ApiException;
import ke.co.datacare.whatsapp.client.api.AuthenticationApi;
import ke.co.datacare.whatsapp.client.api.ConversationsApi;
import ke.co.datacare.whatsapp.client.api.MessagesApi;
import ke.co.datacare.whatsapp.client.model.InboxItem;
import ke.co.datacare.whatsapp.client.model.LoginRequest;
import ke.co.datacare.whatsapp.client.model.MessageStatusView;
import ke.co.datacare.whatsapp.client.model.SendMessageRequest;
import ke.co.datacare.whatsapp.client.model.SendMessageResponse;
import ke.co.datacare.whatsapp.client.model.TimelineMessage;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A Java client generated from the committed docs/openapi.json (openapi-generator, test build only) drives a
 * whole flow, so the document cannot drift from what the service really does.
 */
class GeneratedClientTest extends IntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void a_client_generated_from_the_document_logs_in_lists_conversations_sends_and_reads_the_status() throws Exception {
        ApiClient api = new ApiClient();
        api.updateBaseUri("http://localhost:" + port);
        String token = new AuthenticationApi(api).login(new LoginRequest().email("admin@test.datacare.local")
                .password("admin-password")).getAccessToken();
        api.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        ServiceClient meta = new ServiceClient(port, APP_SECRET);
        String waId = "254766000001";
        meta.postWebhook(Webhooks.text(waId, "Client", "wamid.client-1", Instant.now().getEpochSecond(), "Habari"));

        ConversationsApi conversations = new ConversationsApi(api);
        InboxItem item = await().atMost(Duration.ofSeconds(15)).until(() -> conversations.inbox(null, null, null, null,
                null, null, waId, null, 0, 10, null, null), items -> items.size() == 1).get(0);
        assertThat(item.getContact().getPhoneNumber()).isEqualTo("+" + waId);

        MessagesApi messages = new MessagesApi(api);
        SendMessageResponse sent = messages.send(new SendMessageRequest().conversationId(item.getId())
                .type("text").content("Karibu DataCare"));
        List<TimelineMessage> timeline = await().atMost(Duration.ofSeconds(15)).until(() ->
                conversations.timeline(item.getId(), sent.getId(), null, null), all -> all.stream()
                .anyMatch(m -> sent.getId().equals(m.getId()) && m.getWamid() != null));
        String wamid = timeline.stream().filter(m -> sent.getId().equals(m.getId())).findFirst().orElseThrow().getWamid();
        meta.postWebhook(Webhooks.statuses(List.of(Webhooks.status(wamid, waId, "delivered", Instant.now().getEpochSecond()))));

        MessageStatusView status = await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                .until(() -> messages.status(wamid), view -> "delivered".equals(view.getStatus()));
        assertThat(status.getWamid()).isEqualTo(wamid);
        assertThatThrownBy(() -> messages.status("wamid.unknown")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.getCode()).isEqualTo(404));
    }
}
