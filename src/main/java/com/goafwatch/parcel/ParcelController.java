package com.goafwatch.parcel;

import java.net.URI;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.goafwatch.geo.SupportedCrs;
import com.goafwatch.security.ProjectAccess;
import com.goafwatch.system.ApiException;
import com.goafwatch.system.LimitsProperties;
import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Tag(name = "Parcels")
@RestController
class ParcelController {

    static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

    private final ParcelRepository parcels;
    private final ParcelEditor editor;
    private final ParcelFeatures features;
    private final LimitsProperties limits;
    private final ProjectAccess access;

    ParcelController(ParcelRepository parcels, ParcelEditor editor, ParcelFeatures features, LimitsProperties limits,
            ProjectAccess access) {
        this.parcels = parcels;
        this.editor = editor;
        this.features = features;
        this.limits = limits;
        this.access = access;
    }

    @Operation(summary = "Parcels as a GeoJSON FeatureCollection (coordinates in CRS84 lon/lat), filtered and paged; "
            + "skipGeometry=true leaves geometry null (the web map draws parcels from vector tiles and lists only their properties)")
    @ProjectScoped(value = ScopeOwner.QUERY_FILTER, param = "project")
    @GetMapping("/api/v1/parcels")
    ResponseEntity<ObjectNode> list(@RequestParam(required = false) Long project, @RequestParam(required = false) Long phase,
            @RequestParam(required = false) String status, @RequestParam(required = false) String bbox,
            @RequestParam(name = "bbox-crs", required = false) String bboxCrs,
            @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") long offset,
            @RequestParam(defaultValue = "false") boolean skipGeometry) {
        ParcelListParams.checkPaging(limit, offset, limits.maxPageSize());
        if (project != null) {
            access.require(project);
        }
        ParcelFilter filter = ParcelListParams.filter(project, phase, status, bbox, bboxCrs).visibleTo(access.visibleProjects());
        List<ParcelRow> rows = parcels.find(filter, SupportedCrs.WGS84, !skipGeometry, limit, offset);
        long matched = parcels.count(filter);
        ObjectNode fc = features.collection();
        ArrayNode items = fc.putArray("features");
        rows.forEach(r -> items.add(features.feature(r)));
        fc.put("numberMatched", matched);
        fc.put("numberReturned", rows.size());
        ArrayNode links = fc.putArray("links");
        links.add(link("self", offset, limit));
        if (offset + rows.size() < matched) {
            links.add(link("next", offset + limit, limit));
        }
        if (offset > 0) {
            links.add(link("prev", Math.max(0, offset - limit), limit));
        }
        return ResponseEntity.ok().contentType(GEO_JSON).body(fc);
    }

    @Operation(summary = "One parcel as a GeoJSON Feature (CRS84), with area in mu and m²")
    @ProjectScoped(ScopeOwner.PARCEL)
    @GetMapping("/api/v1/parcels/{id}")
    ResponseEntity<ObjectNode> get(@PathVariable long id) {
        ParcelRow row = parcels.findById(id, SupportedCrs.WGS84).orElseThrow(() -> ApiException.notFound("parcel", id));
        return ResponseEntity.ok().contentType(GEO_JSON).body(features.feature(row));
    }

    @Operation(summary = "Create one parcel in a phase from a GeoJSON Feature; crs names the input CRS (default CRS84)")
    @ProjectScoped(value = ScopeOwner.PHASE, param = "phaseId")
    @PostMapping("/api/v1/phases/{phaseId}/parcels")
    ResponseEntity<ObjectNode> create(@PathVariable long phaseId, @RequestBody JsonNode feature,
            @RequestParam(required = false) String crs) {
        long id = editor.create(phaseId, feature, ParcelListParams.crs("crs", crs));
        ParcelRow row = parcels.findById(id, SupportedCrs.WGS84).orElseThrow();
        return ResponseEntity.created(URI.create("/api/v1/parcels/" + id)).contentType(GEO_JSON).body(features.feature(row));
    }

    @Operation(summary = "Replace a parcel's properties and geometry; status may only move forward")
    @ProjectScoped(ScopeOwner.PARCEL)
    @PutMapping("/api/v1/parcels/{id}")
    ResponseEntity<ObjectNode> update(@PathVariable long id, @RequestBody JsonNode feature,
            @RequestParam(required = false) String crs) {
        editor.update(id, feature, ParcelListParams.crs("crs", crs));
        return get(id);
    }

    @ProjectScoped(ScopeOwner.PARCEL)
    @DeleteMapping("/api/v1/parcels/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        editor.delete(id);
        return ResponseEntity.noContent().build();
    }

    private ObjectNode link(String rel, long offset, int limit) {
        jakarta.servlet.http.HttpServletRequest request = ((org.springframework.web.context.request.ServletRequestAttributes)
                org.springframework.web.context.request.RequestContextHolder.currentRequestAttributes()).getRequest();
        String href = org.springframework.web.util.UriComponentsBuilder.fromUriString(com.goafwatch.system.PublicBaseUrl.current()
                + request.getRequestURI()).query(request.getQueryString()).replaceQueryParam("offset", offset)
                .replaceQueryParam("limit", limit).build(true).toUriString();
        ObjectNode link = features.object();
        link.put("rel", rel);
        link.put("type", GEO_JSON.toString());
        link.put("href", href);
        return link;
    }
}
