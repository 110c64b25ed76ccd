package com.goafwatch.survey;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Settlement markers as survey targets (mapped position in the survey CRS, baseline) and their baselines. */
@Repository
class SurveyRepository {

    /** A marker of the project: its mapped location in the survey CRS and its baseline, if it has been surveyed. */
    record Target(long sensorId, String code, String type, Long parcelId, double mapEastingM, double mapNorthingM, Baseline baseline) {
    }

    record Baseline(Instant observedAt, SurveyPoint point) {
    }

    private final JdbcClient jdbc;

    SurveyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The project's survey CRS (EPSG code). */
    int surveySrid(long projectId) {
        return jdbc.sql("SELECT survey_srid FROM project WHERE id = ?").param(projectId).query(Integer.class).single();
    }

    /**
     * Every point sensor of the project by code, positions transformed by PostGIS into {@code srid} (x = easting,
     * y = northing whatever the EPSG axis order), baselines locked against a concurrent first survey.
     */
    Map<String, Target> targets(long projectId, int srid) {
        Map<String, Target> byCode = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT s.id, s.code, s.sensor_type, s.parcel_id, ST_X(ST_Transform(s.location, ?)) AS e, ST_Y(ST_Transform(s.location, ?)) AS n,
                       b.observed_at, b.easting_m, b.northing_m, b.height_m
                FROM point_sensor s LEFT JOIN survey_baseline b ON b.sensor_id = s.id
                WHERE s.project_id = ? ORDER BY s.code FOR UPDATE OF s""").params(srid, srid, projectId).query(rs -> {
                    OffsetDateTime at = rs.getObject("observed_at", OffsetDateTime.class);
                    Baseline baseline = at == null ? null : new Baseline(at.toInstant(), new SurveyPoint(rs.getDouble("easting_m"),
                            rs.getDouble("northing_m"), rs.getDouble("height_m")));
                    byCode.put(rs.getString("code"), new Target(rs.getLong("id"), rs.getString("code"), rs.getString("sensor_type"),
                            (Long) rs.getObject("parcel_id"), rs.getDouble("e"), rs.getDouble("n"), baseline));
                });
        return byCode;
    }

    void insertBaseline(long sensorId, int srid, Instant observedAt, SurveyPoint p, long batch) {
        jdbc.sql("INSERT INTO survey_baseline (sensor_id, srid, observed_at, easting_m, northing_m, height_m, batch) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(sensorId, srid, observedAt.atOffset(ZoneOffset.UTC), p.eastingM(), p.northingM(), p.heightM(), batch).update();
    }

    Optional<Baseline> baseline(long sensorId) {
        return jdbc.sql("SELECT observed_at, easting_m, northing_m, height_m FROM survey_baseline WHERE sensor_id = ?").param(sensorId)
                .query((rs, i) -> new Baseline(rs.getObject("observed_at", OffsetDateTime.class).toInstant(),
                        new SurveyPoint(rs.getDouble("easting_m"), rs.getDouble("northing_m"), rs.getDouble("height_m"))))
                .optional();
    }

    Optional<Integer> baselineSrid(long sensorId) {
        return jdbc.sql("SELECT srid FROM survey_baseline WHERE sensor_id = ?").param(sensorId).query(Integer.class).optional();
    }
}
