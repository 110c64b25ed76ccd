package com.goafwatch.sensor;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.goafwatch.geo.CrsParameter;
import com.goafwatch.geo.FeatureError;
import com.goafwatch.geo.GeoJsonGeometry;
import com.goafwatch.geo.GeometryProblem;
import com.goafwatch.geo.SupportedCrs;
import com.goafwatch.project.ProjectRepository;
import com.goafwatch.system.ApiException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

@Tag(name = "Point sensors")
@RestController
class PointSensorController {

    private final PointSensorRepository sensors;
    private final ProjectRepository projects;

    PointSensorController(PointSensorRepository sensors, ProjectRepository projects) {
        this.sensors = sensors;
        this.projects = projects;
    }

    @Operation(summary = "Create a point sensor from a GeoJSON Point Feature; properties code, type, baselineElevationM, installedAt")
    @PostMapping("/api/v1/projects/{projectId}/sensors")
    ResponseEntity<PointSensor> create(@PathVariable long projectId, @RequestBody JsonNode feature,
            @RequestParam(required = false) String crs) {
        projects.findById(projectId).orElseThrow(() -> ApiException.notFound("project", projectId));
        SupportedCrs inputCrs;
        try {
            inputCrs = CrsParameter.parseOr("crs", crs, SupportedCrs.WGS84);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("unsupported-crs", e.getMessage());
        }
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
        Point location = null;
        try {
            Geometry g = GeoJsonGeometry.read(feature.path("geometry").toString());
            if (g instanceof Point point) {
                location = point;
                GeoJsonGeometry.checkRange(g, inputCrs).map(GeometryProblem::describe).ifPresent(reasons::add);
            } else {
                reasons.add("a point sensor needs a Point geometry; got " + g.getGeometryType());
            }
        } catch (IllegalArgumentException e) {
            reasons.add("geometry: " + e.getMessage());
        }
        Double baseline = p.path("baselineElevationM").isNumber() ? p.get("baselineElevationM").asDouble() : null;
        OffsetDateTime installed = null;
        try {
            installed = p.hasNonNull("installedAt") ? OffsetDateTime.parse(p.get("installedAt").asString()) : null;
        } catch (java.time.DateTimeException e) {
            reasons.add("installedAt is not an ISO-8601 date-time with offset");
        }
        if (!reasons.isEmpty()) {
            throw ApiException.unprocessable("invalid-features", "Invalid sensor", "the sensor is invalid; nothing was written")
                    .with("errors", reasons.stream().map(r -> new FeatureError(0, code, r)).toList());
        }
        long id = sensors.insert(projectId, code, type, location, inputCrs.srid(), baseline, installed);
        return ResponseEntity.created(URI.create("/api/v1/sensors/" + id)).body(sensors.findById(id).orElseThrow());
    }

    @GetMapping("/api/v1/projects/{projectId}/sensors")
    List<PointSensor> list(@PathVariable long projectId) {
        projects.findById(projectId).orElseThrow(() -> ApiException.notFound("project", projectId));
        return sensors.findByProject(projectId);
    }

    @GetMapping("/api/v1/sensors/{id}")
    PointSensor get(@PathVariable long id) {
        return sensors.findById(id).orElseThrow(() -> ApiException.notFound("sensor", id));
    }

    @DeleteMapping("/api/v1/sensors/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        if (!sensors.delete(id)) {
            throw ApiException.notFound("sensor", id);
        }
        return ResponseEntity.noContent().build();
    }
}
