package com.goafwatch.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authentication made from an API token or a JWT: its principal is the {@link GoafPrincipal}. */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private final GoafPrincipal principal;

    ApiTokenAuthentication(GoafPrincipal principal) {
        super(List.of(new SimpleGrantedAuthority(principal.role().authority())));
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public GoafPrincipal getPrincipal() {
        return principal;
    }
}
