package ke.co.datacare.whatsapp.command.webhook;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import ke.co.datacare.whatsapp.api.common.DomainException;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

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
            chain.doFilter(request, response);
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
}
