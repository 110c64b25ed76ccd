package com.goafwatch.ogc;

import static com.goafwatch.ogc.OgcLinks.GEOJSON;
import static com.goafwatch.ogc.OgcLinks.JSON;
import static com.goafwatch.ogc.OgcLinks.add;
import static com.goafwatch.ogc.OgcLinks.base;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import com.goafwatch.map.TileLayer;
import com.goafwatch.security.ConfirmingReads;
import com.goafwatch.security.ProjectAccess;
import com.goafwatch.system.ApiException;
import com.goafwatch.system.LimitsProperties;
import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.enums.Explode;
import io.swagger.v3.oas.annotations.enums.ParameterStyle;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** OGC API – Features: landing page, conformance, collections, items and single items. */
@RestController
@Tag(name = "OGC API - Features")
class OgcController {

    private static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
            "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
            // Part 3 with CQL2 text: comparison, LIKE/IN/BETWEEN, S_INTERSECTS (OgcFilterSql)
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
            "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
            "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
            // OGC API - Tiles 1.0 and the JSON tile matrix set of TMS 2.0 (served by map.OgcTilesController)
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/dataset-tilesets",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/oas30",
            "http://www.opengis.net/spec/tms/2.0/conf/tilematrixset",
            "http://www.opengis.net/spec/tms/2.0/conf/json-tilematrixset");

    private static final String SCHEMA = "application/schema+json";
    private static final String REL_TILESETS_VECTOR = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector";

    private final OgcFeatureRepository features;
    private final OgcExtents extents;
    private final ProjectAccess access;
    private final ConfirmingReads reads;
    private final ObjectMapper mapper;
    private final int maxLimit;

    OgcController(OgcFeatureRepository features, OgcExtents extents, ProjectAccess access, ConfirmingReads reads, ObjectMapper mapper,
            LimitsProperties limits) {
        this.features = features;
        this.extents = extents;
        this.access = access;
        this.reads = reads;
        this.mapper = mapper;
        this.maxLimit = limits.maxPageSize();
    }

    @Operation(summary = "Landing page")
    @ProjectScoped(ScopeOwner.NONE)
    @GetMapping(value = "/ogcapi", produces = {MediaType.APPLICATION_JSON_VALUE, "*/*"})
    ResponseEntity<ObjectNode> landing() {
        ObjectNode page = mapper.createObjectNode().put("title", "GoafWatch OGC API - Features and Tiles")
                .put("description", "Remediation phases, parcels, fiber cables, point sensors and alerts of the projects you may see.");
        ArrayNode links = page.putArray("links");
        add(links, base(), "self", JSON, "This document");
        add(links, OgcLinks.root() + "/v3/api-docs/ogc", "service-desc", OgcLinks.OPENAPI, "The API definition (OpenAPI 3.0)");
        add(links, OgcLinks.root() + "/swagger-ui.html", "service-doc", "text/html", "The API documentation");
        add(links, base() + "/conformance", "conformance", JSON, "Conformance classes");
        add(links, base() + "/collections", "data", JSON, "Feature collections");
        add(links, base() + "/tiles", REL_TILESETS_VECTOR, JSON, "Vector tilesets of all map layers");
        add(links, base() + "/tileMatrixSets", "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes", JSON, "Tile matrix sets");
        return json(page);
    }

    @Operation(summary = "Conformance classes")
    @ProjectScoped(ScopeOwner.NONE)
    @GetMapping(value = "/ogcapi/conformance", produces = {MediaType.APPLICATION_JSON_VALUE, "*/*"})
    ResponseEntity<ObjectNode> conformance() {
        ObjectNode doc = mapper.createObjectNode();
        CONFORMANCE.forEach(doc.putArray("conformsTo")::add);
        return json(doc);
    }

    @Operation(summary = "Feature collections")
    @ProjectScoped(value = ScopeOwner.QUERY_FILTER, param = "projectId")
    @GetMapping(value = "/ogcapi/collections", produces = {MediaType.APPLICATION_JSON_VALUE, "*/*"})
    ResponseEntity<ObjectNode> collections() {
        ObjectNode doc = mapper.createObjectNode();
        ArrayNode links = doc.putArray("links");
        add(links, base() + "/collections", "self", JSON, "This document");
        ArrayNode list = doc.putArray("collections");
        for (OgcCollection c : OgcCollection.values()) {
            list.add(describe(c));
        }
        doc.putArray("crs").addAll(uris());
        return json(doc);
    }

    @Operation(summary = "One feature collection")
    @ProjectScoped(value = ScopeOwner.QUERY_FILTER, param = "projectId")
    @GetMapping(value = "/ogcapi/collections/{collectionId}", produces = {MediaType.APPLICATION_JSON_VALUE, "*/*"})
    ResponseEntity<ObjectNode> collection(@PathVariable String collectionId) {
        return json(describe(collectionNamed(collectionId)));
    }

    @Operation(summary = "Queryables of a collection (JSON Schema): the properties a CQL2 filter may name")
    @ProjectScoped(ScopeOwner.NONE)
    @GetMapping(value = "/ogcapi/collections/{collectionId}/queryables", produces = {SCHEMA, MediaType.APPLICATION_JSON_VALUE, "*/*"})
    ResponseEntity<ObjectNode> queryables(@PathVariable String collectionId) {
        OgcCollection c = collectionNamed(collectionId);
        ObjectNode schema = mapper.createObjectNode().put("$schema", "https://json-schema.org/draft/2020-12/schema")
                .put("$id", base() + "/collections/" + c.id() + "/queryables").put("type", "object").put("title", c.title());
        ObjectNode properties = schema.putObject("properties");
        properties.putObject(OgcFilterSql.GEOMETRY).put("title", "Geometry (literals in CRS84)").put("format", "geometry-any");
        for (OgcProperty p : c.queryables()) {
            properties.putObject(p.name()).put("title", p.name()).put("type", p.type());
        }
        schema.put("additionalProperties", false);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(SCHEMA)).body(schema);
    }

    @Operation(summary = "Features of a collection",
            description = "bbox (+ bbox-crs), crs, limit, offset, datetime (instant or interval, '..' open), equality "
                    + "filters on the collection's filterable properties and a CQL2 filter; coordinates in the axis order of crs")
    // content and schemas of these (and the other problems) come from OgcOpenApi and system.OpenApiProblems
    @ApiResponse(responseCode = "200", description = "A GeoJSON FeatureCollection with numberMatched, numberReturned and links")
    @ApiResponse(responseCode = "400", description = "A bad parameter, named in the problem")
    @ApiResponse(responseCode = "404", description = "No such collection")
    @ProjectScoped(value = ScopeOwner.QUERY_FILTER, param = "projectId")
    @GetMapping(value = "/ogcapi/collections/{collectionId}/items", produces = {GEOJSON, MediaType.APPLICATION_JSON_VALUE, "*/*"})
    ResponseEntity<byte[]> items(@PathVariable String collectionId, HttpServletRequest request,
            // declared for the API definition; ItemsQueryParser reads them (and the property filters) from the request
            @Parameter(description = "minx,miny,maxx,maxy (or 6 numbers with heights) in the axis order of bbox-crs; minx > maxx crosses "
                    + "the antimeridian", style = ParameterStyle.FORM, explode = Explode.FALSE, array = @ArraySchema(
                            schema = @Schema(type = "number"), minItems = 4, maxItems = 6)) @RequestParam(required = false) String bbox,
            @Parameter(description = "CRS of bbox (URI); default CRS84") @RequestParam(name = "bbox-crs", required = false) String bboxCrs,
            @Parameter(description = "CRS of the response (URI); default CRS84") @RequestParam(required = false) String crs,
            @Parameter(description = "page size (larger values give a full page)", schema = @Schema(type = "integer", minimum = "1",
                    defaultValue = "100")) @RequestParam(required = false) String limit,
            @Parameter(description = "features to skip", schema = @Schema(type = "integer", minimum = "0", defaultValue = "0"))
            @RequestParam(required = false) String offset,
            @Parameter(description = "RFC 3339 instant, date or interval (start/end, '..' open)") @RequestParam(required = false) String datetime,
            @Parameter(description = "CQL2 text on the collection's queryables: =, <>, <, <=, >, >=, LIKE, IN, BETWEEN, IS NULL, "
                    + "AND/OR/NOT, S_INTERSECTS(geometry, POINT/LINESTRING/POLYGON/BBOX in CRS84)") @RequestParam(required = false) String filter,
            @Parameter(description = "cql2-text (the only one)") @RequestParam(name = "filter-lang", required = false) String filterLang) {
        OgcCollection c = collectionNamed(collectionId);
        Map<String, String[]> params = request.getParameterMap();
        ItemsQuery q = ItemsQueryParser.parse(c, params, maxLimit);
        // the caller's projects asked for inside: a remembered token found changed is read again, and the page with it
        OgcFeatureRepository.Page page = reads.read(proof -> features.page(c, q, access.visibleProjects(), proof));
        long matched = page.matched();

        ArrayNode links = mapper.createArrayNode();
        add(links, page(request, q.offset()), "self", GEOJSON, "This page");
        if (q.offset() + page.features().size() < matched) {
            add(links, page(request, q.offset() + q.limit()), "next", GEOJSON, "Next page");
        }
        if (q.offset() > 0) {
            add(links, page(request, Math.max(0, q.offset() - q.limit())), "prev", GEOJSON, "Previous page");
        }
        add(links, base() + "/collections/" + c.id(), "collection", JSON, c.title());
        return geojson(GeoJsonText.collection(page.features(), matched, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                mapper.writeValueAsString(links)), q.crs());
    }

    @Operation(summary = "One feature")
    @ApiResponse(responseCode = "200", description = "A GeoJSON Feature with its links")
    @ApiResponse(responseCode = "400", description = "A bad parameter, named in the problem")
    @ApiResponse(responseCode = "404", description = "No such collection or feature (or another project's)")
    @ProjectScoped(value = ScopeOwner.QUERY_FILTER, param = "projectId")
    @GetMapping(value = "/ogcapi/collections/{collectionId}/items/{featureId}", produces = {GEOJSON, MediaType.APPLICATION_JSON_VALUE, "*/*"})
    ResponseEntity<byte[]> item(@PathVariable String collectionId, @PathVariable String featureId, HttpServletRequest request) {
        OgcCollection c = collectionNamed(collectionId);
        for (String name : request.getParameterMap().keySet()) {
            if (!name.equals("crs") && !name.equals("f")) {
                throw ItemsQueryParser.bad("unknown query parameter '" + name + "' for a single feature; use crs");
            }
        }
        OgcCrs crs = ItemsQueryParser.crs(request.getParameterMap(), "crs", OgcCrs.CRS84);
        long id;
        try {
            id = Long.parseLong(featureId);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("feature", featureId + " in " + c.id());
        }
        // another project's feature answers 404 like a missing one: ids must not reveal what exists elsewhere
        String feature = reads.read(proof -> features.one(c, id, crs, access.visibleProjects(), proof))
                .orElseThrow(() -> ApiException.notFound("feature", featureId + " in " + c.id()));
        ArrayNode links = mapper.createArrayNode();
        // the self link names the CRS asked for, so following it gives the same coordinates
        add(links, base() + "/collections/" + c.id() + "/items/" + id + (crs == OgcCrs.CRS84 ? "" : "?crs="
                + java.net.URLEncoder.encode(crs.uri(), java.nio.charset.StandardCharsets.UTF_8)), "self", GEOJSON, "This feature");
        add(links, base() + "/collections/" + c.id(), "collection", JSON, c.title());
        return geojson(GeoJsonText.feature(feature, mapper.writeValueAsString(links)), crs);
    }

    private ObjectNode describe(OgcCollection c) {
        ObjectNode d = mapper.createObjectNode().put("id", c.id()).put("title", c.title()).put("description", c.description())
                .put("itemType", "feature");
        ArrayNode links = d.putArray("links");
        add(links, base() + "/collections/" + c.id(), "self", JSON, c.title());
        add(links, base() + "/collections/" + c.id() + "/items", "items", GEOJSON, c.title());
        add(links, base() + "/collections/" + c.id() + "/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables", SCHEMA,
                "Queryables for filter");
        if (TileLayer.byUrlName(c.id()).isPresent()) {
            add(links, base() + "/collections/" + c.id() + "/tiles", REL_TILESETS_VECTOR, JSON, "Vector tilesets");
        }
        OgcFeatureRepository.Extent e = extents.of(c, access.visibleProjects());
        ObjectNode extent = d.putObject("extent");
        // nothing visible: the whole world, which holds every feature there is (none); GDAL's OGCAPI driver opens no
        // collection without a spatial bbox ("Missing bbox")
        ObjectNode spatial = extent.putObject("spatial").put("crs", OgcCrs.CRS84.uri());
        if (e.minLon() != null) {
            spatial.putArray("bbox").addArray().add(e.minLon()).add(e.minLat()).add(e.maxLon()).add(e.maxLat());
        } else {
            spatial.putArray("bbox").addArray().add(-180.0).add(-90.0).add(180.0).add(90.0);
        }
        ObjectNode temporal = extent.putObject("temporal");
        ArrayNode interval = temporal.putArray("interval").addArray();
        interval.add(e.first() == null ? null : e.first().toString());
        interval.add(e.last() == null ? null : e.last().toString());
        d.putArray("crs").addAll(uris());
        d.put("storageCrs", OgcCrs.STORAGE.uri());
        return d;
    }

    private ArrayNode uris() {
        ArrayNode a = mapper.createArrayNode();
        OgcCrs.uris().forEach(a::add);
        return a;
    }

    private static OgcCollection collectionNamed(String id) {
        return OgcCollection.byId(id).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found", "Resource not found",
                "no collection '" + id + "'; collections: phases, parcels, cables, markers, boreholes, alerts"));
    }

    private static String page(HttpServletRequest request, long offset) {
        return UriComponentsBuilder.fromUriString(base() + request.getRequestURI().substring(request.getContextPath().length()
                + "/ogcapi".length())).query(request.getQueryString()).replaceQueryParam("offset", offset).build(true).toUriString();
    }

    private static ResponseEntity<ObjectNode> json(ObjectNode doc) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(doc);
    }

    private static ResponseEntity<byte[]> geojson(byte[] doc, OgcCrs crs) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(GEOJSON)).header("Content-Crs", "<" + crs.uri() + ">").body(doc);
    }
}
