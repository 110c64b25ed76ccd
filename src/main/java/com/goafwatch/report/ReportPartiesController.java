package com.goafwatch.report;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.goafwatch.project.ProjectRepository;
import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;
import com.goafwatch.system.ApiException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The parties on a project's report covers (client, designer, contractor, monitoring unit) and its report-number prefix. */
@RestController
@Tag(name = "Reports")
class ReportPartiesController {

    private final JdbcClient jdbc;
    private final ProjectRepository projects;

    ReportPartiesController(JdbcClient jdbc, ProjectRepository projects) {
        this.jdbc = jdbc;
        this.projects = projects;
    }

    static ReportParties of(JdbcClient jdbc, long projectId) {
        return jdbc.sql("SELECT client, designer, contractor, monitoring_unit, report_number_prefix FROM report_parties WHERE project_id = ?")
                .param(projectId).query((rs, i) -> new ReportParties(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5))).optional().orElse(ReportParties.NONE);
    }

    @Operation(summary = "The parties named on the project's report covers")
    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @GetMapping("/api/v1/projects/{projectId}/report-parties")
    ReportParties get(@PathVariable long projectId) {
        projects.require(projectId);
        return of(jdbc, projectId);
    }

    @Operation(summary = "Set the parties named on the project's report covers (engineer); fields left out are cleared")
    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @PutMapping("/api/v1/projects/{projectId}/report-parties")
    @Transactional
    ReportParties put(@PathVariable long projectId, @RequestBody(required = false) ReportParties body) {
        projects.require(projectId);
        if (body == null) {
            throw ApiException.badRequest("invalid-json", "the body must be a JSON object of parties");
        }
        List<String> problems = body.problems();
        if (!problems.isEmpty()) {
            throw ApiException.unprocessable("invalid-report-parties", "Invalid report parties", String.join("; ", problems))
                    .with("errors", problems);
        }
        jdbc.sql("""
                INSERT INTO report_parties (project_id, client, designer, contractor, monitoring_unit, report_number_prefix)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (project_id) DO UPDATE SET client = EXCLUDED.client, designer = EXCLUDED.designer,
                  contractor = EXCLUDED.contractor, monitoring_unit = EXCLUDED.monitoring_unit,
                  report_number_prefix = EXCLUDED.report_number_prefix, updated_at = now()""")
                .params(projectId, body.client(), body.designer(), body.contractor(), body.monitoringUnit(), body.reportNumberPrefix())
                .update();
        return of(jdbc, projectId);
    }
}
