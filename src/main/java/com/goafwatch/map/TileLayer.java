package com.goafwatch.map;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.goafwatch.parcel.ParcelLevelSql;

/**
 * The vector tile layers. Each selects its features inside the tile (alias {@code g}: {@code env} the tile in its tile
 * matrix set's CRS, to which the features are transformed; {@code env_geo} the tile grown by the 64-px buffer in the
 * storage CRS, so the spatial index is used and features lying only in the buffer are drawn)
 * with attributes named as in the GeoJSON API; {@code %s} takes the project filter.
 */
public enum TileLayer {

    PARCELS("parcels", "parcels", """
            SELECT p.id, p.code, ph.ordinal AS phase, p.status, round(p.area_mu::numeric, 3)::float8 AS "areaMu",
                   p.project_id AS "projectId", p.phase_id AS "phaseId", %2$s AS "flagLevel",
                   ST_AsMVTGeom(ST_Transform(p.geom, ST_SRID(g.env)), g.env, 4096, 64, true) AS geom
            FROM parcel p JOIN phase ph ON ph.id = p.phase_id, g
            WHERE p.geom && g.env_geo %1$s""".formatted("%1$s", ParcelLevelSql.EXPRESSION),
            "Parcels with their current flag level", 2, fields("code", "String", "phase", "Number", "status", "String", "areaMu", "Number",
                    "projectId", "Number", "phaseId", "Number", "flagLevel", "String")),

    CABLES("cables", "cables", """
            SELECT c.id, c.code, c.installation, round(c.fiber_length_m::numeric, 1)::float8 AS "fiberLengthM",
                   c.project_id AS "projectId",
                   ST_AsMVTGeom(ST_Transform(COALESCE(c.route, c.top_point), ST_SRID(g.env)), g.env, 4096, 64, true) AS geom
            FROM cable c, g
            WHERE COALESCE(c.route, c.top_point) && g.env_geo %1$s""",
            // trench routes are lines, borehole cables the points of their tops: no single dimension
            "Fiber-optic cables (trench routes and borehole tops)", null, fields("code", "String", "installation", "String",
                    "fiberLengthM", "Number", "projectId", "Number")),

    MARKERS("markers", "markers", """
            SELECT m.id, m.code, m.sensor_type AS "sensorType", m.unit, m.parcel_id AS "parcelId", m.project_id AS "projectId",
                   ST_AsMVTGeom(ST_Transform(m.location, ST_SRID(g.env)), g.env, 4096, 64, true) AS geom
            FROM point_sensor m, g
            WHERE m.location && g.env_geo %1$s""",
            "Point sensors", 0, fields("code", "String", "sensorType", "String", "unit", "String", "parcelId", "Number",
                    "projectId", "Number"));

    private final String urlName;
    private final String versionKey;
    private final String featureSql;
    private final String title;
    private final Integer geometryDimension;
    private final Map<String, String> fields;

    TileLayer(String urlName, String versionKey, String featureSql, String title, Integer geometryDimension, Map<String, String> fields) {
        this.urlName = urlName;
        this.versionKey = versionKey;
        this.featureSql = featureSql;
        this.title = title;
        this.geometryDimension = geometryDimension;
        this.fields = fields;
    }

    private static Map<String, String> fields(String... nameType) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameType.length; i += 2) {
            m.put(nameType[i], nameType[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    public String title() {
        return title;
    }

    /** 0 points, 1 lines, 2 polygons; null when the layer mixes them. */
    public Integer geometryDimension() {
        return geometryDimension;
    }

    /** The attributes of its features (besides the feature id) and their TileJSON types: String or Number. */
    public Map<String, String> fields() {
        return fields;
    }

    public String urlName() {
        return urlName;
    }

    /** Row of {@code map_layer_version} whose version changes whenever this layer's content does. */
    String versionKey() {
        return versionKey;
    }

    /** Alias of the project id column in {@link #featureSql}. */
    String projectColumn() {
        return switch (this) {
            case PARCELS -> "p.project_id";
            case CABLES -> "c.project_id";
            case MARKERS -> "m.project_id";
        };
    }

    String featureSql(String projectFilter) {
        return featureSql.formatted(projectFilter);
    }

    public static Optional<TileLayer> byUrlName(String name) {
        return Arrays.stream(values()).filter(l -> l.urlName.equals(name)).findFirst();
    }
}
