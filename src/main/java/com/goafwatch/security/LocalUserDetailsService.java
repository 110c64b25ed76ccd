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
        UserStore.StoredUser u = users.find(username).orElseThrow(() -> new UsernameNotFoundException("no such user"));
        boolean all = u.allProjects() || u.role() == Role.ADMIN;
        GoafPrincipal principal = new GoafPrincipal(u.username(), u.role(), all, all ? Set.of() : users.grants(u.id()), Set.of());
        return new LocalUser(principal, u.passwordHash(), u.disabled(), u.sessionEpoch());
    }
}
