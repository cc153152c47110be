package ke.co.datacare.whatsapp.app.security;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ke.co.datacare.whatsapp.command.config.PeriodicTask;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Long-lived responses (the live stream, {@code /api/stream}) outlive the check made when they opened: every
 * 20 seconds each open stream's token is checked again, and the stream is closed once the token expired or was
 * revoked (user disabled, password changed). With the 30-second user cache, within a minute.
 */
@Component
class LiveStreamRevocation extends OncePerRequestFilter implements SmartLifecycle {

    static final Duration CHECK_EVERY = Duration.ofSeconds(20);
    private static final Logger log = LoggerFactory.getLogger(LiveStreamRevocation.class);

    private final Map<AsyncContext, Jwt> open = new ConcurrentHashMap<>();
    private final TokenRevocation revocation;
    private final Clock clock;
    private final PeriodicTask checks = new PeriodicTask("live-stream-revocation", CHECK_EVERY, this::closeRevoked);

    LiveStreamRevocation(TokenRevocation revocation, Clock clock) {
        this.revocation = revocation;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/stream");
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        chain.doFilter(request, response);
        if (caller instanceof JwtAuthenticationToken token && request.isAsyncStarted()) {
            AsyncContext async = request.getAsyncContext();
            open.put(async, token.getToken());
            async.addListener(new jakarta.servlet.AsyncListener() {
                public void onComplete(jakarta.servlet.AsyncEvent event) {
                    open.remove(async);
                }

                public void onTimeout(jakarta.servlet.AsyncEvent event) {
                    open.remove(async);
                }

                public void onError(jakarta.servlet.AsyncEvent event) {
                    open.remove(async);
                }

                public void onStartAsync(jakarta.servlet.AsyncEvent event) {
                }
            });
        }
    }

    void closeRevoked() {
        open.forEach((async, token) -> {
            boolean expired = token.getExpiresAt() != null && token.getExpiresAt().isBefore(clock.instant());
            if (expired || !revocation.current(token)) {
                open.remove(async);
                try {
                    async.complete();
                } catch (IllegalStateException alreadyDone) {
                    log.debug("Live stream already closed");
                }
            }
        });
    }

    int openStreams() {
        return open.size();
    }

    @Override
    public void start() {
        checks.start();
    }

    @Override
    public void stop() {
        checks.stop();
    }

    @Override
    public boolean isRunning() {
        return checks.isRunning();
    }
}
