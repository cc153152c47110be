package ke.co.datacare.whatsapp.command.graph;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class GraphApiPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RestClientAutoConfiguration.class))
            .withUserConfiguration(GraphApiConfiguration.class);

    @Test
    void defaults_to_metas_documented_limits() {
        runner.run(context -> {
            GraphApiProperties properties = context.getBean(GraphApiProperties.class);
            assertThat(properties.apiUrl()).isEqualTo("https://graph.facebook.com/v21.0");
            assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(15));
            assertThat(properties.messagesPerSecond()).isEqualTo(80);
            assertThat(properties.pairBurst()).isEqualTo(45);
            assertThat(properties.pairRefill()).isEqualTo(Duration.ofSeconds(6));
            assertThat(properties.reservedShareForConversations()).isEqualTo(0.2);
            assertThat(context.getBean(SendThrottle.class).limits().campaignMessagesPerSecond()).isEqualTo(64);
            assertThat(context).hasSingleBean(GraphApiClient.class);
        });
    }

    @Test
    void takes_a_number_upgraded_to_1000_messages_per_second() {
        runner.withPropertyValues("datacare.whatsapp.messages-per-second=1000").run(context ->
                assertThat(context.getBean(GraphApiProperties.class).messagesPerSecond()).isEqualTo(1000));
    }

    @Test
    void refuses_a_rate_meta_does_not_offer() {
        runner.withPropertyValues("datacare.whatsapp.messages-per-second=1001").run(context ->
                assertThat(context).hasFailed());
        runner.withPropertyValues("datacare.whatsapp.messages-per-second=0").run(context ->
                assertThat(context).hasFailed());
    }

    @Test
    void takes_further_numbers_each_at_its_own_rate_and_refuses_a_rate_below_one() {
        runner.withPropertyValues("datacare.whatsapp.phone-number-id=110000000000001",
                "datacare.whatsapp.numbers.ids=110000000000002, 110000000000003",
                "datacare.whatsapp.numbers.messages-per-second.110000000000002=20").run(context -> {
            BusinessNumbers numbers = context.getBean(BusinessNumbers.class);
            assertThat(numbers.all()).extracting(BusinessNumbers.Number::id)
                    .containsExactly("110000000000001", "110000000000002", "110000000000003");
            assertThat(numbers.all()).extracting(BusinessNumbers.Number::messagesPerSecond).containsExactly(80, 20, 80);
            ThrottleLimits limits = context.getBean(SendThrottle.class).limits();
            assertThat(limits.messagesPerSecond("110000000000002")).isEqualTo(20);
            assertThat(limits.campaignMessagesPerSecond(limits.messagesPerSecond("110000000000002"))).isEqualTo(16);
        });
        runner.withPropertyValues("datacare.whatsapp.numbers.messages-per-second.110000000000002=0").run(context ->
                assertThat(context).hasFailed());
    }

    @Test
    void never_shows_the_access_token() {
        runner.withPropertyValues("datacare.whatsapp.access-token=EAAGsecretTOKEN").run(context -> {
            GraphApiProperties properties = context.getBean(GraphApiProperties.class);
            assertThat(properties.hasAccessToken()).isTrue();
            assertThat(properties.toString()).doesNotContain("EAAGsecretTOKEN").contains("accessToken=******");
        });
    }
}
