package com.goafwatch.treatment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

import com.goafwatch.geo.SupportedCrs;
import com.goafwatch.project.ProjectRepository;
import com.goafwatch.system.ApiException;
import com.goafwatch.system.DryRun;
import com.goafwatch.system.LimitsProperties;
import com.goafwatch.system.RequestBodies;
import com.goafwatch.system.RequestCrs;
import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** Boreholes and QA tests: JSON CRUD and register imports (CSV or XLSX, raw body). */
@RestController
@Tag(name = "Treatment records")
class TreatmentController {

    private final BoreholeService boreholes;
    private final QaTestService qaTests;
    private final BoreholeFeatures features;
    private final ProjectRepository projects;
    private final ObjectMapper mapper;
    private final LimitsProperties limits;
    private final DryRun dryRuns;

    TreatmentController(BoreholeService boreholes, QaTestService qaTests, BoreholeFeatures features, ProjectRepository projects,
            ObjectMapper mapper, LimitsProperties limits, DryRun dryRuns) {
        this.dryRuns = dryRuns;
        this.boreholes = boreholes;
        this.qaTests = qaTests;
        this.features = features;
        this.projects = projects;
        this.mapper = mapper;
        this.limits = limits;
    }

    @Operation(summary = "Boreholes of a project as GeoJSON (surface trace or collar), filters phase, parcel, type")
    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @GetMapping("/api/v1/projects/{projectId}/boreholes")
    ObjectNode list(@PathVariable long projectId, @RequestParam(required = false) Long phase, @RequestParam(required = false) Long parcel,
            @RequestParam(required = false) String type) {
        projects.require(projectId);
        return features.list(projectId, phase, parcel, type);
    }

    @Operation(summary = "One borehole with its survey stations and 3-D path")
    @ProjectScoped(ScopeOwner.BOREHOLE)
    @GetMapping("/api/v1/boreholes/{id}")
    ObjectNode one(@PathVariable long id) {
        return features.one(id).orElseThrow(() -> ApiException.notFound("borehole", id));
    }

    @Operation(summary = "Create a borehole: code, type, order, easting/northing (in crs, default EPSG:4548), measuredDepthM, "
            + "stations [{mdM, inclinationDeg, azimuthDeg}], depthToGoafM, dates, groutTakeM3, wasteShare, groutPressureMpa, parcel")
    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @PostMapping("/api/v1/projects/{projectId}/boreholes")
    ResponseEntity<ObjectNode> create(@PathVariable long projectId, @RequestParam(required = false) String crs, HttpServletRequest request) {
        projects.require(projectId);
        JsonNode body = json(request);
        long id = boreholes.create(projectId, scalars(body), stations(body), RequestCrs.parse("crs", crs, SupportedCrs.CGCS2000_GK_CM117));
        return ResponseEntity.status(HttpStatus.CREATED).body(features.one(id).orElseThrow());
    }

    @Operation(summary = "Replace a borehole (same fields as create)")
    @ProjectScoped(ScopeOwner.BOREHOLE)
    @PutMapping("/api/v1/boreholes/{id}")
    ObjectNode update(@PathVariable long id, @RequestParam(required = false) String crs, HttpServletRequest request) {
        JsonNode body = json(request);
        boreholes.update(id, scalars(body), stations(body), RequestCrs.parse("crs", crs, SupportedCrs.CGCS2000_GK_CM117));
        return features.one(id).orElseThrow();
    }

    @ProjectScoped(ScopeOwner.BOREHOLE)
    @DeleteMapping("/api/v1/boreholes/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        if (!boreholes.delete(id)) {
            throw ApiException.notFound("borehole", id);
        }
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Import a borehole register (kind=register: one row per hole) or a directional survey (kind=survey: code, "
            + "md_m, inclination_deg, azimuth_deg), CSV or XLSX; all or nothing, 422 lists the bad rows; dryRun=true writes nothing")
    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @PostMapping("/api/v1/projects/{projectId}/boreholes/import")
    Map<String, Object> importBoreholes(@PathVariable long projectId, @RequestParam(defaultValue = "register") String kind,
            @RequestParam(required = false) String crs, @RequestParam(defaultValue = "create") String mode,
            @RequestParam(defaultValue = "false") boolean dryRun, HttpServletRequest request) {
        projects.require(projectId);
        List<TableFile.Row> rows = table(request);
        return dryRuns.maybe(dryRun, () -> switch (kind) {
            case "register" -> Map.of("kind", kind, "boreholes", boreholes.importRegister(projectId, rows,
                    RequestCrs.parse("crs", crs, SupportedCrs.CGCS2000_GK_CM117), upsert(mode)).size());
            case "survey" -> Map.of("kind", kind, "boreholes", boreholes.importSurvey(projectId, rows), "stations", rows.size());
            default -> throw ApiException.badRequest("invalid-kind", "kind must be register or survey, got '" + kind + "'");
        });
    }

