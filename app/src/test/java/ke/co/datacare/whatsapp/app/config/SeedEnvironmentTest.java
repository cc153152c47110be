package ke.co.datacare.whatsapp.app.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SeedEnvironmentTest {

    @Test
    void a_database_url_in_the_original_designs_form_becomes_a_jdbc_url_with_credentials() {
        assertThat(SeedEnvironment.datasource("postgresql://datacare:s3cr%40t@db.internal:6543/datacare_whatsapp"))
                .containsEntry("spring.datasource.url", "jdbc:postgresql://db.internal:6543/datacare_whatsapp")
                .containsEntry("spring.datasource.username", "datacare")
                .containsEntry("spring.datasource.password", "s3cr@t");
    }

    @Test
    void a_database_url_without_port_uses_postgresqls_default_and_keeps_its_query() {
        assertThat(SeedEnvironment.datasource("postgres://app@localhost/db?sslmode=require"))
                .containsEntry("spring.datasource.url", "jdbc:postgresql://localhost:5432/db?sslmode=require")
                .containsEntry("spring.datasource.username", "app")
                .doesNotContainKey("spring.datasource.password");
    }

    @Test
    void a_jdbc_database_url_is_taken_as_it_is() {
        assertThat(SeedEnvironment.datasource("jdbc:postgresql://127.0.0.1:5432/test?user=postgres"))
                .isEqualTo(Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"));
    }

    @Test
    void the_seed_environment_names_map_to_our_properties() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("PORT", "8080")
                .withProperty("REDIS_URL", "redis://cache:6379")
                .withProperty("WHATSAPP_WEBHOOK_SECRET", "app-secret")
                .withProperty("JWT_EXPIRES_IN", "12h")
                .withProperty("DATABASE_URL", "postgresql://u:p@h:1/d");
        new SeedEnvironment().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("server.port")).isEqualTo("8080");
        assertThat(environment.getProperty("spring.data.redis.url")).isEqualTo("redis://cache:6379");
        assertThat(environment.getProperty("datacare.redis.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("datacare.webhook.app-secret")).isEqualTo("app-secret");
        assertThat(environment.getProperty("datacare.security.jwt-expires-in")).isEqualTo("12h");
        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://h:1/d");
    }

    @Test
    void without_a_database_url_the_embedded_database_under_data_is_the_default() {
        MockEnvironment environment = new MockEnvironment();
        new SeedEnvironment().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.datasource.url")).startsWith("jdbc:h2:file:./data/");
        assertThat(environment.getProperty("datacare.redis.enabled")).isNull();
    }
}
