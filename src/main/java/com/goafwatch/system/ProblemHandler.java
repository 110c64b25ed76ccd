package com.goafwatch.system;

import java.net.URI;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;

/**
 * Maps every failure to an RFC 9457 problem response, in one place. Responses never carry stack
 * traces or SQL; unexpected errors are logged with a correlation-free message and answered with 500.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final LimitsProperties limits;

    ProblemHandler(LimitsProperties limits) {
        this.limits = limits;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> handleApi(ApiException e) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        body.setType(e.type());
        body.setTitle(e.title());
        e.properties().forEach(body::setProperty);
        var response = ResponseEntity.status(e.status()).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
        if (e.properties().get("retryAfterSeconds") instanceof Number seconds) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds.longValue()));
        }
        return response.body(body);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> handleTypeMismatch(MethodArgumentTypeMismatchException e) {
        return handleApi(ApiException.badRequest("invalid-parameter",
                "parameter '" + e.getName() + "' has an invalid value: '" + e.getValue() + "'")
                .with("parameter", e.getName()));
    }

    @ExceptionHandler(JacksonException.class)
    ResponseEntity<ProblemDetail> handleJson(JacksonException e) {
        return handleApi(ApiException.badRequest("malformed-json", "request body is not valid JSON: " + e.getOriginalMessage()));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> handleIntegrity(DataIntegrityViolationException e) {
        return handleApi(ConstraintMessages.toProblem(e));
    }

    @ExceptionHandler({CannotGetJdbcConnectionException.class, DataAccessResourceFailureException.class,
            org.springframework.dao.TransientDataAccessException.class, org.springframework.dao.RecoverableDataAccessException.class,
            org.springframework.transaction.CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> handleDatabaseDown(RuntimeException e) {
        log.warn("database unavailable: {}", e.getMessage());
        return handleApi(new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "Database unavailable",
                "PostGIS is not reachable right now; nothing was written. Retry shortly.").with("retryAfterSeconds", 10));
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> handleUnexpected(RuntimeException e) {
        log.error("unexpected error", e);
        return handleApi(new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "the server failed to handle this request; nothing was written"));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // the container reports -1 when it does not know the limit: name the configured one
        long max = ex.getMaxUploadSize() > 0 ? ex.getMaxUploadSize() : limits.maxUploadSize().toBytes();
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "the upload exceeds the limit of " + max + " bytes (goafwatch.limits.max-upload-size); nothing was stored");
        body.setType(URI.create(ApiException.TYPE_BASE + "payload-too-large"));
        body.setTitle("Payload too large");
        body.setProperty("limitBytes", max);
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(body);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "request body failed validation");
        body.setType(URI.create(ApiException.TYPE_BASE + "invalid-body"));
        body.setTitle("Invalid request body");
        body.setProperty("errors", ex.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "reason", String.valueOf(f.getDefaultMessage())))
                .toList());
        return ResponseEntity.badRequest().body(body);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        // Spring's own MVC errors (unsupported media type, missing parameter, unreadable body...) keep
        // their status; give them our type URI base so clients see one vocabulary.
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
            problem.setType(URI.create(ApiException.TYPE_BASE + "http-" + statusCode.value()));
        }
        return response;
    }
}
