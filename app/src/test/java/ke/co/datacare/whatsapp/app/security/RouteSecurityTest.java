package ke.co.datacare.whatsapp.app.security;

import ke.co.datacare.whatsapp.app.support.IntegrationTest;
import ke.co.datacare.whatsapp.app.support.ServiceClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route under /api is found from the mapped handlers, so a new route cannot be forgotten: each
 * must declare its roles with @PreAuthorize, refuse anonymous callers with 401, and refuse every other
 * role with 403, whatever the request body holds.
 */
class RouteSecurityTest extends IntegrationTest {

    private static final Pattern ROLE = Pattern.compile("'(ADMIN|AGENT|ANALYST)'");
    private static final Set<String> PUBLIC = Set.of("/api/auth/login", "/api/auth/refresh");

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    UserAccounts users;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<Role, String> tokens = new java.util.EnumMap<>(Role.class);

    record Route(String method, String path, Set<Role> allowed, String contentType) {
    }

    @BeforeEach
    void usersOfEveryRole() {
        ServiceClient client = new ServiceClient(port, APP_SECRET);
        for (Role role : Role.values()) {
            String email = "route-" + role.name().toLowerCase() + "-" + UUID.randomUUID() + "@test.datacare.local";
            users.create(email, "route-test-password", "Route " + role, role);
            tokens.put(role, client.login(email, "route-test-password"));
        }
    }

    private List<Route> apiRoutes() {
        List<Route> routes = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            for (String path : mapping.getKey().getPatternValues()) {
                if (!path.startsWith("/api/") || PUBLIC.contains(path)) {
                    continue;
                }
                Set<RequestMethod> methods = mapping.getKey().getMethodsCondition().getMethods();
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    String contentType = mapping.getKey().getConsumesCondition().getConsumableMediaTypes().stream()
                            .map(Object::toString).filter(type -> !type.contains("*")).findFirst()
                            .orElse("application/json");
                    routes.add(new Route(method.name(), path, allowedRoles(mapping.getValue()), contentType));
                }
            }
        }
        return routes;
    }

    private static Set<Role> allowedRoles(HandlerMethod handler) {
        PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
        if (rule == null) {
            rule = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (rule != null) {
            Matcher matcher = ROLE.matcher(rule.value());
            while (matcher.find()) {
                roles.add(Role.valueOf(matcher.group(1)));
            }
        }
        return roles;
    }

    private int call(Route route, String token) throws Exception {
        return send(route, token).statusCode();
    }

    private HttpResponse<String> send(Route route, String token) throws Exception {
        String path = concrete(route);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", route.contentType().startsWith("multipart/")
                        ? "multipart/form-data; boundary=route" : route.contentType())
                .method(route.method(), route.method().equals("GET") || route.method().equals("DELETE")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body(route)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String concrete(Route route) {
        return route.path().replaceAll("\\{[^}]+}", "route-test");
    }

    private static boolean showsCustomers(Route route) {
        return PersonalDataRoutes.matcher().matches(new MockHttpServletRequest(route.method(), concrete(route)));
    }

    private static String body(Route route) {
        if (route.contentType().startsWith("multipart/")) {
            return "--route\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                    + "Content-Type: text/plain\r\n\r\nhi\r\n--route--\r\n";
        }
        return route.contentType().contains("json") ? "{}" : "phone\n";
    }

    @Test
    void every_api_route_declares_the_roles_that_may_use_it() {
        List<Route> routes = apiRoutes();
        assertThat(routes).hasSizeGreaterThan(10);
        assertThat(routes).filteredOn(route -> route.allowed().isEmpty())
                .as("routes without @PreAuthorize roles").isEmpty();
    }

    @Test
    void anonymous_callers_get_401_on_every_api_route() throws Exception {
        for (Route route : apiRoutes()) {
            assertThat(call(route, null)).as(route.method() + " " + route.path()).isEqualTo(401);
        }
    }

    @Test
    void analysts_are_refused_every_route_that_shows_customers_with_a_stable_code() throws Exception {
        List<Route> customerRoutes = apiRoutes().stream().filter(RouteSecurityTest::showsCustomers).toList();
        assertThat(customerRoutes).extracting(Route::path).contains("/api/contacts", "/api/conversations/{id}/messages",
                "/api/stream", "/api/media/{mediaId}", "/api/campaigns/{id}/recipients");
        for (Route route : customerRoutes) {
            HttpResponse<String> refused = send(route, tokens.get(Role.ANALYST));
            assertThat(refused.statusCode()).as(route.method() + " " + route.path()).isEqualTo(403);
            assertThat(refused.body()).as(route.method() + " " + route.path()).contains("\"PERSONAL_DATA_FORBIDDEN\"");
        }
    }

    @Test
    void every_role_that_is_not_allowed_gets_403_on_every_api_route() throws Exception {
        int checked = 0;
        for (Route route : apiRoutes()) {
            for (Role role : EnumSet.complementOf(EnumSet.copyOf(route.allowed().isEmpty()
                    ? EnumSet.allOf(Role.class) : route.allowed()))) {
                assertThat(call(route, tokens.get(role))).as(role + " on " + route.method() + " " + route.path())
                        .isEqualTo(403);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(5);
    }
}
