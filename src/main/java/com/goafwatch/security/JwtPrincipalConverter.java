package com.goafwatch.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Enterprise mode: turns a validated JWT into a {@link GoafPrincipal} with the configured claim mapping.
 * The role claim may be a string or a list and a dot path ({@code realm_access.roles}); values map to
 * roles through {@code role-mapping} (or by name), the highest wins; a JWT without a known role gets none
 * and is refused everywhere. The projects claim lists project codes, or {@code *} for all.
 */
final class JwtPrincipalConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final SecurityProperties.Oidc oidc;
    private final JdbcClient jdbc;

    JwtPrincipalConverter(SecurityProperties.Oidc oidc, JdbcClient jdbc) {
        this.oidc = oidc;
        this.jdbc = jdbc;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Role role = null;
        for (String value : strings(claim(jwt.getClaims(), oidc.roleClaim()))) {
            Role mapped = Role.parse(oidc.roleMapping().getOrDefault(value, value)).filter(Role::isPersonRole).orElse(null);
            if (mapped != null && (role == null || mapped.ordinal() > role.ordinal())) {
                role = mapped;
            }
        }
        if (role == null) {
            throw new org.springframework.security.oauth2.server.resource.InvalidBearerTokenException(
                    "the token carries no role this service knows (claim " + oidc.roleClaim() + ")");
        }
        List<String> projects = strings(claim(jwt.getClaims(), oidc.projectsClaim()));
        boolean all = role == Role.ADMIN || projects.contains("*");
        Set<Long> ids = all || projects.isEmpty() ? Set.of()
                : new HashSet<>(jdbc.sql("SELECT id FROM project WHERE code = ANY (?)").param(projects.toArray(String[]::new))
                        .query(Long.class).list());
        Object name = jwt.getClaims().getOrDefault(oidc.usernameClaim(), jwt.getSubject());
        return new ApiTokenAuthentication(new GoafPrincipal("oidc:" + name, role, all, ids, Set.of()));
    }

    private static Object claim(Map<String, Object> claims, String path) {
        Object current = claims;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof Collection<?> c) {
            c.forEach(v -> out.add(String.valueOf(v)));
        } else if (value != null) {
            for (String s : String.valueOf(value).split("[ ,]+")) {
                if (!s.isBlank()) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
