package com.goafwatch.security;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A local user as Spring Security sees it, carrying the {@link GoafPrincipal} the service works with. */
record LocalUser(GoafPrincipal principal, String passwordHash, boolean disabled) implements UserDetails {

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(principal.role().authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return principal.name();
    }

    @Override
    public boolean isEnabled() {
        return !disabled;
    }
}
