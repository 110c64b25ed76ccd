package com.goafwatch.security;

import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import com.goafwatch.system.ApiException;

/**
 * Per-project scoping: a caller sees and changes only projects granted to them (admins: all). Path-based
 * endpoints are checked centrally by {@link ProjectScopeInterceptor}; list endpoints filter with
 * {@link #visibleProjects()}; ingestion checks cables with {@link #requireCable(long, long)}.
 */
@Component
public class ProjectAccess {

    /** The caller, or null outside a request (system tasks see everything). */
    public GoafPrincipal current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return null;
        }
        if (auth.getPrincipal() instanceof LocalUser u) {
            return u.principal();
        }
        return auth.getPrincipal() instanceof GoafPrincipal p ? p : null;
    }

    /** Projects the caller may see; null means all. */
    public Set<Long> visibleProjects() {
        GoafPrincipal p = current();
        return p == null || p.allProjects() ? null : p.projectIds();
    }

    public void require(long projectId) {
        GoafPrincipal p = current();
        if (p != null && !p.canSee(projectId)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden-project", "Forbidden",
                    p.name() + " has no access to project " + projectId);
        }
    }

    /** Ingest tokens bound to cables may only write those cables. */
    public void requireCable(long projectId, long cableId) {
        require(projectId);
        GoafPrincipal p = current();
        if (p != null && p.role() == Role.INGEST && !p.cableIds().isEmpty() && !p.cableIds().contains(cableId)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden-cable", "Forbidden",
                    p.name() + " may not write data for cable " + cableId);
        }
    }
}
