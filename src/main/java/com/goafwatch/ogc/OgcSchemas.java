package com.goafwatch.ogc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BinarySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;

/**
 * The documents of the OGC API as OpenAPI schemas, with the members the standards require: OGC API - Features Part 1
 * (17-069r4: landingPage, confClasses, collections, collection, link, featureCollectionGeoJSON, featureGeoJSON), Part 2
 * (crs, storageCrs), Part 3 (queryables), OGC API - Tiles (20-057: tileSet, tileSet-item, tileMatrixSets), the JSON
 * tile matrix set of TMS 2.0 (17-083r4) and TileJSON 3.0.0. Other members are described where this service writes
 * them; none is closed ({@code additionalProperties} stays open) so that a member added later breaks no client.
 */
final class OgcSchemas {

    static final String REF = "#/components/schemas/";

    private OgcSchemas() {
    }

    /** By component name, in the order they appear in the document. */
    static Map<String, Schema<?>> all() {
        Map<String, Schema<?>> s = new LinkedHashMap<>();
        // href is no URI reference when templated ("…/{tileMatrix}/{tileRow}/{tileCol}"): a string, as in OGC API - Tiles
        s.put("Link", object("href", "rel").addProperty("href", new StringSchema()).addProperty("rel", new StringSchema())
                .addProperty("type", new StringSchema()).addProperty("hreflang", new StringSchema()).addProperty("title", new StringSchema())
                .addProperty("templated", new Schema<Boolean>().type("boolean")));
        s.put("LandingPage", object("links").addProperty("title", new StringSchema()).addProperty("description", new StringSchema())
                .addProperty("links", links()));
        s.put("ConfClasses", object("conformsTo").addProperty("conformsTo", new ArraySchema().items(new StringSchema())));
        s.put("Extent", new ObjectSchema()
                .addProperty("spatial", new ObjectSchema().addProperty("bbox", new ArraySchema().minItems(1)
                        .items(new ArraySchema().minItems(4).maxItems(6).items(new NumberSchema()))).addProperty("crs", new StringSchema()))
                .addProperty("temporal", new ObjectSchema().addProperty("interval", new ArraySchema().minItems(1)
                        .items(new ArraySchema().minItems(2).maxItems(2).items(string("date-time").nullable(true))))));
        s.put("Collection", object("id", "links").addProperty("id", new StringSchema()).addProperty("title", new StringSchema())
                .addProperty("description", new StringSchema()).addProperty("links", links()).addProperty("extent", ref("Extent"))
                .addProperty("itemType", new StringSchema()).addProperty("crs", new ArraySchema().items(new StringSchema()))
                .addProperty("storageCrs", new StringSchema()));
        s.put("Collections", object("links", "collections").addProperty("links", links())
                .addProperty("collections", new ArraySchema().items(ref("Collection")))
                .addProperty("crs", new ArraySchema().items(new StringSchema())));
        s.put("Queryables", object("type", "properties").description("a JSON Schema of the properties a CQL2 filter may name")
                .addProperty("$schema", new StringSchema()).addProperty("$id", new StringSchema())
                .addProperty("type", new StringSchema()._enum(List.of("object"))).addProperty("properties", new ObjectSchema()));
        s.put("Feature", object("type", "geometry", "properties").addProperty("type", new StringSchema()._enum(List.of("Feature")))
                .addProperty("id", new Schema<>().description("string or integer"))
                .addProperty("geometry", new ObjectSchema().nullable(true).addProperty("type", new StringSchema()))
                .addProperty("properties", new ObjectSchema().nullable(true)).addProperty("links", links()));
        s.put("FeatureCollection", object("type", "features")
                .addProperty("type", new StringSchema()._enum(List.of("FeatureCollection")))
                .addProperty("features", new ArraySchema().items(ref("Feature"))).addProperty("links", links())
                .addProperty("timeStamp", string("date-time")).addProperty("numberMatched", new IntegerSchema().minimum(java.math.BigDecimal.ZERO))
                .addProperty("numberReturned", new IntegerSchema().minimum(java.math.BigDecimal.ZERO)));
        s.put("TileMatrixSetItem", object("links").addProperty("id", new StringSchema()).addProperty("title", new StringSchema())
                .addProperty("uri", string("uri")).addProperty("crs", new StringSchema()).addProperty("links", links()));
        s.put("TileMatrixSets", object("tileMatrixSets").addProperty("tileMatrixSets", new ArraySchema().items(ref("TileMatrixSetItem")))
                .addProperty("links", links()));
        s.put("TileMatrix", object("id", "scaleDenominator", "cellSize", "pointOfOrigin", "tileWidth", "tileHeight", "matrixWidth",
                "matrixHeight").addProperty("id", new StringSchema()).addProperty("scaleDenominator", new NumberSchema())
                .addProperty("cellSize", new NumberSchema()).addProperty("cornerOfOrigin", new StringSchema()._enum(List.of("topLeft", "bottomLeft")))
                .addProperty("pointOfOrigin", new ArraySchema().minItems(2).maxItems(2).items(new NumberSchema()))
                .addProperty("tileWidth", positive()).addProperty("tileHeight", positive())
                .addProperty("matrixWidth", positive()).addProperty("matrixHeight", positive()));
        s.put("TileMatrixSet", object("crs", "tileMatrices").description("JSON encoding of a TMS 2.0 tile matrix set")
                .addProperty("id", new StringSchema()).addProperty("title", new StringSchema()).addProperty("uri", string("uri"))
                .addProperty("crs", new StringSchema()).addProperty("orderedAxes", new ArraySchema().items(new StringSchema()))
                .addProperty("tileMatrices", new ArraySchema().minItems(1).items(ref("TileMatrix"))));
        s.put("TileSetItem", tileSetMembers(object("dataType", "crs", "links")));
        s.put("TileSets", object("tilesets").addProperty("tilesets", new ArraySchema().items(ref("TileSetItem"))).addProperty("links", links()));
        s.put("TileSet", tileSetMembers(object("dataType", "crs", "links"))
                .addProperty("mediaTypes", new ArraySchema().items(new StringSchema()))
                .addProperty("layers", new ArraySchema().items(object("id").addProperty("id", new StringSchema())
                        .addProperty("title", new StringSchema()).addProperty("dataType", dataType())
                        .addProperty("minTileMatrix", new StringSchema()).addProperty("maxTileMatrix", new StringSchema())
                        .addProperty("propertiesSchema", new ObjectSchema()))));
        s.put("TileJSON", object("tilejson", "tiles", "vector_layers").description("TileJSON 3.0.0 (vector tiles)")
                .addProperty("tilejson", new StringSchema().pattern("^3\\.\\d+\\.\\d+$")).addProperty("name", new StringSchema())
                .addProperty("scheme", new StringSchema()).addProperty("tiles", new ArraySchema().minItems(1).items(new StringSchema()))
                .addProperty("minzoom", new IntegerSchema()).addProperty("maxzoom", new IntegerSchema())
                .addProperty("bounds", new ArraySchema().minItems(4).maxItems(4).items(new NumberSchema()))
                .addProperty("center", new ArraySchema().minItems(3).maxItems(3).items(new NumberSchema()))
                .addProperty("vector_layers", new ArraySchema().items(object("id", "fields").addProperty("id", new StringSchema())
                        .addProperty("fields", new ObjectSchema()))));
        s.put("MapboxVectorTile", new BinarySchema().description("a Mapbox Vector Tile 2.1 (protobuf)"));
        return s;
    }

    static Schema<?> ref(String name) {
        return new Schema<>().$ref(REF + name);
    }

    private static ObjectSchema tileSetMembers(ObjectSchema schema) {
        schema.addProperty("title", new StringSchema()).addProperty("dataType", dataType()).addProperty("crs", new StringSchema())
                .addProperty("tileMatrixSetURI", string("uri")).addProperty("links", links());
        return schema;
    }

    private static Schema<?> dataType() {
        return new StringSchema()._enum(List.of("map", "vector", "coverage"));
    }

    private static ObjectSchema object(String... required) {
        ObjectSchema schema = new ObjectSchema();
        schema.setRequired(List.of(required));
        return schema;
    }

    private static ArraySchema links() {
        return new ArraySchema().items(ref("Link"));
    }

    private static StringSchema string(String format) {
        StringSchema schema = new StringSchema();
        schema.setFormat(format);
        return schema;
    }

    private static IntegerSchema positive() {
        return (IntegerSchema) new IntegerSchema().minimum(java.math.BigDecimal.ONE);
    }
}
