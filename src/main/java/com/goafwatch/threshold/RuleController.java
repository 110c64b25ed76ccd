package com.goafwatch.threshold;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.goafwatch.project.ProjectRepository;
import com.goafwatch.system.ApiException;
import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@Tag(name = "Threshold rules")
@RestController
class RuleController {

    private final RuleRepository rules;
    private final RuleService service;
    private final ProjectRepository projects;
    private final JdbcClient jdbc;
    private final RuleCadence cadence;

    RuleController(RuleRepository rules, RuleService service, ProjectRepository projects, JdbcClient jdbc, RuleCadence cadence) {
        this.rules = rules;
        this.service = service;
        this.projects = projects;
        this.jdbc = jdbc;
        this.cadence = cadence;
    }

    private RuleDocument document(ThresholdRule r) {
        return RuleDocument.of(r, cadence.of(r.projectId(), r.metric(), r.phaseId(), r.parcelId()));
    }

    @Operation(summary = "Create a rule for the project, or (phaseId / parcelId) one phase or parcel")
    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @PostMapping("/api/v1/projects/{projectId}/rules")
    ResponseEntity<RuleDocument> create(@PathVariable long projectId, @RequestBody RuleRequest request) {
        projects.require(projectId);
        long id = service.create(projectId, request);
        return ResponseEntity.created(URI.create("/api/v1/rules/" + id)).body(document(rules.findById(id).orElseThrow()));
    }

    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @GetMapping("/api/v1/projects/{projectId}/rules")
    List<RuleDocument> list(@PathVariable long projectId) {
        projects.require(projectId);
        return rules.findByProject(projectId).stream().map(this::document).toList();
    }

    @ProjectScoped(ScopeOwner.RULE)
    @GetMapping("/api/v1/rules/{id}")
    RuleDocument get(@PathVariable long id) {
        return document(rules.findById(id).orElseThrow(() -> ApiException.notFound("rule", id)));
    }

    @ProjectScoped(ScopeOwner.RULE)
    @PutMapping("/api/v1/rules/{id}")
    RuleDocument update(@PathVariable long id, @RequestBody RuleRequest request) {
        service.update(id, request);
        return get(id);
    }

    @ProjectScoped(ScopeOwner.RULE)
    @DeleteMapping("/api/v1/rules/{id}")
    @Transactional
    ResponseEntity<Void> delete(@PathVariable long id) {
        service.delete(id);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "The rules in force for a parcel: per metric and statistic the most specific (parcel > phase > project)")
    @ProjectScoped(ScopeOwner.PARCEL)
    @GetMapping("/api/v1/parcels/{id}/effective-rules")
    List<RuleDocument> effective(@PathVariable long id) {
        if (jdbc.sql("SELECT count(*) FROM parcel WHERE id = ?").param(id).query(Long.class).single() == 0) {
            throw ApiException.notFound("parcel", id);
        }
        // judged at this parcel's sensors' cadence, whatever the rule's scope
        return EffectiveRules.of(rules.candidatesFor(id)).stream()
                .map(r -> RuleDocument.of(r, cadence.of(r.projectId(), r.metric(), null, id))).toList();
    }
}
