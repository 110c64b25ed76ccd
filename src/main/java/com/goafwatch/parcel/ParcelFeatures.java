package com.goafwatch.parcel;

import org.springframework.stereotype.Component;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** Builds GeoJSON Features of parcels. Areas are rounded to 0.01 m² / 0.0001 mu. */
@Component
class ParcelFeatures {

    private final ObjectMapper mapper;

    ParcelFeatures(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode feature(ParcelRow row) {
        ObjectNode feature = mapper.createObjectNode();
        feature.put("type", "Feature");
        feature.put("id", row.id());
        ObjectNode props = feature.putObject("properties");
        props.put("code", row.code());
        props.put("name", row.name());
        props.put("projectId", row.projectId());
        props.put("phaseId", row.phaseId());
        props.put("phase", row.phaseOrdinal());
        props.put("landUse", row.landUse());
        props.put("status", row.status());
        props.put("flagLevel", row.flagLevel());
        props.put("areaMu", Math.round(row.areaMu() * 10_000) / 10_000.0);
        props.put("areaM2", Math.round(row.areaM2() * 100) / 100.0);
        props.put("updatedAt", String.valueOf(row.updatedAt()));
        if (row.geometryJson() == null) {
            feature.putNull("geometry"); // asked for without geometry (skipGeometry): GeoJSON allows a null geometry
        } else {
            feature.set("geometry", mapper.readTree(row.geometryJson()));
        }
        return feature;
    }

    ObjectNode object() {
        return mapper.createObjectNode();
    }

    ObjectNode collection() {
        ObjectNode fc = mapper.createObjectNode();
        fc.put("type", "FeatureCollection");
        return fc;
    }
}
