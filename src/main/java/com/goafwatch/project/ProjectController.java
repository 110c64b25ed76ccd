package com.goafwatch.project;

import java.net.URI;
import java.util.List;
import java.util.Set;

import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.goafwatch.geo.SupportedCrs;
import com.goafwatch.security.ProjectAccess;
import com.goafwatch.system.ApiException;
import com.goafwatch.system.RequestCrs;
import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@Tag(name = "Projects")
@RestController
@RequestMapping("/api/v1/projects")
class ProjectController {

    private final ProjectRepository projects;
    private final ProjectAccess access;

    ProjectController(ProjectRepository projects, ProjectAccess access) {
        this.projects = projects;
        this.access = access;
    }

    /** Projects the caller may see; {@code code} looks one up. */
    @ProjectScoped(value = ScopeOwner.QUERY_FILTER, param = "project")
    @GetMapping
    List<Project> list(@RequestParam(required = false) String code) {
        List<Project> all = code != null ? projects.findByCode(code).map(List::of).orElse(List.of()) : projects.findAll();
        Set<Long> visible = access.visibleProjects();
        return visible == null ? all : all.stream().filter(p -> visible.contains(p.id())).toList();
    }

    @ProjectScoped(ScopeOwner.PROJECT)
    @GetMapping("/{id}")
    Project get(@PathVariable long id) {
        return projects.require(id);
    }

    @ProjectScoped(ScopeOwner.NONE)
    @PostMapping
    @Transactional
    ResponseEntity<Project> create(@Valid @RequestBody ProjectRequest request) {
        Project created = projects.insert(request.code(), request.name().trim(), surveySrid(request), request.description(),
                extent(request));
        projects.updateCadence(created.id(), zone(request), request.fiberIntervalSeconds(), request.levellingIntervalSeconds());
        return ResponseEntity.created(URI.create("/api/v1/projects/" + created.id())).body(projects.require(created.id()));
    }

    @ProjectScoped(ScopeOwner.PROJECT)
    @PutMapping("/{id}")
    @Transactional
    Project update(@PathVariable long id, @Valid @RequestBody ProjectRequest request) {
        String zone = zone(request);
        projects.update(id, request.code(), request.name().trim(), surveySrid(request), request.description(), extent(request))
                .orElseThrow(() -> ApiException.notFound("project", id));
        projects.updateCadence(id, zone, request.fiberIntervalSeconds(), request.levellingIntervalSeconds());
        return projects.require(id);
    }

    /** Deletes the project with its phases and parcels. */
    @ProjectScoped(ScopeOwner.PROJECT)
    @DeleteMapping("/{id}")
    @Transactional
    ResponseEntity<Void> delete(@PathVariable long id) {
        if (!projects.delete(id)) {
            throw ApiException.notFound("project", id);
        }
        return ResponseEntity.noContent().build();
    }

    private static com.goafwatch.geo.ProjectExtent extent(ProjectRequest request) {
        try {
            return request.extent() == null ? null : com.goafwatch.geo.ProjectExtent.of(request.extent());
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable("invalid-extent", "Invalid extent", e.getMessage()).with("field", "extent");
        }
    }

    /** The IANA zone as given (null: the configured site zone); 422 naming the field when it is no zone. */
    private static String zone(ProjectRequest request) {
        if (request.timeZone() == null) {
            return null;
        }
        try {
            return java.time.ZoneId.of(request.timeZone()).getId();
        } catch (java.time.DateTimeException e) {
            throw ApiException.unprocessable("invalid-time-zone", "Invalid time zone", "timeZone '" + request.timeZone()
                    + "' is not an IANA time zone such as Asia/Shanghai").with("field", "timeZone");
        }
    }

    private static int surveySrid(ProjectRequest request) {
        return RequestCrs.parse("surveyCrs", request.surveyCrs(), SupportedCrs.CGCS2000_GK_CM117).srid();
    }
}
