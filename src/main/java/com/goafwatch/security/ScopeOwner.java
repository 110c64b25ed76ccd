package com.goafwatch.security;

/**
 * What a handler's id names, and so how its project is found: the project itself, one of the tables below (its
 * {@code project_id} column), a list filtered by the caller's projects, or nothing project-bound at all. A new kind of
 * entity under a project needs a constant here (table name and all: identifiers are constants, never request data).
 */
public enum ScopeOwner {
    /** The id is the project. */
    PROJECT(null),
    PHASE("phase"),
    PARCEL("parcel"),
    CABLE("cable"),
    SENSOR("point_sensor"),
    RULE("threshold_rule"),
    ALERT("alert"),
    NOTIFICATION_CHANNEL("notification_channel"),
    BOREHOLE("borehole"),
    QA_TEST("qa_test"),
    REPORT("report"),
    LEVELLING_RUN("levelling_run"),
    /**
     * A list: the handler filters its rows with {@link ProjectAccess#visibleProjects()}; a project named in the query
     * parameter {@link ProjectScoped#param()} is checked here first (403 when not granted).
     */
    QUERY_FILTER(null),
    /** Nothing of a project: the caller's own session, administration (admin role), service status. */
    NONE(null);

    private final String table;

    ScopeOwner(String table) {
        this.table = table;
    }

    /** The statement finding the owning project, or null when the id is not an entity's. */
    String ownerQuery() {
        return table == null ? null : "SELECT project_id FROM " + table + " WHERE id = ?";
    }
}
