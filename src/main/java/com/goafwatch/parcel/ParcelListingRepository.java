package com.goafwatch.parcel;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A project's parcel list in one query, in the order of the parcel list ({@code /api/v1/parcels}): phase, code, id. */
@Repository
class ParcelListingRepository {

    private static final String SQL = "SELECT p.id, p.code, p.name, p.phase_id, f.ordinal, " + ParcelLevelSql.EXPRESSION
            + " AS flag_level FROM parcel p JOIN phase f ON f.id = p.phase_id WHERE p.project_id = ? ORDER BY f.ordinal, p.code, p.id";

    private final JdbcClient jdbc;

    ParcelListingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ParcelListing> ofProject(long projectId) {
        return jdbc.sql(SQL).param(projectId).query((rs, row) -> new ParcelListing(rs.getLong("id"), rs.getString("code"),
                rs.getString("name"), rs.getLong("phase_id"), rs.getInt("ordinal"), rs.getString("flag_level"))).list();
    }
}
