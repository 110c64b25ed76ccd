package com.goafwatch.panel;

import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.geom.Geometry;

import com.goafwatch.geo.FeatureError;
import com.goafwatch.geo.PolygonChecks;
import com.goafwatch.geo.SupportedCrs;

import tools.jackson.databind.JsonNode;

/**
 * Turns one GeoJSON Feature into a {@link PanelDraft}, or into everything wrong with it (name, seam thickness, depth,
 * geometry), so a file is fixed in one round.
 */
final class PanelFeatureParser {

    /** Thicker seams are not mined by strip or longwall panels; the bound catches metres typed as decimetres. */
    static final double MAX_SEAM_THICKNESS_M = 50;
    /** Deeper than any coal mine in China (about 1500 m); catches feet or a missing decimal point. */
    static final double MAX_DEPTH_M = 3000;

    private final SupportedCrs crs;

    PanelFeatureParser(SupportedCrs crs) {
        this.crs = crs;
    }

    record Result(PanelDraft draft, List<FeatureError> errors) {
    }

    Result parse(int index, JsonNode feature) {
        if (feature == null || !feature.isObject() || !"Feature".equals(feature.path("type").asString(""))) {
            return new Result(null, List.of(new FeatureError(index, null, "not a GeoJSON Feature (\"type\": \"Feature\" missing)")));
        }
        List<String> reasons = new ArrayList<>();
        JsonNode props = feature.path("properties");
        String name = name(props.path("name"), reasons);
        double seam = positive(props, "seamThicknessM", MAX_SEAM_THICKNESS_M, reasons);
        double depth = positive(props, "depthM", MAX_DEPTH_M, reasons);
        Geometry geometry = geometry(feature.path("geometry"), reasons);
        if (!reasons.isEmpty()) {
            return new Result(null, reasons.stream().map(r -> new FeatureError(index, name, r)).toList());
        }
        return new Result(new PanelDraft(index, name, seam, depth, geometry, crs.srid()), List.of());
    }

    private static String name(JsonNode node, List<String> reasons) {
        String name = node.isString() ? node.asString().trim() : node.isNumber() ? node.asString() : null;
        if (name == null || name.isEmpty()) {
            reasons.add("property 'name' (the panel's name, e.g. 7330) is required");
            return null;
        }
        if (name.length() > 100) {
            reasons.add("name is longer than 100 characters");
            return name.substring(0, 100);
        }
        return name;
    }

    private static double positive(JsonNode props, String field, double max, List<String> reasons) {
        JsonNode node = props.path(field);
        if (!node.isNumber()) {
            reasons.add("property '" + field + "' (metres, a number) is required" + (node.isMissingNode() ? "" : "; got " + node));
            return Double.NaN;
        }
        double v = node.asDouble();
        if (!(v > 0 && v <= max)) {
            reasons.add("property '" + field + "' " + node + " m is outside (0, " + (int) max + "] m");
        }
        return v;
    }

    private Geometry geometry(JsonNode node, List<String> reasons) {
        if (node.isMissingNode() || node.isNull()) {
            reasons.add("geometry is missing");
            return null;
        }
        String type = node.path("type").asString("");
        if (!type.equals("Polygon")) {
            reasons.add("wrong geometry type '" + type + "'; a panel outline must be a Polygon");
            return null;
        }
        return PolygonChecks.read(node, crs, reasons);
    }
}
