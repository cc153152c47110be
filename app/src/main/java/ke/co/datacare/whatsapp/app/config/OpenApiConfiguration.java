package ke.co.datacare.whatsapp.app.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Arrays;
import java.util.List;

/**
 * The OpenAPI document: bearer security on every /api route, and the problem+json answers with their
 * stable codes, so a generated client knows every error it can get.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String PROBLEM = "Problem";
    private static final String BEARER = "bearer";
    private static final ObjectNode EXAMPLE = Json.mapper().createObjectNode()
            .put("type", "https://datacare.co.ke/problems/window-closed")
            .put("title", "The 24-hour customer-service window is closed")
            .put("status", 422)
            .put("detail", "The 24-hour customer-service window closed at 2026-11-24T10:00:00Z: send an approved template instead")
            .put("code", "WINDOW_CLOSED")
            .put("windowClosedAt", "2026-11-24T10:00:00Z")
            .put("templateRequired", true);

    @Bean
    OpenAPI platformOpenApi() {
        return new OpenAPI()
                .info(new Info().title("DataCare WhatsApp Platform API").version("0.1.0")
                        .description("Agents and API clients read the inbox and timelines, send WhatsApp messages, and "
                                + "administer the service. Errors are application/problem+json with a stable `code`. "
                                + "Lists answer a JSON array with paging in the X-Total-Count, X-Page and X-Page-Size headers.")
                        .contact(new Contact().name("DataCare").url("https://datacare.co.ke")))
                .servers(List.of(new Server().url("/").description("this service")))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT").description("POST /api/auth/login returns the token"))
                        .addSchemas(PROBLEM, problemSchema()));
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> openApi.getPaths().forEach((path, item) -> {
            if (!path.startsWith("/api/")) {
                return;
            }
            boolean protectedRoute = !path.equals("/api/auth/login");
            item.readOperationsMap().forEach((method, operation) -> describe(path, method, operation, protectedRoute));
        });
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation, boolean protectedRoute) {
        if (protectedRoute) {
            operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
            problem(operation, "401", "No or invalid bearer token (code UNAUTHENTICATED)");
            problem(operation, "403", "The caller's role may not use this route (code FORBIDDEN)");
            problem(operation, "429", "Too many requests (code RATE_LIMITED); see Retry-After");
        }
        if (method != PathItem.HttpMethod.GET || (operation.getParameters() != null && !operation.getParameters().isEmpty())) {
            problem(operation, "400", "Invalid request (codes VALIDATION_FAILED with field errors, MALFORMED_JSON)");
        }
        if (path.contains("{")) {
            problem(operation, "404", "Not found (code NOT_FOUND)");
        }
    }

    private static void problem(Operation operation, String status, String description) {
        if (operation.getResponses() == null || operation.getResponses().containsKey(status)) {
            return;
        }
        operation.getResponses().addApiResponse(status, new ApiResponse().description(description)
                .content(new Content().addMediaType("application/problem+json",
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema problemSchema() {
        Schema violation = new ObjectSchema().addProperty("field", new StringSchema()).addProperty("reason", new StringSchema());
        return new ObjectSchema()
                .description("RFC 9457 problem details with our stable error code")
                .addProperty("type", new StringSchema().example("https://datacare.co.ke/problems/window-closed"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("code", new StringSchema()._enum(Arrays.stream(ErrorCode.values()).map(Enum::name).toList()))
                .addProperty("errors", new ArraySchema().items(violation))
                .example(EXAMPLE);
    }
}
