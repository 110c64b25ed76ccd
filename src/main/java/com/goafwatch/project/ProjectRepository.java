package com.goafwatch.project;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.goafwatch.system.ApiException;

/** Explicit SQL for projects; all values bound. */
@Repository
public class ProjectRepository {

    private static final String COLUMNS = "id, code, name, survey_srid, description, created_at, updated_at";

    private final JdbcClient jdbc;

    ProjectRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Project> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM project ORDER BY code").query(ProjectRepository::map).list();
    }

    public Optional<Project> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM project WHERE id = ?").param(id).query(ProjectRepository::map).optional();
    }

    /** The project, or a 404 problem naming it. */
    public Project require(long id) {
        return findById(id).orElseThrow(() -> ApiException.notFound("project", id));
    }

    public Optional<Project> findByCode(String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM project WHERE code = ?").param(code).query(ProjectRepository::map).optional();
    }

    public Project insert(String code, String name, int surveySrid, String description) {
        return jdbc.sql("INSERT INTO project (code, name, survey_srid, description) VALUES (?, ?, ?, ?) RETURNING " + COLUMNS)
                .params(code, name, surveySrid, description).query(ProjectRepository::map).single();
    }

    public Optional<Project> update(long id, String code, String name, int surveySrid, String description) {
        return jdbc.sql("UPDATE project SET code = ?, name = ?, survey_srid = ?, description = ?, updated_at = now() "
                + "WHERE id = ? RETURNING " + COLUMNS)
                .params(code, name, surveySrid, description, id).query(ProjectRepository::map).optional();
    }

    public boolean delete(long id) {
        return jdbc.sql("DELETE FROM project WHERE id = ?").param(id).update() == 1;
    }

    private static Project map(ResultSet rs, int row) throws SQLException {
        return new Project(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getInt("survey_srid"),
                rs.getString("description"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
