package ke.co.datacare.whatsapp.command.graph;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

final class GraphApiTestSupport {

    static final String PHONE_NUMBER_ID = "110000000000001";
    static final String WABA_ID = "100000000000001";
    static final String TOKEN = "EAAGtestTOKEN0123456789";
    static final String MESSAGES = "/v21.0/" + PHONE_NUMBER_ID + "/messages";
    static final String ACCEPTED = """
            {"messaging_product":"whatsapp",
             "contacts":[{"input":"+254712345678","wa_id":"254712345678"}],
             "messages":[{"id":"wamid.HBgMMjU0NzEyMzQ1Njc4FQIAERgSQzFBRjRGNjc5"}]}""";

    private GraphApiTestSupport() {
    }

    static WireMockExtension meta() {
        return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    }

    static GraphApiProperties properties(String baseUrl) {
        return properties(baseUrl + "/v21.0", TOKEN, Duration.ofSeconds(10));
    }

    static GraphApiProperties properties(String apiUrl, String token, Duration readTimeout) {
        return new GraphApiProperties(apiUrl, PHONE_NUMBER_ID, WABA_ID, token, Duration.ofSeconds(1), readTimeout,
                80, 45, Duration.ofSeconds(6), 0.2, 512, List.of("lookaside.fbsbx.com"));
    }

    static GraphApiClient client(String baseUrl) {
        return new GraphApiClient(properties(baseUrl), RestClient.builder());
    }
}
