package ke.co.datacare.whatsapp.app.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.Arrays;
import java.util.Set;

/**
 * The routes that show customers themselves: names, numbers, message texts, timelines, statuses, media, the
 * live stream of messages and the numbers of campaign audiences. They are for the roles that serve customers
 * (ADMIN, AGENT); an analyst works from the analytics and the pseudonymous event export and is refused here
 * with {@code PERSONAL_DATA_FORBIDDEN}, whatever the route's own {@code @PreAuthorize} allows. This is the one
 * place that says which routes hold personal data.
 */
final class PersonalDataRoutes {

    static final String[] PATTERNS = {
            "/api/contacts/**",
            "/api/conversations/**",
            "/api/messages/**",
            "/api/stream/**",
            "/api/media/**",
            "/api/campaigns/*/recipients/**",
    };

    static final String[] SERVING_CUSTOMERS = {Role.ADMIN.name(), Role.AGENT.name()};

    private static final Set<String> SERVING_AUTHORITIES = Set.of("ROLE_" + Role.ADMIN, "ROLE_" + Role.AGENT);

    private static final RequestMatcher MATCHER = new OrRequestMatcher(Arrays.stream(PATTERNS)
            .map(pattern -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(pattern)).toList());

    private PersonalDataRoutes() {
    }

    static RequestMatcher matcher() {
        return MATCHER;
    }

    /** Whether the request was refused for being about customers (rather than for another rule of the route). */
    static boolean refusedToCaller(HttpServletRequest request, Authentication caller) {
        return MATCHER.matches(request) && (caller == null || caller.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).noneMatch(SERVING_AUTHORITIES::contains));
    }
}
