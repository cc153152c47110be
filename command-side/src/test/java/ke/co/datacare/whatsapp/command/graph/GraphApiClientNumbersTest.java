package ke.co.datacare.whatsapp.command.graph;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import ke.co.datacare.whatsapp.api.conversation.outbound.ErrorClass;
import ke.co.datacare.whatsapp.api.conversation.outbound.TextContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static ke.co.datacare.whatsapp.command.graph.GraphApiTestSupport.PHONE_NUMBER_ID;
import static ke.co.datacare.whatsapp.command.graph.GraphApiTestSupport.TOKEN;
import static ke.co.datacare.whatsapp.command.graph.GraphApiTestSupport.WABA_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** Several business numbers: each send goes from its conversation's number; the account's numbers as Meta lists them. */
class GraphApiClientNumbersTest {

    @RegisterExtension
    static WireMockExtension meta = GraphApiTestSupport.meta();

    private static final String SHARED_WITH_THE_APP = "110000000000002";
    private static final String DISCOVERED = "110000000000003";
    private static final String PHONE_NUMBERS = "/v21.0/" + WABA_ID + "/phone_numbers";

    private final BusinessNumbers numbers = new BusinessNumbers(GraphApiTestSupport.properties(meta.baseUrl()),
            new BusinessNumberProperties(List.of(SHARED_WITH_THE_APP), Map.of(SHARED_WITH_THE_APP, 20), Map.of(), Map.of(), true,
                    Duration.ofMinutes(10)));
    private final GraphApiClient client = new GraphApiClient(GraphApiTestSupport.properties(meta.baseUrl()), numbers,
            RestClient.builder());

    @Test
    void each_message_goes_from_the_number_it_names_and_one_recorded_without_a_number_from_the_default() {
        meta.stubFor(post(urlPathMatching("/v21.0/\\d+/messages")).willReturn(okJson(
                "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.A\"}]}")));

        client.send(SHARED_WITH_THE_APP, "254712345678", new TextContent("Habari", false), null, null);
        client.send(null, "254712345679", new TextContent("Habari", false), null, null);
        client.markAsRead(SHARED_WITH_THE_APP, "wamid.IN", false);

        meta.verify(postRequestedFor(urlPathEqualTo("/v21.0/" + SHARED_WITH_THE_APP + "/messages"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.to",
                        equalTo("254712345678"))));
        meta.verify(postRequestedFor(urlPathEqualTo("/v21.0/" + PHONE_NUMBER_ID + "/messages"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.to",
                        equalTo("254712345679"))));
        meta.verify(postRequestedFor(urlPathEqualTo("/v21.0/" + SHARED_WITH_THE_APP + "/messages"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.status",
                        equalTo("read"))));
    }

    @Test
    void a_number_that_is_not_ours_fails_permanently_without_a_request() {
        SendResult result = client.send("110000000000099", "254712345678", new TextContent("Habari", false), null, null);

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> {
            assertThat(failed.error().title()).isEqualTo("Unknown business number");
            assertThat(failed.error().message()).contains("110000000000099");
            assertThat(failed.error().errorClass()).isEqualTo(ErrorClass.PERMANENT);
        });
        assertThat(meta.getAllServeEvents()).isEmpty();
    }

    @Test
    void a_number_with_its_own_rate_keeps_it_whatever_level_meta_lists_and_the_others_follow_the_level() {
        meta.stubFor(get(urlPathEqualTo(PHONE_NUMBERS)).willReturn(okJson("""
                {"data":[{"display_phone_number":"+254 700 000001","quality_rating":"GREEN","status":"CONNECTED",
                          "throughput":{"level":"HIGH"},"id":"%s"},
                         {"display_phone_number":"+254 700 000002","quality_rating":"GREEN","status":"CONNECTED",
                          "throughput":{"level":"HIGH"},"id":"%s"},
                         {"display_phone_number":"+254 700 000003","quality_rating":"GREEN","status":"CONNECTED",
                          "throughput":{"level":"NOT_APPLICABLE"},"id":"%s"}]}"""
                .formatted(PHONE_NUMBER_ID, SHARED_WITH_THE_APP, DISCOVERED))));
        assertThat(numbers.messagesPerSecond(PHONE_NUMBER_ID)).as("configured default before Meta lists it").isEqualTo(80);

        numbers.listedByMeta(client.listPhoneNumbers());

        assertThat(numbers.messagesPerSecond(PHONE_NUMBER_ID)).isEqualTo(1_000);
        assertThat(numbers.messagesPerSecond(null)).as("the default number").isEqualTo(1_000);
        assertThat(numbers.messagesPerSecond(BusinessNumbers.UNKNOWN)).as("an unknown number is the default").isEqualTo(1_000);
        assertThat(numbers.messagesPerSecond(SHARED_WITH_THE_APP)).as("its own setting wins").isEqualTo(20);
        assertThat(numbers.messagesPerSecond(DISCOVERED)).as("a level without a rate: the default rate").isEqualTo(80);
    }

    @Test
    void the_business_accounts_numbers_are_read_as_meta_lists_them_and_become_ours() {
        meta.stubFor(get(urlPathEqualTo(PHONE_NUMBERS)).willReturn(okJson("""
                {"data":[{"verified_name":"DataCare","code_verification_status":"VERIFIED",
                          "display_phone_number":"+254 700 000001","quality_rating":"GREEN","status":"CONNECTED",
                          "throughput":{"level":"STANDARD"},"id":"%s"},
                         {"verified_name":"DataCare Shop","code_verification_status":"VERIFIED",
                          "display_phone_number":"+254 700 000003","quality_rating":"YELLOW","status":"FLAGGED",
                          "throughput":{"level":"HIGH"},"id":"%s"}],
                 "paging":{"cursors":{"before":"QVFIUk","after":"QVFIUl"}}}""".formatted(PHONE_NUMBER_ID, DISCOVERED))));
        assertThat(numbers.knows(DISCOVERED)).isFalse();

        numbers.listedByMeta(client.listPhoneNumbers());

        assertThat(numbers.knows(DISCOVERED)).isTrue();
        assertThat(numbers.all()).extracting(BusinessNumbers.Number::id)
                .containsExactly(PHONE_NUMBER_ID, SHARED_WITH_THE_APP, DISCOVERED);
        assertThat(numbers.all()).extracting(BusinessNumbers.Number::messagesPerSecond)
                .as("a number without its own rate at the throughput level Meta lists (HIGH: 1,000)")
                .containsExactly(80, 20, 1_000);
        BusinessNumbers.Number discovered = numbers.all().get(2);
        assertThat(discovered.configured()).isFalse();
        assertThat(discovered.listed()).isEqualTo(new BusinessNumbers.Listed(DISCOVERED, "+254 700 000003",
                "DataCare Shop", "YELLOW", "FLAGGED", "HIGH"));
        meta.verify(getRequestedFor(urlPathEqualTo(PHONE_NUMBERS))
                .withQueryParam("fields", equalTo(GraphApiClient.PHONE_NUMBER_FIELDS))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }
}
