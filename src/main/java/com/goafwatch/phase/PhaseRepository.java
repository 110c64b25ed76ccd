package com.goafwatch.phase;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Explicit SQL for phases and their parcel summaries; all values bound. */
@Repository
public class PhaseRepository {

    private static final String COLUMNS = "id, project_id, ordinal, name, status, works_planned_start, works_planned_end, "
            + "works_actual_start, works_actual_end, testing_planned_end, testing_actual_end, acceptance_planned, "
            + "acceptance_actual, description";

    private final JdbcClient jdbc;

    PhaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Phase> findByProject(long projectId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM phase WHERE project_id = ? ORDER BY ordinal")
                .param(projectId).query(PhaseRepository::map).list();
    }

    public Optional<Phase> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM phase WHERE id = ?").param(id).query(PhaseRepository::map).optional();
    }

    /** Phase ids of a project keyed by ordinal, for resolving the {@code phase} property of imports. */
    public Optional<Long> phaseIdOfParcel(long parcelId) {
        return jdbc.sql("SELECT phase_id FROM parcel WHERE id = ?").param(parcelId).query(Long.class).optional();
    }

    public Map<Integer, Long> idsByOrdinal(long projectId) {
        Map<Integer, Long> ids = new LinkedHashMap<>();
        jdbc.sql("SELECT ordinal, id FROM phase WHERE project_id = ? ORDER BY ordinal").param(projectId)
                .query(rs -> {
                    ids.put(rs.getInt(1), rs.getLong(2));
                });
        return ids;
    }

    public Phase insert(long projectId, PhaseRequest r, String status) {
        return jdbc.sql("INSERT INTO phase (project_id, ordinal, name, status, works_planned_start, works_planned_end, "
                + "works_actual_start, works_actual_end, testing_planned_end, testing_actual_end, acceptance_planned, "
                + "acceptance_actual, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS)
                .params(projectId, r.ordinal(), r.name().trim(), status, r.worksPlannedStart(), r.worksPlannedEnd(),
                        r.worksActualStart(), r.worksActualEnd(), r.testingPlannedEnd(), r.testingActualEnd(),
                        r.acceptancePlanned(), r.acceptanceActual(), r.description())
                .query(PhaseRepository::map).single();
    }

    public Optional<Phase> update(long id, PhaseRequest r, String status) {
        return jdbc.sql("UPDATE phase SET ordinal = ?, name = ?, status = ?, works_planned_start = ?, works_planned_end = ?, "
                + "works_actual_start = ?, works_actual_end = ?, testing_planned_end = ?, testing_actual_end = ?, "
                + "acceptance_planned = ?, acceptance_actual = ?, description = ?, updated_at = now() WHERE id = ? RETURNING " + COLUMNS)
                .params(r.ordinal(), r.name().trim(), status, r.worksPlannedStart(), r.worksPlannedEnd(),
                        r.worksActualStart(), r.worksActualEnd(), r.testingPlannedEnd(), r.testingActualEnd(),
                        r.acceptancePlanned(), r.acceptanceActual(), r.description(), id)
                .query(PhaseRepository::map).optional();
    }

    public boolean delete(long id) {
        return jdbc.sql("DELETE FROM phase WHERE id = ?").param(id).update() == 1;
    }

    public PhaseSummary summarize(Phase phase) {
        Map<String, Double> muByStatus = new LinkedHashMap<>();
        Map<String, Long> countByStatus = new LinkedHashMap<>();
        double[] totals = new double[2];
        long[] count = new long[1];
        jdbc.sql("SELECT status, count(*), sum(area_mu), sum(area_m2) FROM parcel WHERE phase_id = ? GROUP BY status ORDER BY status")
                .param(phase.id())
                .query(rs -> {
                    muByStatus.put(rs.getString(1), rs.getDouble(3));
                    countByStatus.put(rs.getString(1), rs.getLong(2));
                    count[0] += rs.getLong(2);
                    totals[0] += rs.getDouble(3);
                    totals[1] += rs.getDouble(4);
                });
        return new PhaseSummary(phase.id(), phase.ordinal(), phase.name(), phase.status(), count[0], totals[0], totals[1],
                muByStatus, countByStatus);
    }

    private static Phase map(ResultSet rs, int row) throws SQLException {
        return new Phase(rs.getLong("id"), rs.getLong("project_id"), rs.getInt("ordinal"), rs.getString("name"),
                rs.getString("status"), date(rs, "works_planned_start"), date(rs, "works_planned_end"),
                date(rs, "works_actual_start"), date(rs, "works_actual_end"), date(rs, "testing_planned_end"),
                date(rs, "testing_actual_end"), date(rs, "acceptance_planned"), date(rs, "acceptance_actual"),
                rs.getString("description"));
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }
}
