package ke.co.datacare.whatsapp.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.app.web.Problems;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;

/** 401 and 403 from the security filters as problem+json with stable codes. */
final class ProblemAuthenticationHandlers {

    private ProblemAuthenticationHandlers() {
    }

    static AuthenticationEntryPoint entryPoint(ObjectMapper json) {
        return (request, response, exception) -> write(response, json, ErrorCode.UNAUTHENTICATED,
                "A valid bearer token is required: POST /api/auth/login", request.getRequestURI());
    }

    static AccessDeniedHandler accessDenied(ObjectMapper json) {
        return (request, response, exception) -> {
            if (PersonalDataRoutes.refusedToCaller(request, SecurityContextHolder.getContext().getAuthentication())) {
                write(response, json, ErrorCode.PERSONAL_DATA_FORBIDDEN, request.getMethod() + " "
                        + request.getRequestURI() + " shows customers' personal data; analysts use /api/analytics "
                        + "and the pseudonymous export /api/admin/events", request.getRequestURI());
            } else {
                write(response, json, ErrorCode.FORBIDDEN,
                        "Your role may not use " + request.getMethod() + " " + request.getRequestURI(), request.getRequestURI());
            }
        };
    }

    private static void write(HttpServletResponse response, ObjectMapper json, ErrorCode code, String detail,
                              String path) throws IOException {
        response.setStatus(code.status());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (code == ErrorCode.UNAUTHENTICATED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        json.writeValue(response.getOutputStream(), Problems.of(code, detail, path));
    }
}
