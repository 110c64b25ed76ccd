package com.goafwatch.fiber;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** GeoJSON Features of cables (CRS84), optionally with calibration and parcel intervals. */
@Component
class CableFeatures {

    private final ObjectMapper mapper;
    private final CableRepository cables;
    private final JdbcClient jdbc;

    CableFeatures(ObjectMapper mapper, CableRepository cables, JdbcClient jdbc) {
        this.mapper = mapper;
        this.cables = cables;
        this.jdbc = jdbc;
    }

    ObjectNode collection(List<Cable> list) {
        ObjectNode fc = mapper.createObjectNode();
        fc.put("type", "FeatureCollection");
        ArrayNode items = fc.putArray("features");
        list.forEach(c -> items.add(feature(c)));
        return fc;
    }

    ObjectNode feature(Cable c) {
        ObjectNode f = mapper.createObjectNode();
        f.put("type", "Feature");
        f.put("id", c.id());
        ObjectNode p = f.putObject("properties");
        p.put("code", c.code());
        p.put("projectId", c.projectId());
        p.put("channel", c.channel());
        p.put("installation", c.installation().dbValue());
        p.put("fiberLengthM", c.fiberLengthM());
        p.put("routeLengthM", Math.round(c.routeLengthM() * 1000) / 1000.0);
        p.put("fiberType", c.fiberType());
        p.put("couplingCoefficient", c.couplingCoefficient());
        p.put("compensation", c.compensation().dbValue());
        p.put("tempCoefficientUePerC", c.tempCoefficientUePerC());
        p.put("baselineTemperatureC", c.baselineTemperatureC());
        p.put("baselineTime", c.baselineTime() == null ? null : c.baselineTime().toString());
        p.put("readingIntervalSeconds", c.readingIntervalSeconds());
        p.put("expectedIntervalSeconds", c.expectedIntervalSeconds());
        f.set("geometry", mapper.readTree(cables.geometryGeoJson(c.id())));
        return f;
    }

    ObjectNode detailed(Cable c) {
        ObjectNode f = feature(c);
        ObjectNode p = (ObjectNode) f.get("properties");
        ArrayNode calibration = p.putArray("calibration");
        for (Calibration.Point point : cables.calibration(c).points()) {
            calibration.addObject().put("fiberDistanceM", point.fiberDistanceM()).put("chainageM", point.chainageM());
        }
        ArrayNode intervals = p.putArray("intervals");
        jdbc.sql("SELECT i.fiber_from_m, i.fiber_to_m, i.chainage_from_m, i.chainage_to_m, i.parcel_id, p.code "
                + "FROM cable_parcel_interval i LEFT JOIN parcel p ON p.id = i.parcel_id WHERE i.cable_id = ? ORDER BY i.fiber_from_m")
                .param(c.id()).query(rs -> {
                    ObjectNode i = intervals.addObject();
                    i.put("fiberFromM", round(rs.getDouble(1)));
                    i.put("fiberToM", round(rs.getDouble(2)));
                    i.put("chainageFromM", round(rs.getDouble(3)));
                    i.put("chainageToM", round(rs.getDouble(4)));
                    i.put("parcelId", (Long) rs.getObject(5));
                    i.put("parcelCode", rs.getString(6));
                });
        return f;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
