package com.goafwatch.security;

import java.util.Set;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Loads local users with their role and project grants for HTTP Basic and the login form. */
@Service
class LocalUserDetailsService implements UserDetailsService {

    private final UserStore users;

    LocalUserDetailsService(UserStore users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return localUser(users.findWithGrants(username).orElseThrow(() -> new UsernameNotFoundException("no such user")));
    }

    /** How a user row and its grants become the caller the service works with (admins and all-projects users see all). */
    static LocalUser localUser(UserStore.UserWithGrants row) {
        UserStore.StoredUser u = row.user();
        boolean all = u.allProjects() || u.role() == Role.ADMIN;
        GoafPrincipal principal = new GoafPrincipal(u.username(), u.role(), all, all ? Set.of() : Set.copyOf(row.grants()), Set.of());
        return new LocalUser(principal, u.passwordHash(), u.disabled(), u.sessionEpoch());
    }
}
