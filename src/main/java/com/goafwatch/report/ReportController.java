package com.goafwatch.report;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.goafwatch.phase.PhaseRepository;
import com.goafwatch.system.ApiException;
import com.goafwatch.system.LimitsProperties;
import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/** Generate, list, download and verify acceptance reports. */
@RestController
@Tag(name = "Acceptance")
class ReportController {

    private final ReportService reports;
    private final PhaseRepository phases;
    private final LimitsProperties limits;

    ReportController(ReportService reports, PhaseRepository phases, LimitsProperties limits) {
        this.reports = reports;
        this.phases = phases;
        this.limits = limits;
    }

    @Operation(summary = "Generate and store a report of the phase: format pdf|json|xlsx|csv|docx, language zh|en, at (end of the data window)")
    @ProjectScoped(value = ScopeOwner.PHASE, param = "phaseId")
    @PostMapping("/api/v1/phases/{phaseId}/reports")
    ResponseEntity<ReportService.StoredReport> generate(@PathVariable long phaseId, @RequestParam(defaultValue = "pdf") String format,
            @RequestParam(defaultValue = "zh") String language, @RequestParam(required = false) String at) {
        phases.findById(phaseId).orElseThrow(() -> ApiException.notFound("phase", phaseId));
        ReportService.StoredReport r = reports.generate(phaseId, format, language, com.goafwatch.system.RequestTime.orNow("at", at));
        return ResponseEntity.created(URI.create("/api/v1/reports/" + r.id())).body(r);
    }

    @ProjectScoped(value = ScopeOwner.PHASE, param = "phaseId")
    @GetMapping("/api/v1/phases/{phaseId}/reports")
    List<ReportService.StoredReport> list(@PathVariable long phaseId) {
        phases.findById(phaseId).orElseThrow(() -> ApiException.notFound("phase", phaseId));
        return reports.ofPhase(phaseId);
    }

    @ProjectScoped(ScopeOwner.REPORT)
    @GetMapping("/api/v1/reports/{id}")
    ReportService.StoredReport one(@PathVariable long id) {
        return reports.find(id).orElseThrow(() -> ApiException.notFound("report", id));
    }

    @Operation(summary = "The stored bytes of a report; the SHA-256 is in the Digest-style header X-Content-SHA256")
    @ProjectScoped(ScopeOwner.REPORT)
    @GetMapping("/api/v1/reports/{id}/content")
    ResponseEntity<byte[]> content(@PathVariable long id) {
        ReportService.StoredReport r = reports.find(id).orElseThrow(() -> ApiException.notFound("report", id));
        String extension = r.format().equals("csv") ? "zip" : r.format();
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(ReportService.contentTypes().get(r.format())))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("acceptance-phase" + r.phaseId() + "-report" + r.id() + "." + extension).build().toString())
                .header("X-Content-SHA256", r.sha256()).body(reports.content(id));
    }

    @Operation(summary = "Verify a copy: upload the file; answers the stored reports it is byte-identical to (none: altered or unknown)")
    @ProjectScoped(value = ScopeOwner.QUERY_FILTER, param = "project")
    @PostMapping("/api/v1/reports/verify")
    Map<String, Object> verify(HttpServletRequest request) {
        // hashed as it streams in: a large report is never held in memory
        CopyDigest copy = CopyDigest.of(request, limits.maxReportSize());
        if (copy.size() == 0) {
            throw ApiException.badRequest("empty-body", "upload the report file to verify");
        }
        List<ReportService.StoredReport> matches = reports.withHash(copy.sha256());
        return Map.of("sha256", copy.sha256(), "matches", !matches.isEmpty(), "reports", matches);
    }
}
