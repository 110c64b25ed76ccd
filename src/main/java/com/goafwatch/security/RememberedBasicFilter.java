package com.goafwatch.security;

import java.io.IOException;
import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * HTTP Basic on the requests whose one statement can confirm the caller ({@link ApiTokenFilter#confirmsInStatement}:
 * tiles, items pages, single features). A login {@link RememberedBasicLogins} holds for these credentials is used as is,
 * its proof attached for the statement to confirm; any other request goes on to Spring's Basic filter, and a success
 * there is remembered for the next one. Runs after {@link LoginThrottleFilter}, so a throttled name or address is
 * refused before its credentials are looked at; for a login that filter found remembered, the throttle is checked by the
 * statement with the login ({@link TokenProof#throttledBy}).
 */
final class RememberedBasicFilter extends OncePerRequestFilter {

    private final RememberedBasicLogins logins;

    RememberedBasicFilter(RememberedBasicLogins logins) {
        this.logins = logins;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<RememberedBasicLogins.Credentials> credentials = ApiTokenFilter.confirmsInStatement(request)
                ? RememberedBasicLogins.Credentials.of(request.getHeader("Authorization")) : Optional.empty();
        if (credentials.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        // the login throttle left its check to this request's statement for the login it found remembered: use that one
        LoginThrottleFilter.Deferral deferral = LoginThrottleFilter.Deferral.on(request, RememberedBasicLogins.Login.class);
        Optional<RememberedBasicLogins.Login> remembered = deferral != null
                ? Optional.of(deferral.credential(RememberedBasicLogins.Login.class)) : logins.remembered(credentials.get());
        if (remembered.isPresent()) {
            TokenProof proof = remembered.get().proof(logins);
            (deferral == null ? proof : proof.throttledBy(deferral.check())).attachTo(request);
            SecurityContextHolder.getContext().setAuthentication(remembered.get().authentication());
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(request, response);
        Authentication done = SecurityContextHolder.getContext().getAuthentication();
        if (done != null && done.isAuthenticated() && done.getPrincipal() instanceof LocalUser user
                && user.getUsername().equals(credentials.get().username())) {
            try {
                logins.verify(credentials.get());
            } catch (org.springframework.dao.DataAccessException e) {
                // not remembered: the next request is verified in full
            }
        }
    }
}
