package ke.co.datacare.whatsapp.app.web;

import ke.co.datacare.whatsapp.api.common.ErrorCode;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.Map;

/** Our problem+json bodies: RFC 9457 fields plus the stable {@code code}. */
public final class Problems {

    public static final String TYPE_BASE = "https://datacare.co.ke/problems/";

    private Problems() {
    }

    public static ProblemDetail of(ErrorCode code, String detail, String path) {
        return of(code, detail, path, Map.of());
    }

    public static ProblemDetail of(ErrorCode code, String detail, String path, Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(org.springframework.http.HttpStatusCode.valueOf(code.status()), detail);
        problem.setType(URI.create(TYPE_BASE + code.name().toLowerCase().replace('_', '-')));
        problem.setTitle(code.title());
        if (path != null) {
            problem.setInstance(URI.create(path));
        }
        problem.setProperty("code", code.name());
        properties.forEach(problem::setProperty);
        return problem;
    }
}
