package com.goafwatch.map;

import java.util.Arrays;
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

import com.goafwatch.security.ProjectAccess;
import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;
import com.goafwatch.system.ApiException;
import com.goafwatch.system.PublicBaseUrl;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OGC API – Tiles 1.0 (Core, TileSet, tilesets list, dataset and geodata tilesets, MVT) and TileJSON 3.0.0 over the
 * vector tiles of {@link TileResponses}: the dataset's tiles hold all three layers, a collection's tiles its layer.
 * Tiles are addressed {tileMatrix}/{tileRow}/{tileCol}, i.e. z/y/x, in WebMercatorQuad or CGCS2000Quad
 * ({@link TileMatrixSet}); TileJSON only for WebMercatorQuad.
 */
@RestController
@Tag(name = "OGC API - Tiles")
class OgcTilesController {

    static final String REL_TILING_SCHEME = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme";
    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;
    private static final String MVT = TileResponses.MVT.toString();
    private static final String TILE_TEMPLATE = "/{tileMatrix}/{tileRow}/{tileCol}";

    private final TileResponses responses;
    private final TileRepository tiles;
    private final ProjectAccess access;
    private final ObjectMapper mapper;

    OgcTilesController(TileResponses responses, TileRepository tiles, ProjectAccess access, ObjectMapper mapper) {
        this.responses = responses;
        this.tiles = tiles;
        this.access = access;
        this.mapper = mapper;
    }

    @Operation(summary = "Tile matrix sets offered: WebMercatorQuad and CGCS2000Quad")
    @ProjectScoped(ScopeOwner.NONE)
    @GetMapping(value = "/ogcapi/tileMatrixSets", produces = {JSON, "*/*"})
    ResponseEntity<ObjectNode> tileMatrixSets() {
        ObjectNode doc = mapper.createObjectNode();
        ArrayNode sets = doc.putArray("tileMatrixSets");
        for (TileMatrixSet set : TileMatrixSet.all()) {
            ObjectNode tms = sets.addObject().put("id", set.id()).put("title", set.title());
            if (set.uri() != null) {
                tms.put("uri", set.uri());
            }
            tms.put("crs", set.crs());
            link(tms.putArray("links"), base() + "/tileMatrixSets/" + set.id(), "self", JSON, set.title());
        }
        link(doc.putArray("links"), base() + "/tileMatrixSets", "self", JSON, "This document");
        return json(doc);
    }

    @Operation(summary = "A tile matrix set (OGC 17-083r4, JSON encoding of TMS 2.0, with the TMS 1.0 members GDAL 3.6 reads)")
    @ProjectScoped(ScopeOwner.NONE)
    @GetMapping(value = "/ogcapi/tileMatrixSets/{tileMatrixSetId}", produces = {JSON, "*/*"})
    ResponseEntity<ObjectNode> tileMatrixSet(@PathVariable String tileMatrixSetId) {
        return json(TileMatrixSetDocument.of(requireSet(tileMatrixSetId), mapper));
    }

    @Operation(summary = "Vector tilesets of the dataset (all layers in one tile)")
    @ProjectScoped(value = ScopeOwner.QUERY_FILTER, param = "projectId")
    @GetMapping(value = "/ogcapi/tiles", produces = {JSON, "*/*"})
    ResponseEntity<ObjectNode> datasetTilesets() {
        return json(tilesetList(base() + "/tiles", "GoafWatch map layers"));
    }

    @Operation(summary = "Tileset metadata of the dataset's vector tiles")
    @ProjectScoped(value = ScopeOwner.QUERY_FILTER, param = "projectId")
    @GetMapping(value = "/ogcapi/tiles/{tileMatrixSetId}", produces = {JSON, "*/*"})
    ResponseEntity<ObjectNode> datasetTileset(@PathVariable String tileMatrixSetId) {
        return json(tileset(requireSet(tileMatrixSetId), base() + "/tiles", "GoafWatch map layers", Arrays.asList(TileLayer.values())));
    }

    @Operation(summary = "A vector tile of the dataset (parcels, cables and markers layers); 204 when empty")
    @ProjectScoped(value = ScopeOwner.QUERY_FILTER, param = "projectId")
    @GetMapping("/ogcapi/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}")
    ResponseEntity<byte[]> datasetTile(@PathVariable String tileMatrixSetId, @PathVariable String tileMatrix, @PathVariable String tileRow,
            @PathVariable String tileCol, @RequestParam(required = false) Long projectId,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        return responses.tile(Arrays.asList(TileLayer.values()), address(requireSet(tileMatrixSetId), tileMatrix, tileRow, tileCol),
                projectId, ifNoneMatch);
    }

