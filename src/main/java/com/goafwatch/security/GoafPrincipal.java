package com.goafwatch.security;

import java.security.Principal;
import java.util.Set;

/**
 * The authenticated caller, whatever the mechanism.
 *
 * @param name        user name, {@code token:<name>} or the JWT subject; what the audit trail records
 * @param allProjects true: every project (admins, and users granted all)
 * @param projectIds  granted projects when not {@code allProjects}
 * @param cableIds    ingest tokens: the cables they may write for (empty: every cable of their project)
 */
public record GoafPrincipal(String name, Role role, boolean allProjects, Set<Long> projectIds, Set<Long> cableIds)
        implements Principal, java.io.Serializable {

    @Override
    public String getName() {
        return name;
    }

    public boolean canSee(long projectId) {
        return allProjects || projectIds.contains(projectId);
    }
}
