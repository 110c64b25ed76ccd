package com.goafwatch.map;

import java.util.Set;
import java.util.TreeSet;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.goafwatch.project.ProjectRepository;
import com.goafwatch.security.ProjectAccess;
import com.goafwatch.system.ApiException;
import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code /tiles/{layer}/{z}/{x}/{y}.mvt}. Tiles are never cached by URL alone: the ETag names the layer
 * version (bumped by triggers in the editing transaction) and the caller's project scope, and
 * {@code no-cache} makes clients revalidate, so an edit shows on the next request and an unchanged
 * tile costs a 304.
 */
@RestController
@Tag(name = "Map tiles")
class TileController {

    static final MediaType MVT = MediaType.parseMediaType("application/vnd.mapbox-vector-tile");

    private final TileRepository tiles;
    private final ProjectAccess access;
    private final ProjectRepository projects;

    TileController(TileRepository tiles, ProjectAccess access, ProjectRepository projects) {
        this.tiles = tiles;
        this.access = access;
        this.projects = projects;
    }

    @Operation(summary = "Mapbox vector tile of parcels (with flag level), cables or markers; 204 when the tile is empty")
    @ProjectScoped(value = ScopeOwner.QUERY_FILTER, param = "project")
    @GetMapping("/tiles/{layer}/{z}/{x}/{y}.mvt")
    ResponseEntity<byte[]> tile(@PathVariable String layer, @PathVariable String z, @PathVariable String x, @PathVariable String y,
            @RequestParam(required = false) Long project,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        TileLayer tileLayer = TileLayer.byUrlName(layer).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "unknown-layer",
                "Unknown layer", "no tile layer '" + layer + "'; layers: parcels, cables, markers"));
        TileAddress at = TileAddress.of(integer("z", z), integer("x", x), integer("y", y));
        if (project != null) {
            projects.require(project);
            access.require(project);
        }
        Set<Long> visible = access.visibleProjects();
        String scope = scopeKey(visible, project);
        if (ifNoneMatch != null) {
            String current = etag(tileLayer, tiles.version(tileLayer), scope);
            if (ifNoneMatch.contains(current.substring(2))) { // weak comparison: the opaque tag with or without W/
                return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(current).cacheControl(cacheControl()).build();
            }
        }
        Tile tile = tiles.tile(tileLayer, at, visible, project);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(tile.isEmpty() ? HttpStatus.NO_CONTENT : HttpStatus.OK)
                .eTag(etag(tileLayer, tile.version(), scope))
                .cacheControl(cacheControl())
                .varyBy(HttpHeaders.AUTHORIZATION, HttpHeaders.COOKIE);
        return tile.isEmpty() ? response.build() : response.contentType(MVT).body(tile.mvt());
    }

    private static CacheControl cacheControl() {
        // private: the content depends on the caller's projects; no-cache: always revalidate the version
        return CacheControl.noCache().cachePrivate();
    }

    private static String etag(TileLayer layer, long version, String scope) {
        return "W/\"" + layer.urlName() + "-" + version + "-" + scope + "\"";
    }

    private static String scopeKey(Set<Long> visible, Long project) {
        String projectsKey = visible == null ? "all" : Integer.toHexString(new TreeSet<>(visible).toString().hashCode());
        return project == null ? projectsKey : projectsKey + "-p" + project;
    }

    private static int integer(String name, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("tile-out-of-range", name + " must be an integer, got '" + text + "'");
        }
    }
}
