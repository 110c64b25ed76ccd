package com.goafwatch.security;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A local user as Spring Security sees it, carrying the {@link GoafPrincipal} the service works with and the session
 * epoch of the user row when it was loaded (a browser session is valid only while the row still has that epoch). The
 * password hash is erased once the login succeeded, so sessions never hold it.
 */
final class LocalUser implements UserDetails, CredentialsContainer {

    private static final long serialVersionUID = 1L;

    private final GoafPrincipal principal;
    private final boolean disabled;
    private final int sessionEpoch;
    private String passwordHash;

    LocalUser(GoafPrincipal principal, String passwordHash, boolean disabled, int sessionEpoch) {
        this.principal = principal;
        this.passwordHash = passwordHash;
        this.disabled = disabled;
        this.sessionEpoch = sessionEpoch;
    }

    GoafPrincipal principal() {
        return principal;
    }

    int sessionEpoch() {
        return sessionEpoch;
    }

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

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }
}
