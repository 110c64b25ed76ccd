package com.goafwatch.system;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * The one exception type features throw for a client-visible failure. It carries the HTTP status, a
 * stable problem {@code type} slug (documented under {@code /problems/{slug}}), a human title and
 * detail, and optional extra members (for example the list of bad features of an import).
 * {@link ProblemHandler} turns it into an RFC 9457 response in one place.
 */
public class ApiException extends RuntimeException {

    public static final String TYPE_BASE = "https://goafwatch.example/problems/";

    private final HttpStatus status;
    private final String typeSlug;
    private final String title;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public ApiException(HttpStatus status, String typeSlug, String title, String detail) {
        super(detail);
        this.status = status;
        this.typeSlug = typeSlug;
        this.title = title;
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(HttpStatus.NOT_FOUND, "not-found", "Resource not found",
                what + " " + id + " does not exist");
    }

    public static ApiException badRequest(String typeSlug, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, typeSlug, "Bad request", detail);
    }

    public static ApiException conflict(String typeSlug, String detail) {
        return new ApiException(HttpStatus.CONFLICT, typeSlug, "Conflict", detail);
    }

    public static ApiException unprocessable(String typeSlug, String title, String detail) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, typeSlug, title, detail);
    }

    public ApiException with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public URI type() {
        return URI.create(TYPE_BASE + typeSlug);
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
