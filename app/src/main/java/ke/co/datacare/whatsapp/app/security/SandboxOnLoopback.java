package ke.co.datacare.whatsapp.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.app.web.Problems;
import ke.co.datacare.whatsapp.command.graph.Loopback;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * The sandbox Graph API shows customers' numbers and texts and has no users: it answers only callers on this
 * machine (the service itself, a developer's browser); everyone else gets 404, as if it were not there.
 */
@Component
class SandboxOnLoopback extends OncePerRequestFilter {

    private final ObjectMapper json;

    SandboxOnLoopback(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/sandbox/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (Loopback.address(request.getRemoteAddr())) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(ErrorCode.NOT_FOUND.status());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Problems.of(ErrorCode.NOT_FOUND, "No such resource",
                request.getRequestURI()));
    }
}
