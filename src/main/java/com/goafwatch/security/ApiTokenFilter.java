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
 * Tile, items-page and single-feature requests (GETs of one tile, of {@code /ogcapi/collections/{c}/items} and of
 * {@code …/items/{id}}) with a token this instance verified moments ago skip the token's own round trip: the statement
 * reading the data confirms the token in its snapshot ({@link TokenProof}), so a map's hundreds of tile requests or a
 * client's feature reads cost one statement each, and a revocation on any instance still refuses the next request.
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

    // the handlers that confirm the token in their one statement (ConfirmingReads): tiles of /tiles and OGC API – Tiles
    // (GET and HEAD), OGC API – Features items pages and single features (GET)
    private static final Pattern TILES = Pattern.compile(
            "/tiles/[^/]+/[^/]+/[^/]+/[^/]+\\.mvt|/ogcapi(/collections/[^/]+)?/tiles/[^/]+/[^/]+/[^/]+/[^/]+");
    private static final Pattern FEATURES = Pattern.compile("/ogcapi/collections/[^/]+/items(/[^/]+)?");

    static boolean confirmsInStatement(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return switch (request.getMethod()) {
            case "GET" -> TILES.matcher(path).matches() || FEATURES.matcher(path).matches();
            case "HEAD" -> TILES.matcher(path).matches();
            default -> false;
        };
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
            // the login throttle left its check to this request's statement for the token it found remembered: use that one
            LoginThrottleFilter.Deferral deferral = LoginThrottleFilter.Deferral.on(request, TokenService.Remembered.class);
            Optional<TokenService.Remembered> remembered = deferral != null
                    ? Optional.of(deferral.credential(TokenService.Remembered.class)) : tokens.remembered(secret);
            if (remembered.isPresent()) {
                TokenProof proof = remembered.get().proof(tokens);
                (deferral == null ? proof : proof.throttledBy(deferral.check())).attachTo(request);
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
