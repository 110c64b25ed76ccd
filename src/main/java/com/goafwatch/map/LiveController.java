package com.goafwatch.map;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.goafwatch.project.ProjectRepository;
import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Map tiles")
class LiveController {

    private final LiveUpdates live;
    private final ProjectRepository projects;

    LiveController(LiveUpdates live, ProjectRepository projects) {
        this.live = live;
        this.projects = projects;
    }

    @Operation(summary = "Server-Sent Events for a project's map: 'layers' (layer versions changed) and 'data' (new readings stored)")
    @ProjectScoped(ScopeOwner.PROJECT)
    @GetMapping(value = "/api/v1/projects/{id}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter live(@PathVariable long id) {
        projects.require(id);
        return live.subscribe(id);
    }
}
