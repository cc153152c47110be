package ke.co.datacare.whatsapp.app.operations;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.app.web.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Webhook bodies are buffered (up to {@code datacare.webhook.max-body-size}) before their signature can be
 * checked: at most {@code datacare.webhook.max-concurrent-reads} are read at once, so unsigned floods cannot fill
 * the heap. A request that waits more than a second for its turn gets 503 with {@code Retry-After}; Meta retries.
 */
@Component
class WebhookReadLimit extends OncePerRequestFilter {

    private final Semaphore reads;
    private final ObjectMapper json;

    WebhookReadLimit(@Value("${datacare.webhook.max-concurrent-reads:64}") int maxConcurrentReads, ObjectMapper json) {
        this.reads = new Semaphore(maxConcurrentReads);
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !request.getRequestURI().startsWith("/webhook/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = reads.tryAcquire(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            response.setStatus(ErrorCode.STORE_UNAVAILABLE.status());
            response.setHeader("Retry-After", "1");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), Problems.of(ErrorCode.STORE_UNAVAILABLE,
                    "Too many webhooks are being read at once: retry", request.getRequestURI()));
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            reads.release();
        }
    }
}
