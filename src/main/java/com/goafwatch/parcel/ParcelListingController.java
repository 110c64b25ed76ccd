package com.goafwatch.parcel;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.goafwatch.project.ProjectRepository;
import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The whole parcel list of a project in one compact response: the web map asks for it while its first tiles load
 * (search suggestions, the alert filter, live flag colours), where the paged GeoJSON list took several requests.
 */
@Tag(name = "Parcels")
@RestController
class ParcelListingController {

    private final ParcelListingRepository listings;
    private final ProjectRepository projects;

    ParcelListingController(ParcelListingRepository listings, ProjectRepository projects) {
        this.listings = listings;
        this.projects = projects;
    }

    /** Every parcel of the project: id, code, name, phase (id and ordinal) and flag level; ordered by phase, code. */
    record ParcelList(long projectId, List<ParcelListing> parcels) {
    }

    @Operation(summary = "Every parcel of a project, compact (id, code, name, phaseId, phase ordinal, flagLevel; no geometry), "
            + "ordered by phase and code: the web map's search and filter list")
    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @GetMapping("/api/v1/projects/{projectId}/parcel-list")
    ParcelList list(@PathVariable long projectId) {
        projects.require(projectId);
        return new ParcelList(projectId, listings.ofProject(projectId));
    }
}
