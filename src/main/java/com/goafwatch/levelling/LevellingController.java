package com.goafwatch.levelling;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.goafwatch.project.ProjectRepository;
import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;
import com.goafwatch.system.ApiException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

@Tag(name = "Levelling")
@RestController
class LevellingController {

    private final LevellingRepository repository;
    private final LevellingImport importer;
    private final LevellingProperties properties;
    private final ProjectRepository projects;

    LevellingController(LevellingRepository repository, LevellingImport importer, LevellingProperties properties, ProjectRepository projects) {
        this.repository = repository;
        this.importer = importer;
        this.properties = properties;
        this.projects = projects;
    }

    @Operation(summary = "Register a benchmark of known height: {\"code\": \"BM1\", \"heightM\": 35.0, \"description\": \"…\"}")
    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @PostMapping("/api/v1/projects/{projectId}/levelling/benchmarks")
    @Transactional
    ResponseEntity<Benchmark> addBenchmark(@PathVariable long projectId, @RequestBody JsonNode body) {
        projects.require(projectId);
        List<String> errors = new ArrayList<>();
        String code = body == null ? null : body.path("code").asString(null);
        if (code == null || !code.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            errors.add("code: required; letters, digits, . _ - (at most 64)");
        }
        JsonNode h = body == null ? null : body.get("heightM");
        if (h == null || !h.isNumber() || !(h.asDouble() > -500 && h.asDouble() < 9000)) {
            errors.add("heightM: required number of metres (−500 to 9000)");
        }
        String description = body == null ? null : body.path("description").asString(null);
        if (description != null && description.length() > 2000) {
            errors.add("description: at most 2000 characters");
        }
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable("invalid-benchmark", "Invalid benchmark", String.join("; ", errors)).with("errors", errors);
        }
        if (repository.benchmark(projectId, code).isPresent()) {
            throw ApiException.conflict("duplicate-code", "benchmark '" + code + "' already exists in the project");
        }
        repository.insertBenchmark(projectId, code, h.asDouble(), description);
        Benchmark b = repository.benchmark(projectId, code).orElseThrow();
        return ResponseEntity.created(URI.create("/api/v1/projects/" + projectId + "/levelling/benchmarks")).body(b);
    }

    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @GetMapping("/api/v1/projects/{projectId}/levelling/benchmarks")
    List<Benchmark> benchmarks(@PathVariable long projectId) {
        projects.require(projectId);
        return repository.benchmarks(projectId);
    }

    @Operation(summary = "Import a levelling run from a Leica GSI-8/GSI-16 or Trimble DiNi M5 raw file; refused (422, nothing "
            + "stored) when the misclosure exceeds the order's limit")
    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @PostMapping("/api/v1/projects/{projectId}/levelling/runs")
    ResponseEntity<LevellingRun> importRun(@PathVariable long projectId, @RequestParam(defaultValue = "auto") String format,
            @RequestParam(required = false) String order, @RequestParam(defaultValue = "plain") String terrain,
            @RequestParam(defaultValue = "distance") String distribution, @RequestParam String observer, @RequestParam String instrument,
            @RequestParam String observedAt, HttpServletRequest request) throws IOException {
        projects.require(projectId);
        RunRequest r = new RunRequest(format, LevellingOrder.parse(order == null ? properties.defaultOrder() : order).orElseThrow(
                () -> invalid("order", "order must be first, second, third or fourth")),
                switch (terrain) {
                    case "plain" -> false;
                    case "mountain" -> true;
                    default -> throw invalid("terrain", "terrain must be plain or mountain");
                }, distribution(distribution), text("observer", observer), text("instrument", instrument), instant(observedAt));
        LevellingRun run = importer.importRun(projectId, r, request.getInputStream());
        return ResponseEntity.created(URI.create("/api/v1/levelling-runs/" + run.id())).body(run);
    }

    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @GetMapping("/api/v1/projects/{projectId}/levelling/runs")
    Map<String, Object> runs(@PathVariable long projectId, @RequestParam(defaultValue = "100") int limit) {
        projects.require(projectId);
        if (limit < 1 || limit > 1000) {
            throw invalid("limit", "limit must be 1-1000");
        }
        return Map.of("projectId", projectId, "runs", repository.runs(projectId, limit));
    }

    @Operation(summary = "One levelling run with every point: observed height, correction and adjusted height")
    @ProjectScoped(ScopeOwner.LEVELLING_RUN)
    @GetMapping("/api/v1/levelling-runs/{id}")
    LevellingRun run(@PathVariable long id) {
        return repository.run(id).orElseThrow(() -> ApiException.notFound("levelling run", id));
    }

    private static RunAdjustment.Distribution distribution(String text) {
        try {
            return RunAdjustment.Distribution.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("distribution", "distribution must be distance or setups");
        }
    }

    private static String text(String name, String value) {
        if (value.isBlank() || value.length() > 200) {
            throw invalid(name, name + " must be 1-200 characters");
        }
        return value.strip();
    }

    private static Instant instant(String text) {
        return com.goafwatch.system.RequestTime.parse("observedAt", text);
    }

    private static ApiException invalid(String parameter, String detail) {
        return ApiException.badRequest("invalid-parameter", detail).with("parameter", parameter);
    }
}
