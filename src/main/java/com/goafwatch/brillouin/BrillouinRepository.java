package com.goafwatch.brillouin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Explicit SQL for Brillouin coefficients and reference traces; inserts only (the tables refuse changes). */
@Repository
public class BrillouinRepository {

    private static final String COEFFICIENTS = "SELECT id, cable_id, strain_mhz_per_ue, temperature_mhz_per_c, "
            + "reference_temperature_mhz_per_c, note, created_at FROM brillouin_coefficients";
    private static final String REFERENCES = "SELECT id, cable_id, taken_at, shift_kind, sample_count, first_distance_m, last_distance_m, "
            + "has_reference_fiber, has_temperature, samples_sha256, note, created_at FROM brillouin_reference";
    private static final int BATCH = 1000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    BrillouinRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    long insertCoefficients(long projectId, long cableId, double strain, double temperature, double referenceTemperature, String note) {
        return jdbc.sql("INSERT INTO brillouin_coefficients (project_id, cable_id, strain_mhz_per_ue, temperature_mhz_per_c, "
                + "reference_temperature_mhz_per_c, note) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")
                .params(projectId, cableId, strain, temperature, referenceTemperature, note).query(Long.class).single();
    }

    /** The newest coefficients of the cable: the ones conversions use. */
    public Optional<BrillouinCoefficients> latestCoefficients(long cableId) {
        return jdbc.sql(COEFFICIENTS + " WHERE cable_id = ? ORDER BY id DESC LIMIT 1").param(cableId)
                .query(BrillouinRepository::coefficients).optional();
    }

    List<BrillouinCoefficients> coefficientHistory(long cableId) {
        return jdbc.sql(COEFFICIENTS + " WHERE cable_id = ? ORDER BY id DESC").param(cableId).query(BrillouinRepository::coefficients).list();
    }

    /**
     * Stores a reference trace (samples sorted by distance; NaN for absent optional values) with its checksum.
     *
     * @return the new reference's id
     */
    public long insertReference(long projectId, long cableId, Instant takenAt, ShiftKind kind, double[] distance, double[] shift,
            double[] referenceShift, double[] temperature, String sha256, String note) {
        boolean hasReference = anyFinite(referenceShift);
        boolean hasTemperature = anyFinite(temperature);
        long id = jdbc.sql("INSERT INTO brillouin_reference (project_id, cable_id, taken_at, shift_kind, sample_count, first_distance_m, "
                + "last_distance_m, has_reference_fiber, has_temperature, samples_sha256, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "RETURNING id")
                .params(projectId, cableId, Timestamp.from(takenAt), kind.dbValue(), distance.length, distance[0],
                        distance[distance.length - 1], hasReference, hasTemperature, sha256, note)
                .query(Long.class).single();
        for (int from = 0; from < distance.length; from += BATCH) {
            int to = Math.min(distance.length, from + BATCH);
            List<Object[]> rows = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                rows.add(new Object[] {id, distance[i], shift[i], nullIfNaN(referenceShift[i]), nullIfNaN(temperature[i])});
            }
            template.batchUpdate("INSERT INTO brillouin_reference_sample (reference_id, distance_m, shift_mhz, reference_shift_mhz, "
                    + "temperature_c) VALUES (?, ?, ?, ?, ?)", rows,
                    new int[] {Types.BIGINT, Types.DOUBLE, Types.DOUBLE, Types.DOUBLE, Types.DOUBLE});
        }
        return id;
    }

    public Optional<ReferenceSummary> reference(long id) {
        return jdbc.sql(REFERENCES + " WHERE id = ?").param(id).query(BrillouinRepository::summary).optional();
    }

    List<ReferenceSummary> referenceHistory(long cableId) {
        return jdbc.sql(REFERENCES + " WHERE cable_id = ? ORDER BY id DESC").param(cableId).query(BrillouinRepository::summary).list();
    }

    /** The newest reference trace of the cable with its samples, the one conversions use. */
    public Optional<ReferenceTrace> latestReference(long cableId) {
        Optional<ReferenceSummary> latest = jdbc.sql(REFERENCES + " WHERE cable_id = ? ORDER BY id DESC LIMIT 1").param(cableId)
                .query(BrillouinRepository::summary).optional();
        return latest.map(this::load);
    }

    private ReferenceTrace load(ReferenceSummary s) {
        int n = s.sampleCount();
        double[] d = new double[n];
        double[] shift = new double[n];
        double[] ref = new double[n];
        double[] t = new double[n];
        int[] i = {0};
        template.query("SELECT distance_m, shift_mhz, reference_shift_mhz, temperature_c FROM brillouin_reference_sample "
                + "WHERE reference_id = ? ORDER BY distance_m", rs -> {
                    int k = i[0]++;
                    d[k] = rs.getDouble(1);
                    shift[k] = rs.getDouble(2);
                    ref[k] = nanIfNull(rs, 3);
                    t[k] = nanIfNull(rs, 4);
                }, s.id());
        return new ReferenceTrace(s.id(), s.takenAt(), ShiftKind.parse(s.shiftKind()), d, shift, ref, t);
    }

    private static double nanIfNull(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : v;
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static boolean anyFinite(double[] values) {
        for (double v : values) {
            if (!Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    private static BrillouinCoefficients coefficients(ResultSet rs, int row) throws SQLException {
        return new BrillouinCoefficients(rs.getLong("id"), rs.getLong("cable_id"), rs.getDouble("strain_mhz_per_ue"),
                rs.getDouble("temperature_mhz_per_c"), rs.getDouble("reference_temperature_mhz_per_c"), rs.getString("note"),
                rs.getObject("created_at", OffsetDateTime.class));
    }

    private static ReferenceSummary summary(ResultSet rs, int row) throws SQLException {
        return new ReferenceSummary(rs.getLong("id"), rs.getLong("cable_id"), rs.getObject("taken_at", OffsetDateTime.class).toInstant(),
                rs.getString("shift_kind"), rs.getInt("sample_count"), rs.getDouble("first_distance_m"), rs.getDouble("last_distance_m"),
                rs.getBoolean("has_reference_fiber"), rs.getBoolean("has_temperature"), rs.getString("samples_sha256"),
                rs.getString("note"), rs.getObject("created_at", OffsetDateTime.class));
    }
}
