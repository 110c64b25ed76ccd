package com.goafwatch.security;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

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
 * <p>
 * Tile requests (GET of one tile) with a token this instance verified moments ago skip the token's own round trip:
 * the tile statement confirms the token in its snapshot ({@link TokenProof}), so a map's hundreds of tile requests cost
 * one statement each, like a bare {@code ST_AsMVT}, and a revocation on any instance still refuses the next request.
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

    // the tile handlers of /tiles and OGC API – Tiles, which confirm the token in their one statement (TileResponses)
    private static final Pattern CONFIRMS_IN_STATEMENT = Pattern.compile(
            "/tiles/[^/]+/[^/]+/[^/]+/[^/]+\\.mvt|/ogcapi(/collections/[^/]+)?/tiles/[^/]+/[^/]+/[^/]+/[^/]+");

    static boolean confirmsInStatement(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return CONFIRMS_IN_STATEMENT.matcher(path).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer " + TokenService.PREFIX, 0, 7 + TokenService.PREFIX.length())) {
            chain.doFilter(request, response);
            return;
        }
        String secret = header.substring(7).trim();
        if (confirmsInStatement(request)) {
            Optional<TokenService.Remembered> remembered = tokens.remembered(secret);
            if (remembered.isPresent()) {
                remembered.get().proof().attachTo(request);
                SecurityContextHolder.getContext().setAuthentication(new ApiTokenAuthentication(remembered.get().principal()));
                chain.doFilter(request, response);
                return;
            }
        }
        try {
            GoafPrincipal principal = tokens.authenticate(secret)
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
