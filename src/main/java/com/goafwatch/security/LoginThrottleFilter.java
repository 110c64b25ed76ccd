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
 * <p>
 * A tile, items-page or feature request whose credential this instance remembers ({@link ApiTokenFilter#confirmsInStatement},
 * {@link TokenService#remembered}, {@link RememberedBasicLogins#remembered}) is not checked here: its one statement
 * checks the throttle together with the credential ({@link LoginThrottle#deferred}, {@link TokenProof#throttledBy}), so
 * the check costs no round trip of its own. The remembered credential found here is handed on ({@link Deferral}), and the
 * filter that uses it attaches the check to its proof, so no other filter can let such a request in unchecked.
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

    private static final String DEFERRAL = LoginThrottleFilter.class.getName() + ".deferral";

    private final LoginThrottle throttle;
    private final ProblemWriter problems;
    private final TokenService tokens;
    private final RememberedBasicLogins basicLogins; // null where Basic is not accepted (oidc mode)

    LoginThrottleFilter(LoginThrottle throttle, ProblemWriter problems, TokenService tokens, RememberedBasicLogins basicLogins) {
        this.throttle = throttle;
        this.problems = problems;
        this.tokens = tokens;
        this.basicLogins = basicLogins;
    }

    /** A remembered credential whose throttle check its statement makes. */
    record Deferral(Object credential, LoginThrottle.Deferred check) {

        /** The request's deferral, whose credential must be a {@code type}; null when the throttle was checked here. */
        static <T> Deferral on(HttpServletRequest request, Class<T> type) {
            Deferral d = (Deferral) request.getAttribute(DEFERRAL);
            if (d != null && !type.isInstance(d.credential())) {
                throw new IllegalStateException("a deferred throttle check for another kind of credential"); // fail closed
            }
            return d;
        }

        <T> T credential(Class<T> type) {
            return type.cast(credential);
        }
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
            Object remembered = form ? null : rememberedFor(request, header, bearer);
            Optional<LoginThrottle.Deferred> deferred = remembered == null ? Optional.empty()
                    : throttle.deferred(username, request.getRemoteAddr());
            if (deferred.isPresent()) {
                request.setAttribute(DEFERRAL, new Deferral(remembered, deferred.get()));
                chain.doFilter(request, response);
                return;
            }
            wait = throttle.refusal(username, request.getRemoteAddr());
        } catch (BucketExceptions.BucketExecutionException | org.springframework.dao.DataAccessException e) {
            BucketStoreUnavailable.write(problems, response); // the buckets are in PostgreSQL: fail closed
            return;
        }
        if (wait.isPresent()) {
            long seconds = LoginThrottle.retryAfterSeconds(wait.get());
            response.setHeader("Retry-After", String.valueOf(seconds));
            problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "login-throttled", "Too many failed sign-ins", LoginThrottle.detail(seconds));
            return;
        }
        chain.doFilter(request, response);
    }

    /** The credential a statement will confirm for this request, if this instance remembers it; else null. */
    private Object rememberedFor(HttpServletRequest request, String header, boolean bearer) {
        if (!ApiTokenFilter.confirmsInStatement(request)) {
            return null;
        }
        if (bearer) {
            String secret = header.substring(7).trim();
            return secret.startsWith(TokenService.PREFIX) ? tokens.remembered(secret).orElse(null) : null;
        }
        return basicLogins == null ? null
                : RememberedBasicLogins.Credentials.of(header).flatMap(basicLogins::remembered).orElse(null);
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
