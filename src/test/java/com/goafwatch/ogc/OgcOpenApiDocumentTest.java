package com.goafwatch.ogc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.IntegrationTest;
import com.goafwatch.support.SlippyTiles;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OGC API's OpenAPI document ({@code /v3/api-docs/ogc}, the landing page's service-desc) describes every operation:
 * its 200 response with the media type really sent and a schema holding the members OGC API - Features and - Tiles
 * require, and its error responses as problems with the shared Problem schema. Real responses of the running service
 * are validated against the schemas the document declares for them (networknt, OpenAPI 3.0 dialect, $refs resolved in
 * the document). Before the fix only items and items/{featureId} had a schema; every other 200 had an empty content.
 */
class OgcOpenApiDocumentTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Where the document is registered for the validator: its $refs ("#/components/…") resolve inside it. */
    private static final String DOCUMENT_IRI = "https://goafwatch.test/v3/api-docs/ogc";
    private static final String PROBLEM = "application/problem+json";
    private static final String MVT = "application/vnd.mapbox-vector-tile";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    private long projectId;

    @BeforeEach
    void site() {
        projectId = fixtures().project(Fixtures.uniqueCode("OAS"));
        fixtures().phase(projectId, 1);
        fixtures().phase(projectId, 2);
        fixtures().threeParcelsAndCable(projectId);
    }

    private String documentText() {
        HttpApi.Response r = api().get("/v3/api-docs/ogc");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/vnd.oai.openapi+json");
        return r.body();
    }

    private record Op(String path, String method, JsonNode operation) {
        String label() {
            return method.toUpperCase() + " " + path;
        }
    }

    private static List<Op> operations(JsonNode document) {
        List<Op> ops = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (METHODS.contains(op.getKey())) {
                    ops.add(new Op(path.getKey(), op.getKey(), op.getValue()));
                }
            }
        }
        return ops;
    }

    @Test
    void everyOperationDeclaresItsSuccessWithTheMediaTypeSentAndASchema() {
        JsonNode document = JSON.readTree(documentText());
        List<Op> ops = operations(document);
        assertThat(ops).as("landing page, conformance, collections, items, queryables, tiles…").hasSizeGreaterThanOrEqualTo(17);
        for (Op op : ops) {
            JsonNode content = op.operation().path("responses").path("200").path("content");
            assertThat(content.isObject() && !content.isEmpty()).as(op.label() + " 200 content: " + content).isTrue();
            for (Map.Entry<String, JsonNode> type : content.properties()) {
                assertThat(type.getKey()).as(op.label()).doesNotContain("*");
                JsonNode schema = type.getValue().path("schema");
                assertThat(schema.has("$ref") || schema.has("type")).as(op.label() + " " + type.getKey() + " schema: " + schema).isTrue();
            }
            boolean tile = op.path().endsWith("/{tileMatrix}/{tileRow}/{tileCol}");
            if (tile) {
                assertThat(content.propertyNames()).as(op.label()).containsExactly(MVT);
                assertThat(op.operation().path("responses").propertyNames()).as(op.label()).contains("204", "304");
            } else {
                assertThat(content.propertyNames()).as(op.label()).isSubsetOf("application/json", "application/geo+json",
                        "application/schema+json");
            }
        }
        // the members OGC API - Features Part 1 and OGC API - Tiles require of each document
        Map<String, List<String>> required = Map.of("LandingPage", List.of("links"), "ConfClasses", List.of("conformsTo"),
                "Collections", List.of("links", "collections"), "Collection", List.of("id", "links"),
                "FeatureCollection", List.of("type", "features"), "Feature", List.of("type", "geometry", "properties"),
                "TileSet", List.of("dataType", "crs", "links"), "TileSets", List.of("tilesets"),
                "TileMatrixSet", List.of("crs", "tileMatrices"), "Link", List.of("href", "rel"));
        JsonNode schemas = document.path("components").path("schemas");
        required.forEach((name, members) -> assertThat(schemas.path(name).path("required").valueStream().map(JsonNode::asString).toList())
                .as(name).containsAll(members));
        assertThat(schemas.path("TileSet").path("properties").propertyNames()).contains("tileMatrixSetURI", "crs", "dataType", "links");
    }

    @Test
    void everyOperationDeclaresTheProblemsItAnswers() {
        JsonNode document = JSON.readTree(documentText());
        JsonNode problem = document.path("components").path("schemas").path("Problem");
        assertThat(problem.path("properties").propertyNames()).contains("type", "title", "status", "detail", "instance");
        for (Op op : operations(document)) {
            JsonNode responses = op.operation().path("responses");
            List<String> expected = new ArrayList<>(List.of("400", "401", "403", "429", "503"));
            if (op.path().contains("{")) {
                expected.add("404");
            }
            assertThat(responses.propertyNames()).as(op.label()).containsAll(expected);
            for (Map.Entry<String, JsonNode> response : responses.properties()) {
                if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                    JsonNode content = response.getValue().path("content");
                    assertThat(content.propertyNames()).as(op.label() + " " + response.getKey()).containsExactly(PROBLEM);
                    assertThat(content.path(PROBLEM).path("schema").path("$ref").asString()).as(op.label() + " " + response.getKey())
                            .isEqualTo("#/components/schemas/Problem");
                }
            }
        }
    }

    @Test
    void realResponsesMatchTheSchemasTheDocumentDeclares() throws Exception {
        String text = documentText();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30(), b -> b.schemas(Map.of(DOCUMENT_IRI, text)));
        String parcels = "/ogcapi/collections/{collectionId}";
        String tileset = "/ogcapi/collections/{collectionId}/tiles/{tileMatrixSetId}";
        String tile = "/ogcapi/collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}";
        List<String[]> checked = List.of(
                // template, URL, status
                new String[] {"/ogcapi", "/ogcapi", "200"},
                new String[] {"/ogcapi/conformance", "/ogcapi/conformance", "200"},
                new String[] {"/ogcapi/collections", "/ogcapi/collections", "200"},
                new String[] {parcels, "/ogcapi/collections/parcels", "200"},
                new String[] {parcels + "/queryables", "/ogcapi/collections/parcels/queryables", "200"},
                new String[] {parcels + "/items", "/ogcapi/collections/parcels/items?limit=2&projectId=" + projectId, "200"},
                new String[] {"/ogcapi/tileMatrixSets", "/ogcapi/tileMatrixSets", "200"},
                new String[] {"/ogcapi/tileMatrixSets/{tileMatrixSetId}", "/ogcapi/tileMatrixSets/CGCS2000Quad", "200"},
                new String[] {"/ogcapi/tiles", "/ogcapi/tiles", "200"},
                new String[] {"/ogcapi/tiles/{tileMatrixSetId}", "/ogcapi/tiles/WebMercatorQuad", "200"},
                new String[] {tileset, "/ogcapi/collections/parcels/tiles/CGCS2000Quad", "200"},
                new String[] {tileset + "/tilejson.json", "/ogcapi/collections/parcels/tiles/WebMercatorQuad/tilejson.json", "200"},
                new String[] {parcels, "/ogcapi/collections/no-such-collection", "404"},
                new String[] {"/ogcapi/tileMatrixSets/{tileMatrixSetId}", "/ogcapi/tileMatrixSets/NoSuchQuad", "404"},
                new String[] {parcels + "/items", "/ogcapi/collections/parcels/items?limit=abc", "400"});
        for (String[] c : checked) {
            HttpApi.Response r = api().get(c[1]);
            assertThat(r.status()).as(c[1] + " → " + r).isEqualTo(Integer.parseInt(c[2]));
            String mediaType = r.contentType().split(";")[0].trim();
            assertValid(registry, c[0], c[2], mediaType, JSON.readTree(r.body()), c[1]);
        }
        HttpApi.Response anonymous = api().anonymous().get("/ogcapi/collections");
        assertThat(anonymous.status()).isEqualTo(401);
        assertValid(registry, "/ogcapi/collections", "401", anonymous.contentType().split(";")[0].trim(), JSON.readTree(anonymous.body()),
                "anonymous /ogcapi/collections");

        // a tile is sent as the type the document names
        int[] zxy = SlippyTiles.holding(jdbc, 16, Fixtures.E0 + 40, Fixtures.N0 + 40);
        String url = "/ogcapi/collections/parcels/tiles/WebMercatorQuad/" + zxy[0] + "/" + zxy[2] + "/" + zxy[1] + "?projectId=" + projectId;
        HttpResponse<byte[]> mvt = api().getBytes(url);
        assertThat(mvt.statusCode()).as(url).isEqualTo(200);
        assertThat(mvt.headers().firstValue("Content-Type").orElse("")).isEqualTo(MVT);
        assertThat(JSON.readTree(text).at(pointer(tile, "200")).propertyNames()).containsExactly(MVT);
    }

    private static void assertValid(SchemaRegistry registry, String template, String status, String mediaType, JsonNode body, String what) {
        String at = pointer(template, status) + "/" + mediaType.replace("~", "~0").replace("/", "~1") + "/schema";
        Schema schema = registry.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#" + at));
        List<Error> errors = schema.validate(body);
        assertThat(errors).as(what + " (" + status + " " + mediaType + ") against " + at + ": " + body).isEmpty();
    }

    /** JSON pointer of the content of a response of GET {@code template}. */
    private static String pointer(String template, String status) {
        return "/paths/" + template.replace("~", "~0").replace("/", "~1") + "/get/responses/" + status + "/content";
    }
}