    @Operation(summary = "TileJSON 3.0.0 of the dataset's vector tiles")
    @ProjectScoped(value = ScopeOwner.QUERY_FILTER, param = "projectId")
    @GetMapping(value = "/ogcapi/tiles/{tileMatrixSetId}/tilejson.json", produces = {JSON, "*/*"})
    ResponseEntity<ObjectNode> datasetTileJson(@PathVariable String tileMatrixSetId, @RequestParam(required = false) Long projectId) {
        requireTileJsonSet(tileMatrixSetId);
        return json(tileJson(base() + "/tiles", "GoafWatch map layers", Arrays.asList(TileLayer.values()), projectId));
    }

    @Operation(summary = "Vector tilesets of a collection (parcels, cables, markers)")
    @ProjectScoped(value = ScopeOwner.QUERY_FILTER, param = "projectId")
    @GetMapping(value = "/ogcapi/collections/{collectionId}/tiles", produces = {JSON, "*/*"})
    ResponseEntity<ObjectNode> collectionTilesets(@PathVariable String collectionId) {
        TileLayer layer = layer(collectionId);
        return json(tilesetList(base() + "/collections/" + layer.urlName() + "/tiles", layer.title()));
    }

    @Operation(summary = "Tileset metadata of a collection's vector tiles")
    @ProjectScoped(value = ScopeOwner.QUERY_FILTER, param = "projectId")
    @GetMapping(value = "/ogcapi/collections/{collectionId}/tiles/{tileMatrixSetId}", produces = {JSON, "*/*"})
    ResponseEntity<ObjectNode> collectionTileset(@PathVariable String collectionId, @PathVariable String tileMatrixSetId) {
        TileLayer layer = layer(collectionId);
        return json(tileset(requireSet(tileMatrixSetId), base() + "/collections/" + layer.urlName() + "/tiles", layer.title(), List.of(layer)));
    }

    @Operation(summary = "A vector tile of a collection; 204 when empty")
    @ProjectScoped(value = ScopeOwner.QUERY_FILTER, param = "projectId")
    @GetMapping("/ogcapi/collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}")
    ResponseEntity<byte[]> collectionTile(@PathVariable String collectionId, @PathVariable String tileMatrixSetId,
            @PathVariable String tileMatrix, @PathVariable String tileRow, @PathVariable String tileCol,
            @RequestParam(required = false) Long projectId,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        TileLayer layer = layer(collectionId);
        return responses.tile(List.of(layer), address(requireSet(tileMatrixSetId), tileMatrix, tileRow, tileCol), projectId,
                ifNoneMatch);
    }

    @Operation(summary = "TileJSON 3.0.0 of a collection's vector tiles")
    @ProjectScoped(value = ScopeOwner.QUERY_FILTER, param = "projectId")
    @GetMapping(value = "/ogcapi/collections/{collectionId}/tiles/{tileMatrixSetId}/tilejson.json", produces = {JSON, "*/*"})
    ResponseEntity<ObjectNode> collectionTileJson(@PathVariable String collectionId, @PathVariable String tileMatrixSetId,
            @RequestParam(required = false) Long projectId) {
        TileLayer layer = layer(collectionId);
        requireTileJsonSet(tileMatrixSetId);
        return json(tileJson(base() + "/collections/" + layer.urlName() + "/tiles", layer.title(), List.of(layer), projectId));
    }

    private ObjectNode tilesetList(String tilesUrl, String title) {
        ObjectNode doc = mapper.createObjectNode();
        ArrayNode list = doc.putArray("tilesets");
        for (TileMatrixSet set : TileMatrixSet.all()) {
            ObjectNode summary = list.addObject().put("title", title + ", " + set.id()).put("dataType", "vector").put("crs", set.crs());
            if (set.uri() != null) {
                summary.put("tileMatrixSetURI", set.uri());
            }
            ArrayNode links = summary.putArray("links");
            link(links, tilesUrl + "/" + set.id(), "self", JSON, title + ", " + set.id());
            link(links, base() + "/tileMatrixSets/" + set.id(), REL_TILING_SCHEME, JSON, set.title());
        }
        link(doc.putArray("links"), tilesUrl, "self", JSON, "This document");
        return doc;
    }

