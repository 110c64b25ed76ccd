package com.goafwatch.phase;

import java.net.URI;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.goafwatch.parcel.ParcelsChanged;
import com.goafwatch.project.ProjectRepository;
import com.goafwatch.system.ApiException;
import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@Tag(name = "Phases")
@RestController
class PhaseController {

    private final PhaseRepository phases;
    private final ProjectRepository projects;
    private final ApplicationEventPublisher events;

    PhaseController(PhaseRepository phases, ProjectRepository projects, ApplicationEventPublisher events) {
        this.phases = phases;
        this.projects = projects;
        this.events = events;
    }

    /** Phases of a project with their parcel summaries (count, total mu, mu per status). */
    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @GetMapping("/api/v1/projects/{projectId}/phases")
    List<PhaseSummary> list(@PathVariable long projectId) {
        projects.require(projectId);
        return phases.findByProject(projectId).stream().map(phases::summarize).toList();
    }

    @ProjectScoped(ScopeOwner.PHASE)
    @GetMapping("/api/v1/phases/{id}")
    Phase get(@PathVariable long id) {
        return phases.findById(id).orElseThrow(() -> ApiException.notFound("phase", id));
    }

    @ProjectScoped(ScopeOwner.PHASE)
    @GetMapping("/api/v1/phases/{id}/summary")
    PhaseSummary summary(@PathVariable long id) {
        return phases.summarize(get(id));
    }

    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @PostMapping("/api/v1/projects/{projectId}/phases")
    @Transactional
    ResponseEntity<Phase> create(@PathVariable long projectId, @Valid @RequestBody PhaseRequest request) {
        projects.require(projectId);
        request.requireDatesInRange();
        Phase created = phases.insert(projectId, request, status(request));
        return ResponseEntity.created(URI.create("/api/v1/phases/" + created.id())).body(created);
    }

    @ProjectScoped(ScopeOwner.PHASE)
    @PutMapping("/api/v1/phases/{id}")
    @Transactional
    Phase update(@PathVariable long id, @Valid @RequestBody PhaseRequest request) {
        request.requireDatesInRange();
        return phases.update(id, request, status(request)).orElseThrow(() -> ApiException.notFound("phase", id));
    }

    /** Deletes the phase with its parcels. */
    @ProjectScoped(ScopeOwner.PHASE)
    @DeleteMapping("/api/v1/phases/{id}")
    @Transactional
    ResponseEntity<Void> delete(@PathVariable long id) {
        Phase phase = get(id);
        phases.delete(id);
        events.publishEvent(new ParcelsChanged(phase.projectId()));
        return ResponseEntity.noContent().build();
    }

    private static String status(PhaseRequest request) {
        if (request.status() == null) {
            return PhaseStatus.PLANNED.dbValue();
        }
        try {
            return PhaseStatus.parse(request.status()).dbValue();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-status", e.getMessage());
        }
    }
}
