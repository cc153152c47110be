package ke.co.datacare.whatsapp.app.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import ke.co.datacare.whatsapp.app.support.IntegrationTest;
import ke.co.datacare.whatsapp.app.support.ServiceClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/openapi.json is the committed copy of /v3/api-docs; this test fails when it is stale. Refresh it
 * with {@code ./mvnw -pl app -am verify -Dtest=OpenApiDocumentTest -Dsurefire.failIfNoSpecifiedTests=false -Dopenapi.update=true}.
 */
class OpenApiDocumentTest extends IntegrationTest {

    private static final Path COMMITTED = Path.of("..", "docs", "openapi.json");

    @LocalServerPort
    int port;

    @Test
    void the_committed_openapi_document_matches_what_the_service_serves() throws Exception {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        JsonNode served = new ServiceClient(port, APP_SECRET).getJson("/v3/api-docs", null);
        String current = json.writeValueAsString(json.treeToValue(served, Object.class)) + "\n";
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(COMMITTED, current, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(COMMITTED)).as("docs/openapi.json exists").isTrue();
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("docs/openapi.json is stale: refresh it (see this test's comment)").isEqualTo(current);
    }

    @Test
    void every_api_operation_documents_its_problem_answers_and_the_bearer_scheme() throws Exception {
        JsonNode document = new ObjectMapper().readTree(Files.readString(COMMITTED));
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        document.path("paths").fields().forEachRemaining(path -> {
            if (path.getKey().startsWith("/api/") && !path.getKey().equals("/api/auth/login")) {
                path.getValue().fields().forEachRemaining(operation -> {
                    assertThat(operation.getValue().at("/responses/401/content/application~1problem+json").isMissingNode())
                            .as(operation.getKey() + " " + path.getKey()).isFalse();
                    assertThat(operation.getValue().path("summary").asText()).as("summary of " + path.getKey()).isNotBlank();
                });
            }
        });
    }
}