    private ObjectNode tileset(TileMatrixSet set, String tilesUrl, String title, List<TileLayer> layers) {
        String self = tilesUrl + "/" + set.id();
        ObjectNode doc = mapper.createObjectNode().put("title", title + ", " + set.id()).put("dataType", "vector").put("crs", set.crs());
        if (set.uri() != null) {
            doc.put("tileMatrixSetURI", set.uri());
        }
        doc.putArray("mediaTypes").add(MVT);
        ArrayNode links = doc.putArray("links");
        link(links, self, "self", JSON, "This tileset");
        link(links, base() + "/tileMatrixSets/" + set.id(), REL_TILING_SCHEME, JSON, set.title());
        link(links, self + TILE_TEMPLATE, "item", MVT, "Mapbox vector tiles in " + set.id() + ", {tileMatrix}/{tileRow}/{tileCol}")
                .put("templated", true);
        if (set.equals(WebMercatorQuad.SET)) {
            link(links, self + "/tilejson.json", "describedby", JSON, "TileJSON 3.0.0");
        }
        ArrayNode layerList = doc.putArray("layers");
        for (TileLayer layer : layers) {
            ObjectNode l = layerList.addObject().put("id", layer.urlName()).put("title", layer.title()).put("dataType", "vector");
            if (layer.geometryDimension() != null) {
                l.put("geometryDimension", layer.geometryDimension());
            }
            l.put("minTileMatrix", "0").put("maxTileMatrix", Integer.toString(set.maxLevel()));
            ObjectNode schema = l.putObject("propertiesSchema").put("type", "object");
            ObjectNode properties = schema.putObject("properties");
            layer.fields().forEach((name, type) -> properties.putObject(name).put("type", type.equals("Number") ? "number" : "string"));
        }
        return doc;
    }

    /** TileJSON 3.0.0: the template with {z}/{y}/{x} in the OGC order (TileJSON placeholders are named, not positional). */
    private ObjectNode tileJson(String tilesUrl, String name, List<TileLayer> layers, Long projectId) {
        responses.requireProject(projectId);
        String query = projectId == null ? "" : "?projectId=" + projectId;
        ObjectNode doc = mapper.createObjectNode().put("tilejson", "3.0.0").put("name", name).put("scheme", "xyz");
        doc.putArray("tiles").add(tilesUrl + "/" + WebMercatorQuad.ID + "/{z}/{y}/{x}" + query);
        doc.put("minzoom", 0).put("maxzoom", TileAddress.MAX_ZOOM);
        double[] extent = tiles.extent(access.visibleProjects(), projectId);
        // no features: the whole Web Mercator world, the TileJSON default
        double[] bounds = extent == null ? new double[] {-180, -85.05112877980659, 180, 85.0511287798066} : extent;
        ArrayNode b = doc.putArray("bounds");
        Arrays.stream(bounds).forEach(b::add);
        if (extent != null) {
            doc.putArray("center").add((bounds[0] + bounds[2]) / 2).add((bounds[1] + bounds[3]) / 2).add(15);
        }
        ArrayNode vectorLayers = doc.putArray("vector_layers");
        for (TileLayer layer : layers) {
            ObjectNode l = vectorLayers.addObject().put("id", layer.urlName()).put("description", layer.title())
                    .put("minzoom", 0).put("maxzoom", TileAddress.MAX_ZOOM);
            ObjectNode fields = l.putObject("fields");
            layer.fields().forEach(fields::put);
        }
        return doc;
    }

    /** OGC order z/y/x; a row or column outside the matrix is a 404 (no such tile), a non-number a 400. */
    private static TileAddress address(TileMatrixSet set, String tileMatrix, String tileRow, String tileCol) {
        return TileAddress.in(set, TileController.integer("tileMatrix", tileMatrix), TileController.integer("tileRow", tileRow),
                TileController.integer("tileCol", tileCol));
    }

    private static TileMatrixSet requireSet(String id) {
        return TileMatrixSet.byId(id).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found", "Resource not found",
                "no tile matrix set '" + id + "'; offered: " + offered()));
    }

    /**
     * TileJSON 3.0.0 has no CRS member: its clients (MapLibre, Mapbox, QGIS's XYZ source) place tiles on Web Mercator, so
     * a TileJSON for CGCS2000Quad would be drawn in the wrong place without a word. Only WebMercatorQuad has one.
     */
    private static void requireTileJsonSet(String id) {
        TileMatrixSet set = requireSet(id);
        if (!set.equals(WebMercatorQuad.SET)) {
            throw new ApiException(HttpStatus.NOT_FOUND, "not-found", "Resource not found", "no TileJSON for " + id
                    + ": TileJSON 3.0.0 has no CRS member and its clients assume Web Mercator; use the tileset metadata "
                    + "(…/tiles/" + id + ") and the tile matrix set instead, or " + WebMercatorQuad.ID + "/tilejson.json");
        }
    }

    private static String offered() {
        return TileMatrixSet.all().stream().map(TileMatrixSet::id).collect(java.util.stream.Collectors.joining(", "));
    }

    private static TileLayer layer(String collectionId) {
        return TileLayer.byUrlName(collectionId).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found",
                "Resource not found", "no tiles for collection '" + collectionId + "'; collections with tiles: " + TileResponses.layerNames()));
    }

    private static String base() {
        return PublicBaseUrl.current() + "/ogcapi";
    }

    private static ObjectNode link(ArrayNode links, String href, String rel, String type, String title) {
        return links.addObject().put("href", href).put("rel", rel).put("type", type).put("title", title);
    }

    private static ResponseEntity<ObjectNode> json(ObjectNode doc) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(doc);
    }
}
