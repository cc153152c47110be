package ke.co.datacare.whatsapp.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.app.web.Problems;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * While a user's password is a generated one, every API except {@code /api/auth/**} and
 * {@code POST /api/users/me/password} answers 403 {@code PASSWORD_CHANGE_REQUIRED}.
 */
class PasswordChangeGate extends OncePerRequestFilter {

    private final TokenRevocation users;
    private final ObjectMapper json;

    PasswordChangeGate(TokenRevocation users, ObjectMapper json) {
        this.users = users;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller instanceof JwtAuthenticationToken token && !exempt(request)
                && users.state(token.getName()).filter(TokenRevocation.UserState::passwordChangeRequired).isPresent()) {
            response.setStatus(ErrorCode.PASSWORD_CHANGE_REQUIRED.status());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), Problems.of(ErrorCode.PASSWORD_CHANGE_REQUIRED,
                    "Change the generated password first: POST /api/users/me/password", request.getRequestURI()));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean exempt(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/auth/")
                || "POST".equals(request.getMethod()) && path.equals("/api/users/me/password");
    }
}
