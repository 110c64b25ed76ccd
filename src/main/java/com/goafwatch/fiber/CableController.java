package com.goafwatch.fiber;

import java.net.URI;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
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
import tools.jackson.databind.node.ObjectNode;

@Tag(name = "Fiber cables")
@RestController
class CableController {

    private static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

    private final CableRepository cables;
    private final CableService service;
    private final CableFeatures features;
    private final FiberPositionLocator locator;
    private final ProjectRepository projects;
    private final JdbcClient jdbc;

    CableController(CableRepository cables, CableService service, CableFeatures features, FiberPositionLocator locator,
            ProjectRepository projects, JdbcClient jdbc) {
        this.cables = cables;
        this.service = service;
        this.features = features;
        this.locator = locator;
        this.projects = projects;
        this.jdbc = jdbc;
    }

    @Operation(summary = "Create a cable from a GeoJSON Feature (LineString route for a trench, Point of the top for a borehole)")
    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @PostMapping("/api/v1/projects/{projectId}/cables")
    ResponseEntity<ObjectNode> create(@PathVariable long projectId, @RequestBody JsonNode feature,
            @RequestParam(required = false) String crs) {
        projects.require(projectId);
        long id = service.create(projectId, feature, RequestCrs.parse("crs", crs, SupportedCrs.WGS84));
        return ResponseEntity.created(URI.create("/api/v1/cables/" + id)).contentType(GEO_JSON).body(features.feature(get(id)));
    }

    @Operation(summary = "The project's cables as a GeoJSON FeatureCollection (CRS84)")
    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @GetMapping("/api/v1/projects/{projectId}/cables")
    ResponseEntity<ObjectNode> list(@PathVariable long projectId) {
        projects.require(projectId);
        return ResponseEntity.ok().contentType(GEO_JSON).body(features.collection(cables.findByProject(projectId)));
    }

    @Operation(summary = "One cable with its calibration and the fiber intervals lying in each parcel")
    @ProjectScoped(ScopeOwner.CABLE)
    @GetMapping("/api/v1/cables/{id}")
    ResponseEntity<ObjectNode> one(@PathVariable long id) {
        return ResponseEntity.ok().contentType(GEO_JSON).body(features.detailed(get(id)));
    }

    @ProjectScoped(ScopeOwner.CABLE)
    @DeleteMapping("/api/v1/cables/{id}")
    @org.springframework.transaction.annotation.Transactional
    ResponseEntity<Void> delete(@PathVariable long id) {
        if (!cables.delete(id)) {
            throw ApiException.notFound("cable", id);
        }
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Replace the fiber-distance → chainage calibration (empty list: identity)")
    @ProjectScoped(ScopeOwner.CABLE)
    @PutMapping("/api/v1/cables/{id}/calibration")
    ResponseEntity<ObjectNode> calibrate(@PathVariable long id, @RequestBody JsonNode body) {
        service.setCalibration(id, body);
        return one(id);
    }

    @Operation(summary = "Where a fiber distance lies: chainage, parcel and coordinates (CRS84)")
    @ProjectScoped(ScopeOwner.CABLE)
    @GetMapping("/api/v1/cables/{id}/locate")
    Map<String, Object> locate(@PathVariable long id, @RequestParam double distance) {
        Cable cable = get(id);
        if (!Double.isFinite(distance) || distance < 0 || distance > cable.fiberLengthM()) {
            throw ApiException.badRequest("invalid-parameter", "distance must be between 0 and the fiber length "
                    + cable.fiberLengthM() + " m").with("parameter", "distance");
        }
        FiberPositionLocator.Position p = locator.locate(cable, distance);
        if (!p.mapped()) {
            return Map.of("cableId", id, "distanceM", distance, "mapped", false);
        }
        Map<String, Object> where = jdbc.sql("""
                SELECT ST_X(pt) AS lon, ST_Y(pt) AS lat FROM (
                  SELECT CASE WHEN c.route IS NULL THEN c.top_point
                    ELSE ST_Transform(ST_LineInterpolatePoint(ST_Transform(c.route, 4548),
                         LEAST(1.0, ? / ST_Length(ST_Transform(c.route, 4548)))), 4490) END AS pt
                  FROM cable c WHERE c.id = ?) x""").params(p.chainageM(), id).query().singleRow();
        String parcelCode = p.parcelId() == null ? null
                : jdbc.sql("SELECT code FROM parcel WHERE id = ?").param(p.parcelId()).query(String.class).single();
        var result = new java.util.LinkedHashMap<String, Object>();
        result.put("cableId", id);
        result.put("distanceM", distance);
        result.put("mapped", true);
        result.put("chainageM", p.chainageM());
        result.put("parcelId", p.parcelId());
        result.put("parcelCode", parcelCode);
        result.put("lon", where.get("lon"));
        result.put("lat", where.get("lat"));
        return result;
    }

    private Cable get(long id) {
        return cables.findById(id).orElseThrow(() -> ApiException.notFound("cable", id));
    }
}
