package com.goafwatch.parcel;

import java.io.IOException;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.goafwatch.geo.SupportedCrs;
import com.goafwatch.project.ProjectRepository;
import com.goafwatch.system.ApiException;
import com.goafwatch.system.LimitsProperties;
import com.goafwatch.system.RequestBodies;
import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

@Tag(name = "Parcel import")
@RestController
class ParcelImportController {

    private final ParcelImporter importer;
    private final OgrConverter ogr;
    private final ProjectRepository projects;
    private final ObjectMapper mapper;
    private final LimitsProperties limits;
    private final ImportPreview preview;

    ParcelImportController(ParcelImporter importer, OgrConverter ogr, ProjectRepository projects, ObjectMapper mapper,
            LimitsProperties limits, ImportPreview preview) {
        this.preview = preview;
        this.importer = importer;
        this.ogr = ogr;
        this.projects = projects;
        this.mapper = mapper;
        this.limits = limits;
    }

    @Operation(summary = "Import a GeoJSON FeatureCollection of parcels, all or nothing. Feature properties: code, "
            + "phase (ordinal), name, landUse, status. crs: input CRS (default: the file's crs member, else CRS84). "
            + "mode: create (default; existing codes are errors) or upsert. dryRun=true: validate everything, write nothing; "
            + "the answer adds the outlines (preview, EPSG:4490 GeoJSON).")
    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @PostMapping("/api/v1/projects/{projectId}/parcels/import")
    Object importGeoJson(@PathVariable long projectId, @RequestParam(required = false) String crs,
            @RequestParam(required = false) String mode, @RequestParam(defaultValue = "false") boolean dryRun, HttpServletRequest request) {
        requireProject(projectId);
        ImportMode importMode = mode(mode);
        JsonNode collection = parse(RequestBodies.readLimited(request, limits.maxUploadSize()));
        return preview.run(dryRun, () -> importer.importCollection(projectId, collection, DeclaredCrs.of(collection, crs), importMode));
    }

    @Operation(summary = "Import parcels from a zipped shapefile (.zip) or a GeoPackage (.gpkg) layer, all or nothing; "
            + "dryRun=true: validate everything, write nothing")
    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @PostMapping(path = "/api/v1/projects/{projectId}/parcels/import-file", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Object importFile(@PathVariable long projectId, @RequestPart("file") MultipartFile file,
            @RequestParam(required = false) String crs, @RequestParam(required = false) String layer,
            @RequestParam(required = false) String mode, @RequestParam(defaultValue = "false") boolean dryRun) throws IOException {
        requireProject(projectId);
        ImportMode importMode = mode(mode);
        SupportedCrs declared = crs == null || crs.isBlank() ? null : ParcelListParams.crs("crs", crs);
        String geoJson = ogr.toGeoJson(file.getOriginalFilename(), file.getInputStream(), declared, layer);
        JsonNode collection = parse(geoJson.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return preview.run(dryRun, () -> importer.importCollection(projectId, collection, SupportedCrs.CGCS2000, importMode));
    }

    private void requireProject(long projectId) {
        projects.require(projectId);
    }

    private static ImportMode mode(String mode) {
        try {
            return ImportMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-parameter", e.getMessage()).with("parameter", "mode");
        }
    }

    private JsonNode parse(byte[] body) {
        try {
            return mapper.readTree(body);
        } catch (JacksonException e) {
            throw new ApiException(org.springframework.http.HttpStatus.BAD_REQUEST, "malformed-geojson", "Malformed GeoJSON",
                    "body is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
