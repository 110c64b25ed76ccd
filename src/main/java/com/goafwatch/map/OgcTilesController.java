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
 * Tiles are addressed {tileMatrix}/{tileRow}/{tileCol}, i.e. z/y/x, in the one tile matrix set WebMercatorQuad.
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

    @Operation(summary = "Tile matrix sets offered")
    @ProjectScoped(ScopeOwner.NONE)
    @GetMapping(value = "/ogcapi/tileMatrixSets", produces = {JSON, "*/*"})
    ResponseEntity<ObjectNode> tileMatrixSets() {
        ObjectNode doc = mapper.createObjectNode();
        ObjectNode tms = doc.putArray("tileMatrixSets").addObject().put("id", WebMercatorQuad.ID).put("title", WebMercatorQuad.TITLE)
                .put("uri", WebMercatorQuad.URI).put("crs", WebMercatorQuad.CRS);
        link(tms.putArray("links"), base() + "/tileMatrixSets/" + WebMercatorQuad.ID, "self", JSON, WebMercatorQuad.TITLE);
        link(doc.putArray("links"), base() + "/tileMatrixSets", "self", JSON, "This document");
        return json(doc);
    }

    @Operation(summary = "The tile matrix set WebMercatorQuad (OGC 17-083r4, JSON encoding of TMS 2.0)")
    @ProjectScoped(ScopeOwner.NONE)
    @GetMapping(value = "/ogcapi/tileMatrixSets/{tileMatrixSetId}", produces = {JSON, "*/*"})
    ResponseEntity<ObjectNode> tileMatrixSet(@PathVariable String tileMatrixSetId) {
        requireTileMatrixSet(tileMatrixSetId);
        ObjectNode doc = mapper.createObjectNode().put("id", WebMercatorQuad.ID).put("title", WebMercatorQuad.TITLE)
                .put("uri", WebMercatorQuad.URI).put("crs", WebMercatorQuad.CRS)
                .put("wellKnownScaleSet", WebMercatorQuad.WELL_KNOWN_SCALE_SET);
        doc.putArray("orderedAxes").add("X").add("Y");
        // TMS 1.0 members too (17-083r2 JSON: type, identifier, supportedCRS, boundingBox corners, topLeftCorner), which
        // GDAL 3.6 and so QGIS 3.22 read instead of the 2.0 ones; the 2.0 schema allows additional members
        doc.put("type", "TileMatrixSetType").put("identifier", WebMercatorQuad.ID).put("supportedCRS", WebMercatorQuad.CRS);
        ObjectNode box = doc.putObject("boundingBox").put("type", "BoundingBoxType").put("crs", WebMercatorQuad.CRS);
        box.putArray("lowerLeft").add(-WebMercatorQuad.ORIGIN).add(-WebMercatorQuad.ORIGIN);
        box.putArray("upperRight").add(WebMercatorQuad.ORIGIN).add(WebMercatorQuad.ORIGIN);
        box.putArray("lowerCorner").add(-WebMercatorQuad.ORIGIN).add(-WebMercatorQuad.ORIGIN);
        box.putArray("upperCorner").add(WebMercatorQuad.ORIGIN).add(WebMercatorQuad.ORIGIN);
        ArrayNode matrices = doc.putArray("tileMatrices");
        for (WebMercatorQuad.Level level : WebMercatorQuad.levels()) {
            ObjectNode m = matrices.addObject().put("id", Integer.toString(level.zoom()))
                    .put("scaleDenominator", level.scaleDenominator()).put("cellSize", level.cellSize())
                    .put("cornerOfOrigin", "topLeft");
            m.putArray("pointOfOrigin").add(-WebMercatorQuad.ORIGIN).add(WebMercatorQuad.ORIGIN);
            m.put("type", "TileMatrixType").put("identifier", Integer.toString(level.zoom()));
            m.putArray("topLeftCorner").add(-WebMercatorQuad.ORIGIN).add(WebMercatorQuad.ORIGIN);
            m.put("tileWidth", WebMercatorQuad.TILE_SIZE).put("tileHeight", WebMercatorQuad.TILE_SIZE)
                    .put("matrixWidth", level.matrixSize()).put("matrixHeight", level.matrixSize());
        }
        return json(doc);
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
        requireTileMatrixSet(tileMatrixSetId);
        return json(tileset(base() + "/tiles", "GoafWatch map layers", Arrays.asList(TileLayer.values())));
    }

    @Operation(summary = "A vector tile of the dataset (parcels, cables and markers layers); 204 when empty")
    @ProjectScoped(value = ScopeOwner.QUERY_FILTER, param = "projectId")
    @GetMapping("/ogcapi/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}")
    ResponseEntity<byte[]> datasetTile(@PathVariable String tileMatrixSetId, @PathVariable String tileMatrix, @PathVariable String tileRow,
            @PathVariable String tileCol, @RequestParam(required = false) Long projectId,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        requireTileMatrixSet(tileMatrixSetId);
        return responses.tile(Arrays.asList(TileLayer.values()), address(tileMatrix, tileRow, tileCol), projectId, ifNoneMatch);
    }

    @Operation(summary = "TileJSON 3.0.0 of the dataset's vector tiles")
    @ProjectScoped(value = ScopeOwner.QUERY_FILTER, param = "projectId")
    @GetMapping(value = "/ogcapi/tiles/{tileMatrixSetId}/tilejson.json", produces = {JSON, "*/*"})
    ResponseEntity<ObjectNode> datasetTileJson(@PathVariable String tileMatrixSetId, @RequestParam(required = false) Long projectId) {
        requireTileMatrixSet(tileMatrixSetId);
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
        requireTileMatrixSet(tileMatrixSetId);
        return json(tileset(base() + "/collections/" + layer.urlName() + "/tiles", layer.title(), List.of(layer)));
    }

    @Operation(summary = "A vector tile of a collection; 204 when empty")
    @ProjectScoped(value = ScopeOwner.QUERY_FILTER, param = "projectId")
    @GetMapping("/ogcapi/collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}")
    ResponseEntity<byte[]> collectionTile(@PathVariable String collectionId, @PathVariable String tileMatrixSetId,
            @PathVariable String tileMatrix, @PathVariable String tileRow, @PathVariable String tileCol,
            @RequestParam(required = false) Long projectId,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        TileLayer layer = layer(collectionId);
        requireTileMatrixSet(tileMatrixSetId);
        return responses.tile(List.of(layer), address(tileMatrix, tileRow, tileCol), projectId, ifNoneMatch);
    }

    @Operation(summary = "TileJSON 3.0.0 of a collection's vector tiles")
    @ProjectScoped(value = ScopeOwner.QUERY_FILTER, param = "projectId")
    @GetMapping(value = "/ogcapi/collections/{collectionId}/tiles/{tileMatrixSetId}/tilejson.json", produces = {JSON, "*/*"})
    ResponseEntity<ObjectNode> collectionTileJson(@PathVariable String collectionId, @PathVariable String tileMatrixSetId,
            @RequestParam(required = false) Long projectId) {
        TileLayer layer = layer(collectionId);
        requireTileMatrixSet(tileMatrixSetId);
        return json(tileJson(base() + "/collections/" + layer.urlName() + "/tiles", layer.title(), List.of(layer), projectId));
    }

    private ObjectNode tilesetList(String tilesUrl, String title) {
        ObjectNode doc = mapper.createObjectNode();
        ObjectNode summary = doc.putArray("tilesets").addObject().put("title", title).put("dataType", "vector")
                .put("crs", WebMercatorQuad.CRS).put("tileMatrixSetURI", WebMercatorQuad.URI);
        ArrayNode links = summary.putArray("links");
        link(links, tilesUrl + "/" + WebMercatorQuad.ID, "self", JSON, title + ", " + WebMercatorQuad.ID);
        link(links, base() + "/tileMatrixSets/" + WebMercatorQuad.ID, REL_TILING_SCHEME, JSON, WebMercatorQuad.TITLE);
        link(doc.putArray("links"), tilesUrl, "self", JSON, "This document");
        return doc;
    }

    private ObjectNode tileset(String tilesUrl, String title, List<TileLayer> layers) {
        String self = tilesUrl + "/" + WebMercatorQuad.ID;
        ObjectNode doc = mapper.createObjectNode().put("title", title).put("dataType", "vector").put("crs", WebMercatorQuad.CRS)
                .put("tileMatrixSetURI", WebMercatorQuad.URI);
        doc.putArray("mediaTypes").add(MVT);
        ArrayNode links = doc.putArray("links");
        link(links, self, "self", JSON, "This tileset");
        link(links, base() + "/tileMatrixSets/" + WebMercatorQuad.ID, REL_TILING_SCHEME, JSON, WebMercatorQuad.TITLE);
        link(links, self + TILE_TEMPLATE, "item", MVT, "Mapbox vector tiles, {tileMatrix}/{tileRow}/{tileCol} = z/y/x")
                .put("templated", true);
        link(links, self + "/tilejson.json", "describedby", JSON, "TileJSON 3.0.0");
        ArrayNode layerList = doc.putArray("layers");
        for (TileLayer layer : layers) {
            ObjectNode l = layerList.addObject().put("id", layer.urlName()).put("title", layer.title()).put("dataType", "vector");
            if (layer.geometryDimension() != null) {
                l.put("geometryDimension", layer.geometryDimension());
            }
            l.put("minTileMatrix", "0").put("maxTileMatrix", Integer.toString(TileAddress.MAX_ZOOM));
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
    private static TileAddress address(String tileMatrix, String tileRow, String tileCol) {
        int z = TileController.integer("tileMatrix", tileMatrix);
        int y = TileController.integer("tileRow", tileRow);
        int x = TileController.integer("tileCol", tileCol);
        if (z < 0 || z > TileAddress.MAX_ZOOM || x < 0 || y < 0 || x >= (1L << z) || y >= (1L << z)) {
            throw new ApiException(HttpStatus.NOT_FOUND, "tile-out-of-range", "No such tile", "tile " + z + "/" + y + "/" + x
                    + " (tileMatrix/tileRow/tileCol) is outside " + WebMercatorQuad.ID + " levels 0.." + TileAddress.MAX_ZOOM
                    + " or its level's matrix");
        }
        return TileAddress.of(z, x, y);
    }

    private static void requireTileMatrixSet(String id) {
        if (!WebMercatorQuad.ID.equals(id)) {
            throw new ApiException(HttpStatus.NOT_FOUND, "not-found", "Resource not found",
                    "no tile matrix set '" + id + "'; offered: " + WebMercatorQuad.ID);
        }
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
