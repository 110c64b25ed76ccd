package com.goafwatch.panel;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.goafwatch.geo.SupportedCrs;
import com.goafwatch.parcel.DeclaredCrs;
import com.goafwatch.project.ProjectRepository;
import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;
import com.goafwatch.system.ApiException;
import com.goafwatch.system.LimitsProperties;
import com.goafwatch.system.RequestBodies;
import com.goafwatch.system.RequestCrs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

@Tag(name = "Goaf panels")
@RestController
class PanelController {

    private final PanelImporter importer;
    private final PanelRepository panels;
    private final ProjectRepository projects;
    private final ObjectMapper mapper;
    private final LimitsProperties limits;

    PanelController(PanelImporter importer, PanelRepository panels, ProjectRepository projects, ObjectMapper mapper, LimitsProperties limits) {
        this.importer = importer;
        this.panels = panels;
        this.projects = projects;
        this.mapper = mapper;
        this.limits = limits;
    }

    @Operation(summary = "Import goaf / strip-panel outlines from a GeoJSON FeatureCollection, all or nothing. Feature properties: "
            + "name, seamThicknessM, depthM; geometry a Polygon. crs: input CRS (default: the file's crs member, else CRS84). "
            + "replace=true: the file's panels replace the project's.")
    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @PostMapping("/api/v1/projects/{projectId}/goaf-panels/import")
    PanelImporter.Result importGeoJson(@PathVariable long projectId, @RequestParam(required = false) String crs,
            @RequestParam(defaultValue = "false") boolean replace, HttpServletRequest request) {
        projects.require(projectId);
        JsonNode collection = parse(RequestBodies.readLimited(request, limits.maxUploadSize()));
        return importer.importCollection(projectId, collection, DeclaredCrs.of(collection, crs), replace);
    }

    @Operation(summary = "The project's goaf / strip-panel outlines as a GeoJSON FeatureCollection (crs: output CRS, default CRS84)")
    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @GetMapping("/api/v1/projects/{projectId}/goaf-panels")
    ObjectNode list(@PathVariable long projectId, @RequestParam(required = false) String crs) {
        projects.require(projectId);
        SupportedCrs out = RequestCrs.parse("crs", crs, SupportedCrs.WGS84);
        ObjectNode fc = mapper.createObjectNode();
        fc.put("type", "FeatureCollection");
        var features = fc.putArray("features");
        for (PanelRepository.PanelRow row : panels.list(projectId, out)) {
            ObjectNode f = features.addObject();
            f.put("type", "Feature");
            f.put("id", row.id());
            ObjectNode props = f.putObject("properties");
            props.put("name", row.name());
            props.put("seamThicknessM", row.seamThicknessM());
            props.put("depthM", row.depthM());
            props.put("areaM2", Math.round(row.areaM2() * 100) / 100.0);
            f.set("geometry", mapper.readTree(row.geometryJson()));
        }
        return fc;
    }

    private JsonNode parse(byte[] body) {
        try {
            return mapper.readTree(body);
        } catch (JacksonException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "malformed-geojson", "Malformed GeoJSON", "body is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
