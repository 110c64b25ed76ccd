package com.goafwatch.acceptance;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.goafwatch.phase.PhaseRepository;
import com.goafwatch.project.ProjectRepository;
import com.goafwatch.system.ApiException;
import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Criteria, QA judgements, verdicts and recorded decisions. */
@RestController
@Tag(name = "Acceptance")
class AcceptanceController {

    private final AcceptanceService acceptance;
    private final DecisionService decisions;
    private final CriteriaRepository criteria;
    private final EvidenceGatherer gatherer;
    private final ProjectRepository projects;
    private final PhaseRepository phases;
    private final ObjectMapper mapper;

    AcceptanceController(AcceptanceService acceptance, DecisionService decisions, CriteriaRepository criteria, EvidenceGatherer gatherer,
            ProjectRepository projects, PhaseRepository phases, ObjectMapper mapper) {
        this.mapper = mapper;
        this.acceptance = acceptance;
        this.decisions = decisions;
        this.criteria = criteria;
        this.gatherer = gatherer;
        this.projects = projects;
        this.phases = phases;
    }

    @Operation(summary = "The project's acceptance criteria (defaults where not set)")
    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @GetMapping("/api/v1/projects/{projectId}/acceptance-criteria")
    AcceptanceCriteria criteria(@PathVariable long projectId) {
        projects.require(projectId);
        return criteria.of(projectId);
    }

    @Operation(summary = "Set the project's acceptance criteria; fields left out take the defaults")
    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @PutMapping("/api/v1/projects/{projectId}/acceptance-criteria")
    AcceptanceCriteria setCriteria(@PathVariable long projectId, @RequestBody JsonNode json) {
        projects.require(projectId);
        if (json == null || !json.isObject()) {
            throw ApiException.badRequest("invalid-json", "the body must be a JSON object of criteria");
        }
        // a misspelt criterion silently ignored would leave the old limit in force while the engineer believes otherwise
        List<String> known = Arrays.stream(AcceptanceCriteria.class.getRecordComponents()).map(RecordComponent::getName).toList();
        List<String> unknown = json.propertyNames().stream().filter(n -> !known.contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("invalid-criteria", "unknown criteria " + unknown + "; known: " + known);
        }
        AcceptanceCriteria body;
        try {
            body = mapper.treeToValue(json, AcceptanceCriteria.class);
        } catch (JacksonException e) {
            throw ApiException.badRequest("invalid-criteria", "criteria must be numbers (maxFluidLoss: none|minor|major, "
                    + "noOpenOrangeRedAlerts: true|false): " + e.getOriginalMessage());
        }
        List<String> problems = body.problems();
        if (!problems.isEmpty()) {
            throw ApiException.unprocessable("invalid-criteria", "Invalid criteria", String.join("; ", problems)).with("errors", problems);
        }
        criteria.save(projectId, body.withDefaults());
        return criteria.of(projectId);
    }

    @Operation(summary = "QA tests of a phase judged against the criteria")
    @ProjectScoped(value = ScopeOwner.PHASE, param = "phaseId")
    @GetMapping("/api/v1/phases/{phaseId}/qa-tests")
    List<QaResult> qaTests(@PathVariable long phaseId) {
        var phase = phases.findById(phaseId).orElseThrow(() -> ApiException.notFound("phase", phaseId));
        return gatherer.qaByParcel(phase.projectId(), phaseId, criteria.of(phase.projectId())).values().stream().flatMap(List::stream).toList();
    }

    @Operation(summary = "Verdict of the phase and of each parcel, with every criterion's numbers (at = evaluation time, default now)")
    @ProjectScoped(value = ScopeOwner.PHASE, param = "phaseId")
    @GetMapping("/api/v1/phases/{phaseId}/acceptance")
    PhaseAcceptance phase(@PathVariable long phaseId, @RequestParam(required = false) String at) {
        return acceptance.evaluate(phaseId, com.goafwatch.system.RequestTime.orNow("at", at)).acceptance();
    }

    @Operation(summary = "Verdict of one parcel, with every criterion's numbers")
    @ProjectScoped(value = ScopeOwner.PARCEL, param = "parcelId")
    @GetMapping("/api/v1/parcels/{parcelId}/acceptance")
    AcceptanceRules.ParcelVerdict parcel(@PathVariable long parcelId) {
        return acceptance.evaluateParcel(parcelId, Instant.now());
    }

    @Operation(summary = "Record the panel's decision on a parcel (admin): decision accepted|rejected, comment, overrideVerdict, reportId")
    @ProjectScoped(value = ScopeOwner.PARCEL, param = "parcelId")
    @PostMapping("/api/v1/parcels/{parcelId}/acceptance-decision")
    ResponseEntity<Map<String, Object>> decideParcel(@PathVariable long parcelId, @RequestBody(required = false) DecisionService.DecisionRequest body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(decisions.decideParcel(parcelId, body));
    }

    @Operation(summary = "Record the panel's decision on a phase (admin); accepting needs every parcel accepted")
    @ProjectScoped(value = ScopeOwner.PHASE, param = "phaseId")
    @PostMapping("/api/v1/phases/{phaseId}/acceptance-decision")
    ResponseEntity<Map<String, Object>> decidePhase(@PathVariable long phaseId, @RequestBody(required = false) DecisionService.DecisionRequest body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(decisions.decidePhase(phaseId, body));
    }

    @Operation(summary = "The recorded decisions of a phase and its parcels")
    @ProjectScoped(value = ScopeOwner.PHASE, param = "phaseId")
    @GetMapping("/api/v1/phases/{phaseId}/acceptance-decisions")
    List<Map<String, Object>> decisions(@PathVariable long phaseId) {
        phases.findById(phaseId).orElseThrow(() -> ApiException.notFound("phase", phaseId));
        return decisions.decisions(phaseId);
    }
}
