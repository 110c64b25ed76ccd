package com.goafwatch.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import io.github.bucket4j.BucketExceptions;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Runs before every authentication filter: a request that brings credentials (login form, HTTP Basic, a bearer token)
 * while its user name or client address is backing off gets 429 with Retry-After, without its password being checked.
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

    private final LoginThrottle throttle;
    private final ProblemWriter problems;

    LoginThrottleFilter(LoginThrottle throttle, ProblemWriter problems) {
        this.throttle = throttle;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        boolean basic = header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
        boolean bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
        boolean form = "POST".equals(request.getMethod()) && "/login".equals(request.getServletPath());
        if (!basic && !bearer && !form) {
            chain.doFilter(request, response);
            return;
        }
        String username = basic ? basicUser(header) : form ? request.getParameter("username") : null;
        Optional<Duration> wait;
        try {
            wait = throttle.refusal(username, request.getRemoteAddr());
        } catch (BucketExceptions.BucketExecutionException | org.springframework.dao.DataAccessException e) {
            BucketStoreUnavailable.write(problems, response); // the buckets are in PostgreSQL: fail closed
            return;
        }
        if (wait.isPresent()) {
            long seconds = Math.max(1, (long) Math.ceil(wait.get().toMillis() / 1000.0));
            response.setHeader("Retry-After", String.valueOf(seconds));
            problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "login-throttled", "Too many failed sign-ins",
                    "too many failed sign-ins for this user name or from this address; try again in " + seconds + " s");
            return;
        }
        chain.doFilter(request, response);
    }

    private static String basicUser(String header) {
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null; // not Base64: Spring's Basic filter answers 401
        }
    }
}
