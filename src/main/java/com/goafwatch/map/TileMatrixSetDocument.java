package com.goafwatch.map;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tile matrix set in the JSON encoding of OGC 17-083r4 (TMS 2.0): points and corners in the CRS's axis order
 * ({@code orderedAxes}). The TMS 1.0 members (17-083r2 JSON: type, identifier, supportedCRS, boundingBox corners,
 * topLeftCorner) are written too, because GDAL 3.6 and so QGIS 3.22 read those instead of the 2.0 ones; the 2.0 schema
 * allows additional members.
 */
final class TileMatrixSetDocument {

    private TileMatrixSetDocument() {
    }

    static ObjectNode of(TileMatrixSet set, ObjectMapper mapper) {
        ObjectNode doc = mapper.createObjectNode().put("id", set.id()).put("title", set.title());
        if (set.uri() != null) {
            doc.put("uri", set.uri());
        }
        doc.put("crs", set.crs());
        if (set.wellKnownScaleSet() != null) {
            doc.put("wellKnownScaleSet", set.wellKnownScaleSet());
        }
        ArrayNode axes = doc.putArray("orderedAxes");
        set.orderedAxes().forEach(axes::add);
        doc.put("type", "TileMatrixSetType").put("identifier", set.id()).put("supportedCRS", set.crs());
        ObjectNode box = doc.putObject("boundingBox").put("type", "BoundingBoxType").put("crs", set.crs());
        add(box.putArray("lowerLeft"), set.lowerCorner());
        add(box.putArray("upperRight"), set.upperCorner());
        add(box.putArray("lowerCorner"), set.lowerCorner());
        add(box.putArray("upperCorner"), set.upperCorner());
        ArrayNode matrices = doc.putArray("tileMatrices");
        for (TileMatrixSet.Level level : set.levels()) {
            ObjectNode m = matrices.addObject().put("id", Integer.toString(level.zoom()))
                    .put("scaleDenominator", level.scaleDenominator()).put("cellSize", level.cellSize())
                    .put("cornerOfOrigin", "topLeft");
            add(m.putArray("pointOfOrigin"), set.pointOfOrigin());
            m.put("type", "TileMatrixType").put("identifier", Integer.toString(level.zoom()));
            add(m.putArray("topLeftCorner"), set.pointOfOrigin());
            m.put("tileWidth", TileMatrixSet.TILE_SIZE).put("tileHeight", TileMatrixSet.TILE_SIZE)
                    .put("matrixWidth", level.matrixWidth()).put("matrixHeight", level.matrixHeight());
        }
        return doc;
    }

    private static void add(ArrayNode array, double[] values) {
        for (double v : values) {
            array.add(v);
        }
    }
}
