package ke.co.datacare.whatsapp.command.graph.sandbox;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RestClientAutoConfiguration.class))
            .withUserConfiguration(SandboxConfiguration.class, SandboxGraphApiController.class);

    @Test
    void stays_off_unless_enabled() {
        runner.withPropertyValues("datacare.whatsapp.sandbox.app-secret=secret").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(SandboxGraphApiController.class);
            assertThat(context).doesNotHaveBean(SandboxStatusSimulator.class);
        });
    }

    @Test
    void answers_when_enabled_without_an_access_token() {
        runner.withPropertyValues("datacare.whatsapp.sandbox.enabled=true",
                "datacare.whatsapp.sandbox.app-secret=secret").run(context -> {
            assertThat(context).hasSingleBean(SandboxGraphApiController.class);
            assertThat(context).hasSingleBean(SandboxStatusSimulator.class);
        });
    }

    @Test
    void refuses_to_start_next_to_a_real_access_token() {
        runner.withPropertyValues("datacare.whatsapp.sandbox.enabled=true",
                "datacare.whatsapp.sandbox.app-secret=secret",
                "datacare.whatsapp.access-token=EAAGrealTOKEN42").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("must not run with a real access token")
                    .hasMessageNotContaining("EAAGrealTOKEN42");
        });
    }

    @Test
    void refuses_to_start_on_a_postgresql_database_naming_the_setting_that_allows_it() {
        runner.withPropertyValues("datacare.whatsapp.sandbox.enabled=true",
                "datacare.whatsapp.sandbox.app-secret=secret",
                "spring.datasource.url=jdbc:postgresql://db.example:5432/datacare").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("datacare.whatsapp.sandbox.allow-postgresql=true");
        });
    }

    @Test
    void starts_on_a_postgresql_database_when_explicitly_allowed() {
        runner.withPropertyValues("datacare.whatsapp.sandbox.enabled=true",
                "datacare.whatsapp.sandbox.app-secret=secret",
                "datacare.whatsapp.sandbox.allow-postgresql=true",
                "spring.datasource.url=jdbc:postgresql://db.example:5432/datacare").run(context ->
                assertThat(context).hasNotFailed());
    }

    @Test
    void starts_on_the_embedded_database() {
        runner.withPropertyValues("datacare.whatsapp.sandbox.enabled=true",
                "datacare.whatsapp.sandbox.app-secret=secret",
                "spring.datasource.url=jdbc:h2:file:./data/datacare").run(context ->
                assertThat(context).hasNotFailed());
    }

    @Test
    void needs_the_app_secret_to_sign_webhooks() {
        runner.withPropertyValues("datacare.whatsapp.sandbox.enabled=true").run(context ->
                assertThat(context).hasFailed());
    }
}
