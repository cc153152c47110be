package ke.co.datacare.whatsapp.command.webhook;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import ke.co.datacare.whatsapp.api.common.DomainException;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The acknowledgement path of Meta's webhook, ahead of the web framework: a webhook is verified, stored and
 * answered here, without the security chain, handler mapping, observations and message converters, which cost
 * several times what verifying and storing does. A refusal (bad signature, oversized or malformed body, store
 * down) is handed on to {@link WebhookController} as a request attribute, and the controller's exception
 * handling answers it with the same problem+json as always.
 */
class WebhookFastPath extends OncePerRequestFilter {

    static final String PATH = "/webhook/whatsapp";
    static final String REFUSAL = WebhookFastPath.class.getName() + ".refusal";
    private static final byte[] RECEIVED = "{\"status\":\"received\"}".getBytes(StandardCharsets.UTF_8);

    private final WebhookIntake intake;

    WebhookFastPath(WebhookIntake intake) {
        this.intake = intake;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !PATH.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] body = intake.readBounded(request.getContentLengthLong(), in);
            intake.accept(body, request.getHeader("X-Hub-Signature-256"), MDC.get("correlationId"));
        } catch (DomainException refused) {
            request.setAttribute(REFUSAL, refused);
            chain.doFilter(new Refused(request), response);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServletException("interrupted while storing a webhook", e);
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setContentLength(RECEIVED.length);
        response.getOutputStream().write(RECEIVED);
    }

    /**
     * A refused request as the controller sees it: its body is read already, so it has no content type the web
     * framework could try to parse (a multipart body or an unparseable type would otherwise be answered before the
     * refusal, with another status).
     */
    private static final class Refused extends HttpServletRequestWrapper {

        Refused(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getContentType() {
            return null;
        }

        @Override
        public String getHeader(String name) {
            return isContentType(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return isContentType(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        private static boolean isContentType(String name) {
            return "Content-Type".equalsIgnoreCase(name);
        }
    }
}
