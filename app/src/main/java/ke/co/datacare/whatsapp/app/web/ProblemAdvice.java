package ke.co.datacare.whatsapp.app.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.common.Refusal;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * The one place that turns failures into {@code application/problem+json} with a stable {@code code}.
 * Clients never see stack traces or internal messages.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE) // before Spring Boot's ProblemDetailsExceptionHandler (@Order(0)), which has no code
class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    record FieldViolation(String field, String reason) {
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> domain(DomainException e, HttpServletRequest request) {
        return respond(Problems.of(e.code(), e.getMessage(), request.getRequestURI(), e.properties()));
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> command(CommandExecutionException e, HttpServletRequest request) {
        Object details = e.getDetails().orElse(null);
        if (details instanceof Refusal refusal) {
            return respond(Problems.of(refusal.code(), e.getMessage(), request.getRequestURI(), refusal.properties()));
        }
        if (details instanceof ErrorCode code) {
            return respond(Problems.of(code, e.getMessage(), request.getRequestURI()));
        }
        return unexpected(e, request);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> aggregateNotFound(AggregateNotFoundException e, HttpServletRequest request) {
        return respond(Problems.of(ErrorCode.NOT_FOUND, "No such conversation or contact", request.getRequestURI()));
    }

    @ExceptionHandler(CompletionException.class)
    ResponseEntity<ProblemDetail> completion(CompletionException e, HttpServletRequest request) {
        if (e.getCause() instanceof DomainException domain) {
            return domain(domain, request);
        }
        return unexpected(e, request);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e, HttpServletRequest request) {
        List<FieldViolation> violations = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldViolation(error.getField(), error.getDefaultMessage())).toList();
        return respond(Problems.of(ErrorCode.VALIDATION_FAILED, "Some fields are not valid", request.getRequestURI(),
                Map.of("errors", violations)));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidParameters(HandlerMethodValidationException e, HttpServletRequest request) {
        List<FieldViolation> violations = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> new FieldViolation(
                        result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .toList();
        return respond(Problems.of(ErrorCode.VALIDATION_FAILED, "Some parameters are not valid", request.getRequestURI(),
                Map.of("errors", violations)));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraint(ConstraintViolationException e, HttpServletRequest request) {
        List<FieldViolation> violations = e.getConstraintViolations().stream()
                .map(v -> new FieldViolation(v.getPropertyPath().toString(), v.getMessage())).toList();
        return respond(Problems.of(ErrorCode.VALIDATION_FAILED, "Some parameters are not valid", request.getRequestURI(),
                Map.of("errors", violations)));
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<ProblemDetail> badParameter(Exception e, HttpServletRequest request) {
        return respond(Problems.of(ErrorCode.VALIDATION_FAILED, e.getMessage(), request.getRequestURI()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return respond(Problems.of(ErrorCode.MALFORMED_JSON, "The body could not be read as the expected JSON",
                request.getRequestURI()));
    }

    @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
    ResponseEntity<ProblemDetail> multipart(org.springframework.web.multipart.MultipartException e, HttpServletRequest request) {
        return respond(Problems.of(ErrorCode.VALIDATION_FAILED, "The multipart body could not be read",
                request.getRequestURI()));
    }

    @ExceptionHandler(org.springframework.web.multipart.MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(Exception e, HttpServletRequest request) {
        return respond(Problems.of(ErrorCode.PAYLOAD_TOO_LARGE, "The upload is larger than allowed", request.getRequestURI()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return respond(Problems.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, e.getMessage(), request.getRequestURI()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        ProblemDetail problem = Problems.of(ErrorCode.NOT_FOUND, "No " + e.getMethod() + " here", request.getRequestURI());
        problem.setStatus(405);
        return respond(problem);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NoResourceFoundException e, HttpServletRequest request) {
        return respond(Problems.of(ErrorCode.NOT_FOUND, "No such resource", request.getRequestURI()));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e, HttpServletRequest request) {
        return respond(Problems.of(ErrorCode.FORBIDDEN, "Your role may not do that", request.getRequestURI()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(Problems.of(ErrorCode.INTERNAL_ERROR, "Something went wrong on our side", request.getRequestURI()));
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
