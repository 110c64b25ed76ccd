package com.goafwatch.treatment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Boreholes as GeoJSON (CRS84): the surface trace of a deviated hole, the collar of a vertical one; the
 * single hole adds its survey stations and its 3-D path (EPSG:4548 metres, z below the collar).
 */
@Component
class BoreholeFeatures {

    static final String PROPERTIES = """
            json_build_object('code', b.code, 'projectId', b.project_id, 'parcelId', b.parcel_id, 'parcel', pc.code,
              'phase', ph.ordinal, 'type', b.hole_type, 'order', b.hole_order, 'collarElevationM', b.collar_elevation_m,
              'measuredDepthM', b.measured_depth_m, 'verticalDepthM', round(b.vertical_depth_m::numeric, 2),
              'horizontalDisplacementM', round(ST_Length(ST_Force2D(b.path))::numeric, 2), 'depthToGoafM', b.depth_to_goaf_m,
              'drilledFrom', b.drilled_from, 'drilledTo', b.drilled_to, 'groutedOn', b.grouted_on, 'groutTakeM3', b.grout_take_m3,
              'wasteShare', b.waste_share, 'groutPressureMpa', b.grout_pressure_mpa, 'notes', b.notes,
              'collarLon', round(ST_X(ST_Transform(b.collar, 4326))::numeric, 9), 'collarLat', round(ST_Y(ST_Transform(b.collar, 4326))::numeric, 9))""";
    // a hole vertical at first has two collar vertices in its surface trace (its path forced to 2D): drawn once
    static final String GEOMETRY = "CASE WHEN ST_Length(ST_Force2D(b.path)) > 0.1 THEN ST_RemoveRepeatedPoints(b.surface_trace) ELSE b.collar END";
    private static final String FROM = " FROM borehole b LEFT JOIN parcel pc ON pc.id = b.parcel_id LEFT JOIN phase ph ON ph.id = pc.phase_id";

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;

    BoreholeFeatures(JdbcClient jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    ObjectNode list(long projectId, Long phaseId, Long parcelId, String type) {
        List<Object> params = new ArrayList<>(List.of(projectId));
        StringBuilder where = new StringBuilder(" WHERE b.project_id = ?");
        if (phaseId != null) {
            where.append(" AND pc.phase_id = ?");
            params.add(phaseId);
        }
        if (parcelId != null) {
            where.append(" AND b.parcel_id = ?");
            params.add(parcelId);
        }
        if (type != null) {
            where.append(" AND b.hole_type = ?");
            params.add(type);
        }
        ObjectNode fc = mapper.createObjectNode().put("type", "FeatureCollection");
        ArrayNode features = fc.putArray("features");
        jdbc.sql("SELECT b.id, ST_AsGeoJSON(ST_Transform(" + GEOMETRY + ", 4326), 9, 0) AS g, " + PROPERTIES + "::text AS p" + FROM + where
                + " ORDER BY b.code").params(params).query(rs -> {
                    features.add(feature(rs.getLong("id"), rs.getString("g"), rs.getString("p")));
                });
        return fc;
    }

    Optional<ObjectNode> one(long id) {
        Optional<ObjectNode> f = jdbc.sql("SELECT b.id, ST_AsGeoJSON(ST_Transform(" + GEOMETRY + ", 4326), 9, 0) AS g, " + PROPERTIES
                + "::text AS p, ST_AsGeoJSON(b.path, 3, 0) AS path" + FROM + " WHERE b.id = ?").param(id).query((rs, i) -> {
                    ObjectNode feature = feature(rs.getLong("id"), rs.getString("g"), rs.getString("p"));
                    ((ObjectNode) feature.get("properties")).set("path3d", mapper.readTree(rs.getString("path")).get("coordinates"));
                    return feature;
                }).optional();
        f.ifPresent(feature -> {
            ArrayNode stations = ((ObjectNode) feature.get("properties")).putArray("stations");
            jdbc.sql("SELECT md_m, inclination_deg, azimuth_deg FROM borehole_station WHERE borehole_id = ? ORDER BY md_m").param(id)
                    .query(rs -> {
                        stations.addObject().put("mdM", rs.getDouble(1)).put("inclinationDeg", rs.getDouble(2)).put("azimuthDeg", rs.getDouble(3));
                    });
        });
        return f;
    }

    private ObjectNode feature(long id, String geometry, String properties) {
        ObjectNode f = mapper.createObjectNode().put("type", "Feature").put("id", id);
        f.set("geometry", mapper.readTree(geometry));
        f.set("properties", mapper.readTree(properties));
        return f;
    }
}
