package com.goafwatch.project;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.goafwatch.geo.ProjectExtent;
import com.goafwatch.geo.SupportedCrs;
import com.goafwatch.system.ApiException;

/** Explicit SQL for projects; all values bound. */
@Repository
public class ProjectRepository {

    private static final String COLUMNS = "id, code, name, survey_srid, description, created_at, updated_at, extent_min_lon, "
            + "extent_min_lat, extent_max_lon, extent_max_lat, time_zone, fiber_interval_seconds, levelling_interval_seconds";

    private final JdbcClient jdbc;
    private final ZoneId defaultZone;

    ProjectRepository(JdbcClient jdbc, @Value("${goafwatch.ingest.site-zone:Asia/Shanghai}") ZoneId defaultZone) {
        this.jdbc = jdbc;
        this.defaultZone = defaultZone;
    }

    /** The zone whose days the project's site works in: its own, else the configured site zone. */
    public ZoneId zone(long id) {
        return ZoneId.of(require(id).timeZone());
    }

    /** Sets the project's time zone and cadence defaults (null: inherit). */
    public void updateCadence(long id, String timeZone, Long fiberIntervalSeconds, Long levellingIntervalSeconds) {
        jdbc.sql("UPDATE project SET time_zone = ?, fiber_interval_seconds = ?, levelling_interval_seconds = ?, updated_at = now() "
                + "WHERE id = ?").params(timeZone, fiberIntervalSeconds, levellingIntervalSeconds, id).update();
    }

    public List<Project> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM project ORDER BY code").query(this::map).list();
    }

    public Optional<Project> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM project WHERE id = ?").param(id).query(this::map).optional();
    }

    /** The project, or a 404 problem naming it. */
    public Project require(long id) {
        return findById(id).orElseThrow(() -> ApiException.notFound("project", id));
    }

    public Optional<Project> findByCode(String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM project WHERE code = ?").param(code).query(this::map).optional();
    }

    public Project insert(String code, String name, int surveySrid, String description) {
        return insert(code, name, surveySrid, description, null);
    }

    /** @param extent null: the default of the survey CRS zone */
    public Project insert(String code, String name, int surveySrid, String description, ProjectExtent extent) {
        return jdbc.sql("INSERT INTO project (code, name, survey_srid, description, extent_min_lon, extent_min_lat, extent_max_lon, "
                + "extent_max_lat) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS)
                .params(code, name, surveySrid, description, v(extent, 0), v(extent, 1), v(extent, 2), v(extent, 3))
                .query(this::map).single();
    }

    /** @param extent null: the default of the survey CRS zone */
    public Optional<Project> update(long id, String code, String name, int surveySrid, String description, ProjectExtent extent) {
        return jdbc.sql("UPDATE project SET code = ?, name = ?, survey_srid = ?, description = ?, extent_min_lon = ?, "
                + "extent_min_lat = ?, extent_max_lon = ?, extent_max_lat = ?, updated_at = now() WHERE id = ? RETURNING " + COLUMNS)
                .params(code, name, surveySrid, description, v(extent, 0), v(extent, 1), v(extent, 2), v(extent, 3), id)
                .query(this::map).optional();
    }

    /** The extent a project's parcels must lie in (configured, else the survey CRS zone's); a 404 problem for no project. */
    public ProjectExtent extent(long id) {
        Project p = require(id);
        return ProjectExtent.of(p.extent());
    }

    private static Double v(ProjectExtent extent, int i) {
        return extent == null ? null : extent.asList().get(i);
    }

    public boolean delete(long id) {
        return jdbc.sql("DELETE FROM project WHERE id = ?").param(id).update() == 1;
    }

    private Project map(ResultSet rs, int row) throws SQLException {
        Double minLon = (Double) rs.getObject("extent_min_lon");
        ProjectExtent extent = minLon == null
                ? ProjectExtent.defaultFor(SupportedCrs.bySrid(rs.getInt("survey_srid")).orElse(SupportedCrs.CGCS2000_GK_CM117))
                : new ProjectExtent(minLon, rs.getDouble("extent_min_lat"), rs.getDouble("extent_max_lon"), rs.getDouble("extent_max_lat"));
        return new Project(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getInt("survey_srid"),
                rs.getString("description"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class), extent.asList(), minLon != null,
                rs.getString("time_zone") == null ? defaultZone.getId() : rs.getString("time_zone"), rs.getString("time_zone") != null,
                (Long) rs.getObject("fiber_interval_seconds"), (Long) rs.getObject("levelling_interval_seconds"));
    }
}
