package com.goafwatch.sensor;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.goafwatch.geo.SupportedCrs;
import com.goafwatch.project.ProjectRepository;
import com.goafwatch.system.ApiException;
import com.goafwatch.system.RequestCrs;
import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

@Tag(name = "Point sensors")
@RestController
class PointSensorController {

    private final PointSensorRepository sensors;
    private final PointSensorService service;
    private final ProjectRepository projects;

    PointSensorController(PointSensorRepository sensors, PointSensorService service, ProjectRepository projects) {
        this.sensors = sensors;
        this.service = service;
        this.projects = projects;
    }

    @Operation(summary = "Create a point sensor from a GeoJSON Point Feature; properties code, type, baselineElevationM, installedAt")
    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @PostMapping("/api/v1/projects/{projectId}/sensors")
    ResponseEntity<PointSensor> create(@PathVariable long projectId, @RequestBody JsonNode feature,
            @RequestParam(required = false) String crs) {
        projects.require(projectId);
        long id = service.create(projectId, feature, RequestCrs.parse("crs", crs, SupportedCrs.WGS84));
        return ResponseEntity.created(URI.create("/api/v1/sensors/" + id)).body(sensors.findById(id).orElseThrow());
    }

    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @GetMapping("/api/v1/projects/{projectId}/sensors")
    List<PointSensor> list(@PathVariable long projectId) {
        projects.require(projectId);
        return sensors.findByProject(projectId);
    }

    @ProjectScoped(ScopeOwner.SENSOR)
    @GetMapping("/api/v1/sensors/{id}")
    PointSensor get(@PathVariable long id) {
        return sensors.findById(id).orElseThrow(() -> ApiException.notFound("sensor", id));
    }

    @ProjectScoped(ScopeOwner.SENSOR)
    @DeleteMapping("/api/v1/sensors/{id}")
    @org.springframework.transaction.annotation.Transactional
    ResponseEntity<Void> delete(@PathVariable long id) {
        if (!sensors.delete(id)) {
            throw ApiException.notFound("sensor", id);
        }
        return ResponseEntity.noContent().build();
    }
}
