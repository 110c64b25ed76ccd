package com.goafwatch.security;

import java.io.IOException;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;


import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * 401, 403 and 503 as RFC 9457 problems for the API. An authentication that failed because the user or
 * token store (PostGIS) is down is a 503, not a 401: the credentials may be fine.
 */
@Component
class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ProblemWriter writer;

    ProblemResponses(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        if (e instanceof InternalAuthenticationServiceException && (e.getCause() instanceof DataAccessException
                || e.getCause() instanceof java.sql.SQLException)) {
            response.setHeader("Retry-After", "10");
            write(response, HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "Database unavailable",
                    "the user and token store (PostGIS) is not reachable right now; retry shortly");
            return;
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"goafwatch\", Bearer");
        write(response, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                "authentication required: HTTP Basic with a user, or Authorization: Bearer with an API token or a JWT");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        if (e instanceof org.springframework.security.web.csrf.CsrfException) {
            write(response, HttpStatus.FORBIDDEN, "csrf", "Forbidden", "missing or invalid CSRF token for this browser session");
            return;
        }
        write(response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "your role does not allow " + request.getMethod() + " "
                + request.getRequestURI());
    }

    private void write(HttpServletResponse response, HttpStatus status, String type, String title, String detail) throws IOException {
        writer.write(response, status, type, title, detail);
    }
}
