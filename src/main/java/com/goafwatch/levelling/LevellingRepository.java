package com.goafwatch.levelling;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Explicit SQL for benchmarks and levelling runs; runs are inserted only (the tables refuse changes). */
@Repository
class LevellingRepository {

    private static final String BENCHMARK = "SELECT id, project_id, code, height_m, description, created_at FROM levelling_benchmark";
    private static final String RUN = "SELECT id, project_id, observed_at, observer, instrument, file_format, levelling_order, terrain, "
            + "start_benchmark, start_height_m, end_benchmark, end_height_m, setups, length_km, misclosure_mm, tolerance_mm, tolerance_rule, "
            + "distribution, file_sha256, spool_batch, created_at FROM levelling_run";

    private final JdbcClient jdbc;

    LevellingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insertBenchmark(long projectId, String code, double heightM, String description) {
        return jdbc.sql("INSERT INTO levelling_benchmark (project_id, code, height_m, description) VALUES (?, ?, ?, ?) RETURNING id")
                .params(projectId, code, heightM, description).query(Long.class).single();
    }

    List<Benchmark> benchmarks(long projectId) {
        return jdbc.sql(BENCHMARK + " WHERE project_id = ? ORDER BY code").param(projectId).query(LevellingRepository::benchmark).list();
    }

    Optional<Benchmark> benchmark(long projectId, String code) {
        return jdbc.sql(BENCHMARK + " WHERE project_id = ? AND code = ?").params(projectId, code).query(LevellingRepository::benchmark)
                .optional();
    }

    /** The id the next run will get (taken now, so the readings written before the row can carry it). */
    long nextRunId() {
        return jdbc.sql("SELECT nextval(pg_get_serial_sequence('levelling_run', 'id'))").query(Long.class).single();
    }

    void insertRun(long id, long projectId, Instant observedAt, String observer, String instrument, String format, String order,
            String terrain, RunAdjustment.Result result, String startBenchmark, double startHeight, String endBenchmark, double endHeight,
            String distribution, String sha256, Long spoolBatch) {
        jdbc.sql("INSERT INTO levelling_run (id, project_id, observed_at, observer, instrument, file_format, levelling_order, terrain, "
                + "start_benchmark, start_height_m, end_benchmark, end_height_m, setups, length_km, misclosure_mm, tolerance_mm, "
                + "tolerance_rule, distribution, file_sha256, spool_batch) OVERRIDING SYSTEM VALUE "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, projectId, java.sql.Timestamp.from(observedAt), observer, instrument, format, order, terrain, startBenchmark,
                        startHeight, endBenchmark, endHeight, result.setups(), result.lengthKm(), result.misclosureMm(), result.toleranceMm(),
                        result.rule(), distribution, sha256, spoolBatch)
                .update();
    }

    void insertPoint(long runId, LevellingRun.RunPoint p) {
        jdbc.sql("INSERT INTO levelling_run_point (run_id, seq, point_code, kind, distance_from_start_m, observed_height_m, correction_mm, "
                + "height_m, sensor_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(runId, p.seq(), p.pointCode(), p.kind(), p.distanceFromStartM(), p.observedHeightM(), p.correctionMm(), p.heightM(),
                        p.sensorId())
                .update();
    }

    List<LevellingRun> runs(long projectId, int limit) {
        return jdbc.sql(RUN + " WHERE project_id = ? ORDER BY observed_at DESC, id DESC LIMIT ?").params(projectId, limit)
                .query(LevellingRepository::run).list();
    }

    Optional<LevellingRun> run(long id) {
        return jdbc.sql(RUN + " WHERE id = ?").param(id).query(LevellingRepository::run).optional()
                .map(r -> r.withPoints(jdbc.sql("SELECT seq, point_code, kind, distance_from_start_m, observed_height_m, correction_mm, "
                        + "height_m, sensor_id FROM levelling_run_point WHERE run_id = ? ORDER BY seq").param(id)
                        .query((rs, n) -> new LevellingRun.RunPoint(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getDouble(4),
                                rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), (Long) rs.getObject(8)))
                        .list()));
    }

    private static Benchmark benchmark(ResultSet rs, int row) throws SQLException {
        return new Benchmark(rs.getLong("id"), rs.getLong("project_id"), rs.getString("code"), rs.getDouble("height_m"),
                rs.getString("description"), rs.getObject("created_at", OffsetDateTime.class));
    }

    private static LevellingRun run(ResultSet rs, int row) throws SQLException {
        return new LevellingRun(rs.getLong("id"), rs.getLong("project_id"), rs.getObject("observed_at", OffsetDateTime.class),
                rs.getString("observer"), rs.getString("instrument"), rs.getString("file_format"), rs.getString("levelling_order"),
                rs.getString("terrain"), rs.getString("start_benchmark"), rs.getDouble("start_height_m"), rs.getString("end_benchmark"),
                rs.getDouble("end_height_m"), rs.getInt("setups"), rs.getDouble("length_km"), rs.getDouble("misclosure_mm"),
                rs.getDouble("tolerance_mm"), rs.getString("tolerance_rule"), rs.getString("distribution"), rs.getString("file_sha256"),
                (Long) rs.getObject("spool_batch"), rs.getObject("created_at", OffsetDateTime.class), null);
    }
}
