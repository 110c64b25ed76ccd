package com.goafwatch.security;

import java.io.IOException;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Authenticates {@code Authorization: Bearer gw_…} API tokens. Other bearer values are left to the JWT
 * resource server (oidc mode); an unknown, revoked or expired API token is answered 401 at once.
 */
final class ApiTokenFilter extends OncePerRequestFilter {

    private final TokenService tokens;
    private final AuthenticationEntryPoint entryPoint;
    private final LoginThrottle throttle;

    ApiTokenFilter(TokenService tokens, AuthenticationEntryPoint entryPoint, LoginThrottle throttle) {
        this.tokens = tokens;
        this.entryPoint = entryPoint;
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer " + TokenService.PREFIX, 0, 7 + TokenService.PREFIX.length())) {
            chain.doFilter(request, response);
            return;
        }
        try {
            GoafPrincipal principal = tokens.authenticate(header.substring(7).trim())
                    .orElseThrow(() -> new BadCredentialsException("unknown, revoked or expired API token"));
            SecurityContextHolder.getContext().setAuthentication(new ApiTokenAuthentication(principal));
        } catch (BadCredentialsException e) {
            SecurityContextHolder.clearContext();
            throttle.failed(null, request.getRemoteAddr());
            entryPoint.commence(request, response, e);
            return;
        } catch (org.springframework.dao.DataAccessException e) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, new org.springframework.security.authentication.InternalAuthenticationServiceException(
                    "token store unavailable", e));
            return;
        }
        chain.doFilter(request, response);
    }
}
