package com.goafwatch.system;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The error page the container forwards to ({@code /error}) for what no controller advice sees: a URL Tomcat cannot
 * decode (a bad percent-escape), a method it refuses (TRACE), an exception out of a filter. In place of Spring Boot's
 * BasicErrorController, whose answer was a "Whitelabel Error Page" for browsers and a non-problem JSON for everyone
 * else, it always answers an RFC 9457 problem, whatever the Accept header: no HTML route of the web map (the login
 * page, the map) ever ends here, they are static pages and Spring Security's login form, which redirect instead.
 * Tomcat's own refusals before any servlet runs are {@link ProblemErrorReportValve}'s.
 */
@Hidden // not an operation of the API: the place errors are forwarded to
@RestController
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // asked for directly, /error is a URL like any other: there is nothing at it
        HttpStatus status = code instanceof Integer c ? HttpStatus.resolve(c) : HttpStatus.NOT_FOUND;
        if (status == null || !status.isError()) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (status.is5xxServerError()) {
            log.error("request to {} failed with {}", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), status.value(), failure);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail(status, request, failure));
        problem.setType(URI.create(ApiException.TYPE_BASE + "http-" + status.value()));
        problem.setTitle(status.getReasonPhrase());
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
            try {
                problem.setInstance(URI.create(uri));
            } catch (IllegalArgumentException e) {
                // a path that is no URI reference (it is why the request failed): the problem goes without it
            }
        }
        // the content type is set, so no Accept header (text/html included) turns this into a 406 or an HTML page
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The container's own message for a client error; never an exception's message (it may name internals). */
    private static String detail(HttpStatus status, HttpServletRequest request, Throwable failure) {
        String method = request.getMethod();
        return switch (status) {
            case BAD_REQUEST -> "the request could not be read: its URL or parameters are malformed (e.g. an invalid "
                    + "percent-escape such as %ZZ; a literal % is written %25)";
            case METHOD_NOT_ALLOWED -> "method " + method + " is not allowed here (TRACE never is); the Allow header names those that are";
            case NOT_FOUND -> "nothing at this URL";
            default -> {
                Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
                if (status.is4xxClientError() && failure == null && message instanceof String m && !m.isBlank()) {
                    yield m;
                }
                yield status.is5xxServerError() ? "the server failed to handle this request" : "the request was refused";
            }
        };
    }
}
