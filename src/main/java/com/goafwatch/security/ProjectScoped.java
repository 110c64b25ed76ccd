package com.goafwatch.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares how the project of a request is found, on every handler method under {@code /api}, {@code /ogcapi} and
 * {@code /tiles}. {@link ProjectScopeInterceptor} checks the caller's grant for that project before the handler runs, and
 * refuses (403, {@code undeclared-scope}) any handler that lacks this annotation: a new endpoint cannot ship open.
 *
 * <pre>
 * &#64;ProjectScoped(value = ScopeOwner.PARCEL)                       // /api/v1/parcels/{id}: the parcel's project
 * &#64;ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId") // /api/v1/projects/{projectId}/…
 * &#64;ProjectScoped(value = ScopeOwner.QUERY_FILTER, param = "project") // lists: a project parameter is checked, rows filtered
 * &#64;ProjectScoped(value = ScopeOwner.NONE)                          // no project data (session, admin, status)
 * </pre>
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ProjectScoped {

    /** What the id names. */
    ScopeOwner value();

    /** The path variable holding the id, or for {@link ScopeOwner#QUERY_FILTER} the query parameter naming a project. */
    String param() default "id";
}
