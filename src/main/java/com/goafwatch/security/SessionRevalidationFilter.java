package com.goafwatch.security;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Re-checks a browser session's user on every request, before anything else authenticates: one indexed lookup of the
 * user row (role, grants, disabled, session epoch). A disabled or deleted user, or a session opened before the user's
 * sessions were ended ({@code session_epoch} moved on), loses the session at once; otherwise the request runs with the
 * role and project grants the row has now, so a removed grant applies to open sessions immediately. The check reads
 * only PostgreSQL, so it holds for sessions of any instance.
 */
final class SessionRevalidationFilter extends OncePerRequestFilter {

    private final JdbcClient jdbc;
    private final AuthenticationEntryPoint entryPoint;

    SessionRevalidationFilter(JdbcClient jdbc, AuthenticationEntryPoint entryPoint) {
        this.jdbc = jdbc;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof UsernamePasswordAuthenticationToken && auth.getPrincipal() instanceof LocalUser sessionUser) {
            Optional<LocalUser> current;
            try {
                current = current(sessionUser);
            } catch (DataAccessException e) {
                SecurityContextHolder.clearContext();
                entryPoint.commence(request, response, new InternalAuthenticationServiceException("user store unavailable", e));
                return;
            }
            if (current.isEmpty()) {
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                SecurityContextHolder.clearContext();
            } else {
                // for this request only: the session keeps what was stored at login (its epoch above all)
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                UsernamePasswordAuthenticationToken fresh = UsernamePasswordAuthenticationToken.authenticated(current.get(), null,
                        current.get().getAuthorities());
                fresh.setDetails(auth.getDetails());
                context.setAuthentication(fresh);
                SecurityContextHolder.setContext(context);
            }
        }
        chain.doFilter(request, response);
    }

    /** The user as the row has it now, or empty when the session must end. */
    private Optional<LocalUser> current(LocalUser sessionUser) {
        return jdbc.sql("SELECT u.role, u.all_projects, u.disabled, u.session_epoch, "
                + "ARRAY(SELECT g.project_id FROM user_project_grant g WHERE g.user_id = u.id) AS grants "
                + "FROM app_user u WHERE u.username = ?")
                .param(sessionUser.getUsername())
                .query((rs, n) -> {
                    Role role = Role.parse(rs.getString("role")).orElseThrow();
                    boolean all = rs.getBoolean("all_projects") || role == Role.ADMIN;
                    Set<Long> grants = new HashSet<>();
                    Arrays.stream((Object[]) rs.getArray("grants").getArray()).forEach(o -> grants.add(((Number) o).longValue()));
                    return new LocalUser(new GoafPrincipal(sessionUser.getUsername(), role, all, all ? Set.of() : grants, Set.of()), null,
                            rs.getBoolean("disabled"), rs.getInt("session_epoch"));
                })
                .optional()
                .filter(u -> u.isEnabled() && u.sessionEpoch() == sessionUser.sessionEpoch());
    }
}
