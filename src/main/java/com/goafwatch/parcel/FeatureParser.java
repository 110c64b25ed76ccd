package com.goafwatch.parcel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import org.locationtech.jts.geom.Geometry;

import com.goafwatch.geo.PolygonChecks;
import com.goafwatch.geo.FeatureError;
import com.goafwatch.geo.SupportedCrs;

import tools.jackson.databind.JsonNode;

/**
 * Turns one GeoJSON Feature into a {@link ParcelDraft}, or into the list of everything wrong with it
 * (so a client fixes a file in one round, not one error per upload).
 */
final class FeatureParser {

    private static final String CODE_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private final SupportedCrs crs;
    /** Resolves a phase ordinal to the phase id, or null when the project has no such phase. */
    private final IntFunction<Long> phaseIdByOrdinal;
    /** Used when a feature has no {@code phase} property (single-parcel endpoints). */
    private final Long defaultPhaseId;
    /** True when the request path names the phase, so a different {@code phase} property is an error. */
    private final boolean phaseFixed;

    FeatureParser(SupportedCrs crs, IntFunction<Long> phaseIdByOrdinal, Long defaultPhaseId, boolean phaseFixed) {
        this.crs = crs;
        this.phaseIdByOrdinal = phaseIdByOrdinal;
        this.defaultPhaseId = defaultPhaseId;
        this.phaseFixed = phaseFixed;
    }

    record Result(ParcelDraft draft, List<FeatureError> errors) {
    }

    Result parse(int index, JsonNode feature) {
        List<String> reasons = new ArrayList<>();
        if (feature == null || !feature.isObject() || !"Feature".equals(feature.path("type").asString(""))) {
            return new Result(null, List.of(new FeatureError(index, null, "not a GeoJSON Feature (\"type\": \"Feature\" missing)")));
        }
        JsonNode props = feature.path("properties");
        String code = text(props, "code");
        if (code == null) {
            reasons.add("property 'code' is required");
        } else if (!code.matches(CODE_PATTERN)) {
            reasons.add("code '" + (code.length() > 70 ? code.substring(0, 70) + "…" : code) + "' must be 1-64 letters, digits, '.', '_' or '-'");
        }
        Long phaseId = phase(props, reasons);
        ParcelStatus status = status(props, reasons);
        String name = text(props, "name");
        String landUse = text(props, "landUse");
        if (name != null && name.length() > 200) {
            reasons.add("name is longer than 200 characters");
        }
        if (landUse != null && landUse.length() > 100) {
            reasons.add("landUse is longer than 100 characters");
        }
        Geometry geometry = geometry(feature.path("geometry"), reasons);
        if (!reasons.isEmpty()) {
            return new Result(null, reasons.stream().map(r -> new FeatureError(index, code, r)).toList());
        }
        return new Result(new ParcelDraft(index, code, name, landUse, status, phaseId, geometry, crs.srid()), List.of());
    }

    private Long phase(JsonNode props, List<String> reasons) {
        JsonNode phase = props.path("phase");
        if (phase.isMissingNode() || phase.isNull()) {
            if (defaultPhaseId == null) {
                reasons.add("property 'phase' (the phase ordinal, e.g. 1) is required");
            }
            return defaultPhaseId;
        }
        if (!phase.isIntegralNumber() && !(phase.isString() && phase.asString().matches("\\d{1,2}"))) {
            reasons.add("property 'phase' must be a phase ordinal such as 1; got " + phase);
            return null;
        }
        Long id = phaseIdByOrdinal.apply(phase.asInt());
        if (id == null) {
            reasons.add("unknown phase " + phase.asString() + ": the project has no phase with that ordinal");
        } else if (phaseFixed && !id.equals(defaultPhaseId)) {
            reasons.add("property 'phase' " + phase.asString() + " contradicts the phase in the request path");
        }
        return id;
    }

    private static ParcelStatus status(JsonNode props, List<String> reasons) {
        String text = text(props, "status");
        if (text == null) {
            return ParcelStatus.PLANNED;
        }
        return ParcelStatus.parse(text).orElseGet(() -> {
            reasons.add("status '" + text + "' is not one of " + ParcelStatus.allowedValues());
            return null;
        });
    }

    private Geometry geometry(JsonNode node, List<String> reasons) {
        if (node.isMissingNode() || node.isNull()) {
            reasons.add("geometry is missing");
            return null;
        }
        String type = node.path("type").asString("");
        if (!type.equals("Polygon") && !type.equals("MultiPolygon")) {
            reasons.add("wrong geometry type '" + type + "'; a parcel must be a Polygon or MultiPolygon");
            return null;
        }
        return PolygonChecks.read(node, crs, reasons);
    }

    private static String text(JsonNode props, String field) {
        JsonNode node = props.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        String value = node.isString() ? node.asString() : node.toString();
        return value.isBlank() ? null : value.trim();
    }
}
