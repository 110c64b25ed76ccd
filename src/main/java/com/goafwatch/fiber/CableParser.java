package com.goafwatch.fiber;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.operation.valid.IsSimpleOp;

import com.goafwatch.geo.FeatureError;
import com.goafwatch.geo.GeoJsonGeometry;
import com.goafwatch.geo.GeometryProblem;
import com.goafwatch.geo.SupportedCrs;
import com.goafwatch.system.RequestTime;

import tools.jackson.databind.JsonNode;

/**
 * Reads a cable from a GeoJSON Feature: a LineString route for a trench cable, the Point of the
 * borehole top for a borehole cable. Properties: code, channel, installation (trench | borehole),
 * depthM (borehole), fiberLengthM, fiberType, couplingCoefficient, readingIntervalSeconds (expected time between
 * traces; absent: the project's default), compensation (none | temperature |
 * reference-fiber), tempCoefficientUePerC, baselineTemperatureC, baselineTime (ISO-8601).
 */
final class CableParser {

    private CableParser() {
    }

    record Result(CableDraft draft, List<FeatureError> errors) {
    }

    static Result parse(int index, JsonNode feature, SupportedCrs crs) {
        List<String> reasons = new ArrayList<>();
        if (feature == null || !feature.isObject() || !"Feature".equals(feature.path("type").asString(""))) {
            return new Result(null, List.of(new FeatureError(index, null, "not a GeoJSON Feature")));
        }
        JsonNode p = feature.path("properties");
        String code = p.path("code").asString("");
        if (!code.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            reasons.add("code '" + code + "' must be 1-64 letters, digits, '.', '_' or '-'");
        }
        Installation installation = Installation.parse(p.path("installation").asString("trench")).orElse(null);
        if (installation == null) {
            reasons.add("installation must be trench or borehole");
        }
        Compensation compensation = Compensation.parse(p.path("compensation").asString("none")).orElse(null);
        if (compensation == null) {
            reasons.add("compensation must be none, temperature or reference-fiber");
        }
        double fiberLength = number(p, "fiberLengthM", Double.NaN, reasons);
        if (!(fiberLength > 0 && fiberLength <= 200_000)) {
            reasons.add("fiberLengthM must be between 0 and 200000 m");
        }
        double coupling = number(p, "couplingCoefficient", 1.0, reasons);
        if (!(coupling > 0 && coupling <= 1)) {
            reasons.add("couplingCoefficient must be in (0, 1]; got " + coupling);
        }
        double tempCoefficient = number(p, "tempCoefficientUePerC", 20.0, reasons);
        Double baselineTemperature = p.has("baselineTemperatureC") ? number(p, "baselineTemperatureC", Double.NaN, reasons) : null;
        if (compensation == Compensation.TEMPERATURE && baselineTemperature == null) {
            reasons.add("compensation 'temperature' needs baselineTemperatureC (ground temperature at tare time)");
        }
        Double depth = p.has("depthM") ? number(p, "depthM", Double.NaN, reasons) : null;
        OffsetDateTime baselineTime = time(p, "baselineTime", reasons);
        Long interval = null;
        if (p.hasNonNull("readingIntervalSeconds")) {
            JsonNode n = p.get("readingIntervalSeconds");
            if (!n.isIntegralNumber() || n.asLong() <= 0 || n.asLong() > 31_622_400) {
                reasons.add("readingIntervalSeconds must be a whole number of seconds from 1 to 31622400 (366 d); got " + n);
            } else {
                interval = n.asLong();
            }
        }
        Geometry geometry = geometry(feature.path("geometry"), installation, depth, crs, reasons);
        if (!reasons.isEmpty()) {
            return new Result(null, reasons.stream().map(r -> new FeatureError(index, code, r)).toList());
        }
        String channel = p.path("channel").isString() ? p.path("channel").asString() : null;
        String fiberType = p.path("fiberType").asString("tight-buffered");
        return new Result(new CableDraft(code, channel, installation, geometry, crs.srid(), depth, fiberLength, fiberType,
                coupling, compensation, tempCoefficient, baselineTemperature, baselineTime, interval), List.of());
    }

    private static Geometry geometry(JsonNode node, Installation installation, Double depth, SupportedCrs crs, List<String> reasons) {
        if (installation == null) {
            return null;
        }
        Geometry g;
        try {
            g = GeoJsonGeometry.read(node.toString());
        } catch (IllegalArgumentException e) {
            reasons.add("geometry: " + e.getMessage());
            return null;
        }
        if (installation == Installation.TRENCH && !(g instanceof LineString)) {
            reasons.add("a trench cable needs a LineString route; got " + g.getGeometryType());
            return null;
        }
        if (installation == Installation.BOREHOLE) {
            if (!(g instanceof Point)) {
                reasons.add("a borehole cable needs the Point of the borehole top; got " + g.getGeometryType());
                return null;
            }
            if (depth == null || !(depth > 0)) {
                reasons.add("a borehole cable needs depthM > 0");
            }
        }
        GeoJsonGeometry.checkRange(g, crs).map(GeometryProblem::describe).ifPresent(reasons::add);
        if (g instanceof LineString line && (line.getLength() == 0 || !new IsSimpleOp(line).isSimple())) {
            reasons.add(line.getLength() == 0 ? "route has zero length"
                    : "route crosses itself at " + new IsSimpleOp(line).getNonSimpleLocation()
                            + "; split it into cables, or describe a turn-around with the calibration");
        }
        return g;
    }

    private static double number(JsonNode p, String field, double fallback, List<String> reasons) {
        JsonNode n = p.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return fallback;
        }
        if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
            reasons.add(field + " must be a finite number; got " + n);
            return Double.NaN;
        }
        return n.asDouble();
    }

    private static OffsetDateTime time(JsonNode p, String field, List<String> reasons) {
        String text = p.path(field).asString(null);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            OffsetDateTime t = OffsetDateTime.parse(text);
            if (!RequestTime.accepts(t.toInstant())) {
                reasons.add(RequestTime.outOfRange(field, text));
                return null;
            }
            return t;
        } catch (DateTimeParseException e) {
            reasons.add(field + " '" + text + "' is not an ISO-8601 date-time with offset");
            return null;
        }
    }
}