    @Operation(summary = "Record a QA test: code, type (check_hole, core_strength, wave_velocity, borehole_tv), borehole and/or parcel "
            + "code, testedOn, and fluidLoss + reinjectionM3 | coreStrengthMpa | waveVelocityMs | defectFound, notes")
    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @PostMapping("/api/v1/projects/{projectId}/qa-tests")
    ResponseEntity<Map<String, Object>> createQa(@PathVariable long projectId, HttpServletRequest request) {
        projects.require(projectId);
        long id = qaTests.create(projectId, scalars(json(request)));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", id));
    }

    @Operation(summary = "Import QA tests (CSV or XLSX, one row per test); all or nothing; dryRun=true writes nothing")
    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @PostMapping("/api/v1/projects/{projectId}/qa-tests/import")
    Map<String, Object> importQa(@PathVariable long projectId, @RequestParam(defaultValue = "create") String mode,
            @RequestParam(defaultValue = "false") boolean dryRun, HttpServletRequest request) {
        projects.require(projectId);
        List<TableFile.Row> rows = table(request);
        return dryRuns.maybe(dryRun, () -> Map.of("qaTests", qaTests.importRows(projectId, rows, upsert(mode)).size()));
    }

    @ProjectScoped(ScopeOwner.QA_TEST)
    @GetMapping("/api/v1/qa-tests/{id}")
    Map<String, Object> qaTest(@PathVariable long id) {
        return qaTests.find(id);
    }

    @Operation(summary = "Replace a QA test (same fields as create)")
    @ProjectScoped(ScopeOwner.QA_TEST)
    @PutMapping("/api/v1/qa-tests/{id}")
    Map<String, Object> updateQa(@PathVariable long id, HttpServletRequest request) {
        qaTests.update(id, scalars(json(request)));
        return qaTests.find(id);
    }

    @ProjectScoped(ScopeOwner.QA_TEST)
    @DeleteMapping("/api/v1/qa-tests/{id}")
    ResponseEntity<Void> deleteQa(@PathVariable long id) {
        qaTests.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** The uploaded table: the raw body (text/csv or .xlsx), or the part named {@code file} of a form upload. */
    private List<TableFile.Row> table(HttpServletRequest request) {
        if (request instanceof MultipartHttpServletRequest form) {
            MultipartFile file = form.getFile("file");
            if (file == null) {
                throw ApiException.badRequest("missing-file", "a form upload needs the register in a part named 'file'");
            }
            try {
                return TableFile.read(file.getBytes(), file.getOriginalFilename(), limits.maxUncompressedSize().toBytes());
            } catch (java.io.IOException e) {
                throw ApiException.badRequest("unreadable-upload", "the uploaded file cannot be read: " + e.getMessage());
            }
        }
        return TableFile.read(RequestBodies.readLimited(request, limits.maxUploadSize()), request.getContentType(),
                limits.maxUncompressedSize().toBytes());
    }

    private static boolean upsert(String mode) {
        return switch (mode) {
            case "create" -> false;
            case "upsert" -> true;
            default -> throw ApiException.badRequest("invalid-mode", "mode must be create or upsert, got '" + mode + "'");
        };
    }

    private JsonNode json(HttpServletRequest request) {
        byte[] body = RequestBodies.readLimited(request, limits.maxUploadSize());
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("invalid-json", "the body must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw ApiException.badRequest("invalid-json", "the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static Map<String, String> scalars(JsonNode body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                fields.put(e.getKey(), e.getValue().asString());
            }
        }
        return fields;
    }

    private static List<SurveyStation> stations(JsonNode body) {
        List<SurveyStation> list = new ArrayList<>();
        JsonNode stations = body.get("stations");
        if (stations == null || stations.isNull()) {
            return list;
        }
        if (!stations.isArray()) {
            throw ApiException.badRequest("invalid-json", "stations must be an array of {mdM, inclinationDeg, azimuthDeg}");
        }
        List<String> errors = new ArrayList<>();
        int i = 0;
        for (JsonNode s : stations) {
            Fields f = new Fields(scalars(s));
            SurveyStation station = BoreholeService.station(f);
            int index = i++;
            f.errors().forEach(e -> errors.add("station " + index + ": " + e));
            if (station != null) {
                list.add(station);
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable("invalid-stations", "Invalid survey stations", String.join("; ", errors));
        }
        return list;
    }
}
