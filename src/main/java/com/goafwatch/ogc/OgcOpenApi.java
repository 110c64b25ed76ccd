package com.goafwatch.ogc;

import static com.goafwatch.ogc.OgcSchemas.ref;

import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * The OGC API's own definition ({@code /v3/api-docs/ogc}, the landing page's service-desc): each operation's 200
 * response with the media type it is really sent as and the schema of its OGC document ({@link OgcSchemas}), the
 * tiles' 204 (empty) and 304 (If-None-Match); the error responses come from com.goafwatch.system.OpenApiProblems. The
 * handlers also accept the wildcard type (OGC clients send odd Accept headers) but always answer in the one named here.
 */
@Configuration
class OgcOpenApi {

    private static final String JSON = OgcLinks.JSON;
    /** The tile media type as map.TileResponses sends it. */
    private static final String MVT = "application/vnd.mapbox-vector-tile";
    private static final String TILE = "/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}";

    /** Path template → media type → component schema of its 200 response. */
    private static final Map<String, Map<String, String>> SUCCESS = Map.ofEntries(
            Map.entry("/ogcapi", Map.of(JSON, "LandingPage")),
            Map.entry("/ogcapi/conformance", Map.of(JSON, "ConfClasses")),
            Map.entry("/ogcapi/collections", Map.of(JSON, "Collections")),
            Map.entry("/ogcapi/collections/{collectionId}", Map.of(JSON, "Collection")),
            Map.entry("/ogcapi/collections/{collectionId}/queryables", Map.of("application/schema+json", "Queryables")),
            Map.entry("/ogcapi/collections/{collectionId}/items", Map.of(OgcLinks.GEOJSON, "FeatureCollection")),
            Map.entry("/ogcapi/collections/{collectionId}/items/{featureId}", Map.of(OgcLinks.GEOJSON, "Feature")),
            Map.entry("/ogcapi/tileMatrixSets", Map.of(JSON, "TileMatrixSets")),
            Map.entry("/ogcapi/tileMatrixSets/{tileMatrixSetId}", Map.of(JSON, "TileMatrixSet")),
            Map.entry("/ogcapi/tiles", Map.of(JSON, "TileSets")),
            Map.entry("/ogcapi/collections/{collectionId}/tiles", Map.of(JSON, "TileSets")),
            Map.entry("/ogcapi/tiles/{tileMatrixSetId}", Map.of(JSON, "TileSet")),
            Map.entry("/ogcapi/collections/{collectionId}/tiles/{tileMatrixSetId}", Map.of(JSON, "TileSet")),
            Map.entry("/ogcapi/tiles/{tileMatrixSetId}/tilejson.json", Map.of(JSON, "TileJSON")),
            Map.entry("/ogcapi/collections/{collectionId}/tiles/{tileMatrixSetId}/tilejson.json", Map.of(JSON, "TileJSON")),
            Map.entry("/ogcapi/tiles" + TILE, Map.of(MVT, "MapboxVectorTile")),
            Map.entry("/ogcapi/collections/{collectionId}/tiles" + TILE, Map.of(MVT, "MapboxVectorTile")));

    /** Linked from the landing page as service-desc. */
    @Bean
    GroupedOpenApi ogcApi() {
        return GroupedOpenApi.builder().group("ogc").pathsToMatch("/ogcapi", "/ogcapi/**").build();
    }

    /** Global: the OGC operations in {@code /v3/api-docs} (the whole service) are described as in the OGC group. */
    @Bean
    GlobalOpenApiCustomizer ogcResponses() {
        return OgcOpenApi::describeResponses;
    }

    /** Unknown paths are left as springdoc made them: OgcOpenApiDocumentTest requires every path to be described. */
    static void describeResponses(OpenAPI api) {
        if (api.getPaths() == null || api.getPaths().keySet().stream().noneMatch(SUCCESS::containsKey)) {
            return;
        }
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.setComponents(components);
        OgcSchemas.all().forEach(components::addSchemas);
        api.getPaths().forEach((path, item) -> {
            Map<String, String> success = SUCCESS.get(path);
            if (success == null || item.getGet() == null) {
                return;
            }
            ApiResponses responses = item.getGet().getResponses();
            ApiResponse ok = responses.computeIfAbsent("200", s -> new ApiResponse().description("OK"));
            Content content = new Content();
            success.forEach((type, schema) -> content.addMediaType(type, new MediaType().schema(ref(schema))));
            ok.setContent(content);
            if (success.containsKey(MVT)) {
                ok.setDescription("The tile (Mapbox Vector Tile), with a weak ETag naming the layer versions and the caller's scope");
                responses.addApiResponse("204", new ApiResponse().description("No feature in this tile"));
                responses.addApiResponse("304", new ApiResponse().description("Not modified: If-None-Match names the current ETag"));
            }
            sortByStatus(responses);
        });
    }

    private static void sortByStatus(ApiResponses responses) {
        List<Map.Entry<String, ApiResponse>> sorted = responses.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList();
        responses.clear();
        sorted.forEach(e -> responses.addApiResponse(e.getKey(), e.getValue()));
    }
}
