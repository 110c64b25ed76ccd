package com.goafwatch.sensor;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.goafwatch.geo.FeatureError;
import com.goafwatch.geo.GeoJsonGeometry;
import com.goafwatch.geo.GeometryProblem;
import com.goafwatch.geo.SupportedCrs;
import com.goafwatch.project.ProjectExtentCheck;
import com.goafwatch.system.ApiException;
import com.goafwatch.system.RequestTime;

import tools.jackson.databind.JsonNode;

/**
 * Creates point sensors from GeoJSON Point Features (properties code, type, baselineElevationM,
 * installedAt, readingIntervalSeconds); every problem of the feature is reported at once, nothing is written on any.
 */
@Service
public class PointSensorService {

    private final PointSensorRepository sensors;

    private final ProjectExtentCheck extentCheck;

    PointSensorService(PointSensorRepository sensors, ProjectExtentCheck extentCheck) {
        this.sensors = sensors;
        this.extentCheck = extentCheck;
    }

    @Transactional
    public long create(long projectId, JsonNode feature, SupportedCrs crs) {
        JsonNode p = feature.path("properties");
        List<String> reasons = new ArrayList<>();
        String code = p.path("code").asString("");
        if (!code.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            reasons.add("code '" + code + "' must be 1-64 letters, digits, '.', '_' or '-'");
        }
        SensorType type = SensorType.parse(p.path("type").asString("")).orElse(null);
        if (type == null) {
            reasons.add("type must be one of " + SensorType.allowed());
        }
        Point location = location(feature.path("geometry"), crs, reasons);
        Double baseline = p.path("baselineElevationM").isNumber() ? p.get("baselineElevationM").asDouble() : null;
        OffsetDateTime installed = null;
        try {
            installed = p.hasNonNull("installedAt") ? OffsetDateTime.parse(p.get("installedAt").asString()) : null;
        } catch (DateTimeException e) {
            reasons.add("installedAt is not an ISO-8601 date-time with offset");
        }
        if (installed != null && !RequestTime.accepts(installed.toInstant())) {
            reasons.add(RequestTime.outOfRange("installedAt", installed));
        }
        Long interval = null;
        if (p.hasNonNull("readingIntervalSeconds")) {
            JsonNode n = p.get("readingIntervalSeconds");
            if (!n.isIntegralNumber() || n.asLong() <= 0 || n.asLong() > 31_622_400) {
                reasons.add("readingIntervalSeconds must be a whole number of seconds from 1 to 31622400 (366 d); got " + n);
            } else {
                interval = n.asLong();
            }
        }
        if (location != null) {
            extentCheck.refusal(projectId, location, crs.srid()).ifPresent(reasons::add);
        }
        if (!reasons.isEmpty()) {
            throw ApiException.unprocessable("invalid-features", "Invalid sensor", "the sensor is invalid; nothing was written")
                    .with("errors", reasons.stream().map(r -> new FeatureError(0, code, r)).toList());
        }
        if (sensors.findByProject(projectId).stream().anyMatch(s -> s.code().equals(code))) {
            throw ApiException.conflict("duplicate-code", "sensor '" + code + "' already exists in the project");
        }
        return sensors.insert(projectId, code, type, location, crs.srid(), baseline, installed, interval);
    }

    private static Point location(JsonNode geometry, SupportedCrs crs, List<String> reasons) {
        try {
            Geometry g = GeoJsonGeometry.read(geometry.toString());
            if (g instanceof Point point && !point.isEmpty()) {
                GeoJsonGeometry.checkRange(g, crs).map(GeometryProblem::describe).ifPresent(reasons::add);
                return point;
            }
            reasons.add("a point sensor needs a Point geometry; got " + g.getGeometryType());
        } catch (IllegalArgumentException e) {
            reasons.add("geometry: " + e.getMessage());
        }
        return null;
    }
}
