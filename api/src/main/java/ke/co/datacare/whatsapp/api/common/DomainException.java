package ke.co.datacare.whatsapp.api.common;

import java.util.Map;

/**
 * A refusal with a stable {@link ErrorCode}, thrown by command handlers and request validation and
 * answered as {@code application/problem+json}; {@code properties} are added to the problem body.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, Object> properties;

    public DomainException(ErrorCode code, String detail) {
        this(code, detail, Map.of());
    }

    public DomainException(ErrorCode code, String detail, Map<String, Object> properties) {
        super(detail);
        this.code = code;
        this.properties = Map.copyOf(properties);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
