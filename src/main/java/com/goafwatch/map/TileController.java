package com.goafwatch.map;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.goafwatch.system.ApiException;
import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /tiles/{layer}/{z}/{x}/{y}.mvt}: one layer per tile, XYZ order (see {@link TileResponses} for caching). */
@RestController
@Tag(name = "Map tiles")
class TileController {

    static final MediaType MVT = TileResponses.MVT;

    private final TileResponses responses;

    TileController(TileResponses responses) {
        this.responses = responses;
    }

    @Operation(summary = "Mapbox vector tile of parcels (with flag level), cables or markers; 204 when the tile is empty")
    @ProjectScoped(value = ScopeOwner.QUERY_FILTER, param = "project")
    @GetMapping("/tiles/{layer}/{z}/{x}/{y}.mvt")
    ResponseEntity<byte[]> tile(@PathVariable String layer, @PathVariable String z, @PathVariable String x, @PathVariable String y,
            @RequestParam(required = false) Long project,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        TileLayer tileLayer = TileLayer.byUrlName(layer).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "unknown-layer",
                "Unknown layer", "no tile layer '" + layer + "'; layers: " + TileResponses.layerNames()));
        TileAddress at = TileAddress.of(integer("z", z), integer("x", x), integer("y", y));
        return responses.tile(List.of(tileLayer), at, project, ifNoneMatch);
    }

    static int integer(String name, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("tile-out-of-range", name + " must be an integer, got '" + text + "'");
        }
    }
}
