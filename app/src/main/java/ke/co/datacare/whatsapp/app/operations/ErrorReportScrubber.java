package ke.co.datacare.whatsapp.app.operations;

import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryException;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an error report may carry: no request bodies, query strings, cookies or user, and no customer's number, name or
 * text. A logged error keeps its message template ({@code "Send failed: {}"}) and loses the values put into it;
 * exception messages keep their words but lose numbers, email addresses and quoted or bracketed values
 * (PostgreSQL's "Failing row contains (...)", "Key (...)=(...)"), where customer data would stand.
 */
@Component
class ErrorReportScrubber implements SentryOptions.BeforeSendCallback {

    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"|'[^']*'|«[^»]*»|“[^”]*”");
    private static final Pattern BRACKETED = Pattern.compile("\\([^()]*\\)|\\[[^\\[\\]]*]|\\{[^{}]*}");
    private static final Pattern NUMBER = Pattern.compile("\\+?\\d[\\d\\s-]{5,}\\d");
    private static final Map<String, String> SAFE_HEADERS = Map.of("content-type", "Content-Type", "user-agent", "User-Agent");

    @Override
    public SentryEvent execute(SentryEvent event, Hint hint) {
        Message message = event.getMessage();
        if (message != null) {
            String template = message.getMessage();
            message.setParams(null);
            message.setFormatted(template != null ? template : scrub(message.getFormatted()));
        }
        if (event.getExceptions() != null) {
            for (SentryException exception : event.getExceptions()) {
                exception.setValue(scrub(exception.getValue()));
            }
        }
        Request request = event.getRequest();
        if (request != null) {
            request.setData(null);
            request.setQueryString(null);
            request.setCookies(null);
            request.setEnvs(null);
            request.setHeaders(request.getHeaders() == null ? null : safeHeaders(request.getHeaders()));
        }
        event.setUser(null);
        event.setExtras(null);
        event.setBreadcrumbs(null); // none are kept (max-breadcrumbs 0): earlier log lines carry their values
        return event;
    }

    static String scrub(String text) {
        if (text == null) {
            return null;
        }
        String scrubbed = EMAIL.matcher(text).replaceAll("[email]");
        scrubbed = QUOTED.matcher(scrubbed).replaceAll("[value]");
        for (int depth = 0; depth < 5; depth++) { // nested brackets, innermost first
            scrubbed = BRACKETED.matcher(scrubbed).replaceAll("[values]");
        }
        return NUMBER.matcher(scrubbed).replaceAll("[number]");
    }

    private static Map<String, String> safeHeaders(Map<String, String> headers) {
        Map<String, String> kept = new java.util.HashMap<>();
        headers.forEach((name, value) -> {
            String safe = SAFE_HEADERS.get(name.toLowerCase(java.util.Locale.ROOT));
            if (safe != null) {
                kept.put(safe, value);
            }
        });
        return kept;
    }
}
