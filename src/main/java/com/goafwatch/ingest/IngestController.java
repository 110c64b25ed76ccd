package com.goafwatch.ingest;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.ZoneId;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.goafwatch.brillouin.ReferenceSummary;
import com.goafwatch.project.ProjectRepository;
import com.goafwatch.system.ApiException;
import com.goafwatch.system.LimitsProperties;
import com.goafwatch.system.RequestBodies;
import com.goafwatch.timeseries.ClusterSpoolStatus;
import com.goafwatch.timeseries.SpoolCluster;
import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

@Tag(name = "Ingestion")
@RestController
class IngestController {

    private final TraceIngestor traces;
    private final LineProtocolIngestor lineProtocol;
    private final ReadingsIngestor readings;
    private final SpoolCluster spoolCluster;
    private final ProjectRepository projects;
    private final LimitsProperties limits;
    private final ObjectMapper mapper;
    private final BrillouinReferenceUpload references;

    IngestController(TraceIngestor traces, LineProtocolIngestor lineProtocol, ReadingsIngestor readings, SpoolCluster spoolCluster,
            ProjectRepository projects, LimitsProperties limits, ObjectMapper mapper, BrillouinReferenceUpload references) {
        this.references = references;
        this.traces = traces;
        this.lineProtocol = lineProtocol;
        this.readings = readings;
        this.spoolCluster = spoolCluster;
        this.projects = projects;
        this.limits = limits;
        this.mapper = mapper;
    }

    @Operation(summary = "Upload interrogator traces of one cable: CSV (timestamp,distance_m,strain_ue[,temperature_c]"
            + "[,reference_strain_ue]), Luna ODiSI TSV, Brillouin CSV (timestamp,distance_m,shift_mhz[,reference_shift_mhz]"
            + "[,temperature_c]) or Febus G1 .bsl, optionally gzipped; streamed, all or nothing; 202 once durable")
    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @PostMapping("/api/v1/projects/{projectId}/ingest/traces")
    ResponseEntity<TraceSummary> traces(@PathVariable long projectId, @RequestParam String cable,
            @RequestParam(defaultValue = "auto") String format, @RequestParam(required = false) String tz,
            HttpServletRequest request) throws IOException {
        requireProject(projectId);
        TraceSummary summary = traces.ingest(projectId, cable, format, zone(tz), request.getInputStream());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(summary);
    }

    @Operation(summary = "Append a reference (baseline) trace of the cable's Brillouin shift: one trace of Brillouin CSV; "
            + "later Brillouin uploads count strain from the newest reference")
    @ProjectScoped(ScopeOwner.CABLE)
    @PostMapping("/api/v1/cables/{id}/brillouin/references")
    ResponseEntity<ReferenceSummary> brillouinReference(@PathVariable long id, @RequestParam(required = false) String tz,
            @RequestParam(required = false) String note, HttpServletRequest request) throws IOException {
        return ResponseEntity.status(HttpStatus.CREATED).body(references.upload(id, zone(tz), note, request.getInputStream()));
    }

    @Operation(summary = "InfluxDB line protocol: fiber_strain, settlement and sensor_reading points; all or nothing")
    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @PostMapping("/api/v1/projects/{projectId}/ingest/line-protocol")
    ResponseEntity<IngestSummary> lineProtocol(@PathVariable long projectId, @RequestParam(required = false) String precision,
            HttpServletRequest request) {
        requireProject(projectId);
        byte[] body = RequestBodies.readLimited(request, limits.maxUploadSize());
        String text = decodeUtf8(body);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(lineProtocol.ingest(projectId, text, precision));
    }

    @Operation(summary = "Manual readings as JSON (levelling of settlement markers, other point sensors); all or nothing; "
            + "dryRun=true: validate and count, write nothing (200 instead of 202)")
    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @PostMapping("/api/v1/projects/{projectId}/ingest/readings")
    ResponseEntity<IngestSummary> readings(@PathVariable long projectId, @RequestParam(defaultValue = "false") boolean dryRun,
            HttpServletRequest request) {
        requireProject(projectId);
        byte[] body = RequestBodies.readLimited(request, limits.maxUploadSize());
        try {
            return ResponseEntity.status(dryRun ? HttpStatus.OK : HttpStatus.ACCEPTED).body(readings.ingest(projectId, mapper.readTree(body),
                    dryRun));
        } catch (JacksonException e) {
            throw ApiException.badRequest("malformed-json", "body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    @Operation(summary = "The ingestion backlog of every instance: accepted batches not yet written to InfluxDB, totals and one row per spool volume")
    @ProjectScoped(ScopeOwner.NONE)
    @GetMapping("/api/v1/ingest/status")
    ClusterSpoolStatus status() {
        return spoolCluster.status();
    }

    private void requireProject(long projectId) {
        projects.require(projectId);
    }

    private static ZoneId zone(String tz) {
        try {
            return tz == null || tz.isBlank() ? null : ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw ApiException.badRequest("invalid-parameter", "tz '" + tz + "' is not a time zone such as Asia/Shanghai")
                    .with("parameter", "tz");
        }
    }

    private static String decodeUtf8(byte[] body) {
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw ApiException.badRequest("unreadable-body", "the body is not valid UTF-8 text");
        }
    }
}
