package com.goafwatch.ogc;

import static com.goafwatch.ogc.OgcProperty.filterable;
import static com.goafwatch.ogc.OgcProperty.plain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.goafwatch.parcel.ParcelLevelSql;

/**
 * The feature collections: where each reads its rows (alias {@code p} for the table whose
 * {@code project_id} scopes it), its geometry in EPSG:4490, the instant {@code datetime} filters on,
 * and its properties.
 */
enum OgcCollection {

    PHASES("phases", "Treatment phases", "Phases with the outline of their parcels, parcel count and area in mu.",
            // the union of the parcels, kept on write (V78 phase_outline): no row while a phase has no parcel
            "phase p LEFT JOIN phase_outline u ON u.phase_id = p.id JOIN project pr ON pr.id = p.project_id",
            "u.geom", "p.works_actual_start::timestamptz", List.of(
                    filterable("projectId", "p.project_id", "integer"),
                    filterable("project", "pr.code", "string"),
                    filterable("ordinal", "p.ordinal", "integer"),
                    plain("name", "p.name", "string"),
                    filterable("status", "p.status", "string"),
                    plain("parcelCount", "COALESCE(u.parcel_count, 0)", "integer"),
                    plain("areaMu", "round(COALESCE(u.area_mu, 0)::numeric, 3)", "number"),
                    plain("worksActualStart", "p.works_actual_start", "string"),
                    plain("worksActualEnd", "p.works_actual_end", "string"),
                    plain("acceptanceActual", "p.acceptance_actual", "string"))),

    PARCELS("parcels", "Remediation parcels", "Parcels with phase, status, area in mu and current flag level.",
            "parcel p JOIN phase ph ON ph.id = p.phase_id JOIN project pr ON pr.id = p.project_id",
            "p.geom", "p.updated_at", List.of(
                    filterable("projectId", "p.project_id", "integer"),
                    filterable("project", "pr.code", "string"),
                    filterable("code", "p.code", "string"),
                    filterable("phase", "ph.ordinal", "integer"),
                    filterable("phaseId", "p.phase_id", "integer"),
                    plain("name", "p.name", "string"),
                    filterable("landUse", "p.land_use", "string"),
                    filterable("status", "p.status", "string"),
                    plain("areaMu", "round(p.area_mu::numeric, 3)", "number"),
                    plain("areaM2", "round(p.area_m2::numeric, 2)", "number"),
                    filterable("flagLevel", ParcelLevelSql.EXPRESSION, "string"),
                    plain("updatedAt", "p.updated_at", "string"))),

    // one geometry type per collection (QGIS loads a layer of one type and hides the rest): trench cables as lines
    // here, borehole cables as the points of their tops in BOREHOLE_CABLES
    CABLES("cables", "Fiber-optic cables in trenches", "Trench cables along their mapped routes (LineString); cables in "
            + "boreholes are the collection borehole-cables.",
            "cable p JOIN project pr ON pr.id = p.project_id AND p.installation = 'trench'",
            "p.route", "p.created_at", cableProperties()),

    BOREHOLE_CABLES("borehole-cables", "Fiber-optic cables in boreholes", "Cables grouted into boreholes, at the top of the "
            + "hole (Point), with their depth.",
            "cable p JOIN project pr ON pr.id = p.project_id AND p.installation = 'borehole'",
            "p.top_point", "p.created_at", cableProperties()),

    MARKERS("markers", "Point sensors", "Settlement markers, tiltmeters, extensometers and piezometers.",
            "point_sensor p JOIN project pr ON pr.id = p.project_id LEFT JOIN parcel pc ON pc.id = p.parcel_id",
            "p.location", "p.installed_at", List.of(
                    filterable("projectId", "p.project_id", "integer"),
                    filterable("project", "pr.code", "string"),
                    filterable("code", "p.code", "string"),
                    filterable("sensorType", "p.sensor_type", "string"),
                    plain("unit", "p.unit", "string"),
                    filterable("parcel", "pc.code", "string"),
                    plain("installedAt", "p.installed_at", "string"))),

    // every hole once, at its collar (Point); the surface traces of directional holes are BOREHOLE_TRACES
    BOREHOLES("boreholes", "Boreholes", "Grouting, check, curtain and monitoring holes at their collars (Point), with treatment "
            + "figures; the surface traces of directional holes are the collection borehole-traces.",
            "borehole p JOIN project pr ON pr.id = p.project_id LEFT JOIN parcel pc ON pc.id = p.parcel_id LEFT JOIN phase ph ON ph.id = pc.phase_id",
            "p.collar", "p.grouted_on::timestamptz", boreholeProperties()),

    // a vertical section repeats its collar's position in plan: repeated vertices removed
    BOREHOLE_TRACES("borehole-traces", "Borehole traces", "Surface traces (plan view, LineString) of the directional holes, "
            + "those that leave their collar by more than 0.1 m; the same properties as boreholes.",
            "borehole p JOIN project pr ON pr.id = p.project_id AND ST_Length(ST_Force2D(p.path)) > 0.1 "
                    + "LEFT JOIN parcel pc ON pc.id = p.parcel_id LEFT JOIN phase ph ON ph.id = pc.phase_id",
            "ST_RemoveRepeatedPoints(p.surface_trace)", "p.grouted_on::timestamptz", boreholeProperties()),

    ALERTS("alerts", "Deformation alerts", "Alerts at their evidence location (else the parcel), with level, state and acknowledgement.",
            "alert p JOIN parcel pc ON pc.id = p.parcel_id JOIN phase ph ON ph.id = p.phase_id JOIN project pr ON pr.id = p.project_id",
            "COALESCE(ST_SetSRID(ST_MakePoint((p.evidence->>'lon')::float8, (p.evidence->>'lat')::float8), 4490), ST_PointOnSurface(pc.geom))",
            "p.raised_at", List.of(
                    filterable("projectId", "p.project_id", "integer"),
                    filterable("project", "pr.code", "string"),
                    filterable("parcel", "pc.code", "string"),
                    filterable("phase", "ph.ordinal", "integer"),
                    filterable("level", "p.level", "string"),
                    filterable("state", "p.state", "string"),
                    filterable("kind", "p.kind", "string"),
                    plain("ruleName", "p.rule_name", "string"),
                    filterable("metric", "p.metric", "string"),
                    plain("value", "p.value", "number"),
                    plain("threshold", "p.threshold", "number"),
                    plain("unit", "p.unit", "string"),
                    plain("raisedAt", "p.raised_at", "string"),
                    plain("acknowledgedAt", "p.acknowledged_at", "string"),
                    plain("acknowledgedBy", "p.acknowledged_by", "string"),
                    plain("clearedAt", "p.cleared_at", "string")));

    private static List<OgcProperty> cableProperties() {
        return List.of(
                filterable("projectId", "p.project_id", "integer"),
                filterable("project", "pr.code", "string"),
                filterable("code", "p.code", "string"),
                filterable("installation", "p.installation", "string"),
                plain("fiberLengthM", "p.fiber_length_m", "number"),
                plain("routeLengthM", "round(p.route_length_m::numeric, 2)", "number"),
                plain("depthM", "p.depth_m", "number"),
                plain("couplingCoefficient", "p.coupling_coefficient", "number"));
    }

    private static List<OgcProperty> boreholeProperties() {
        return List.of(
                filterable("projectId", "p.project_id", "integer"),
                filterable("project", "pr.code", "string"),
                filterable("code", "p.code", "string"),
                filterable("type", "p.hole_type", "string"),
                filterable("order", "p.hole_order", "integer"),
                filterable("parcel", "pc.code", "string"),
                filterable("phase", "ph.ordinal", "integer"),
                plain("measuredDepthM", "p.measured_depth_m", "number"),
                plain("verticalDepthM", "round(p.vertical_depth_m::numeric, 2)", "number"),
                plain("depthToGoafM", "p.depth_to_goaf_m", "number"),
                plain("groutTakeM3", "p.grout_take_m3", "number"),
                plain("wasteShare", "p.waste_share", "number"),
                plain("groutedOn", "p.grouted_on", "string"));
    }

    private final String id;
    private final String title;
    private final String description;
    private final String from;
    private final String geometry;
    private final String instant;
    private final List<OgcProperty> properties;

    OgcCollection(String id, String title, String description, String from, String geometry, String instant,
            List<OgcProperty> properties) {
        this.id = id;
        this.title = title;
        this.description = description;
        this.from = from;
        this.geometry = geometry;
        this.instant = instant;
        this.properties = properties;
    }

    String id() {
        return id;
    }

    String title() {
        return title;
    }

    String description() {
        return description;
    }

    String from() {
        return from;
    }

    String geometry() {
        return geometry;
    }

    /** The instant the {@code datetime} parameter compares with. */
    String instant() {
        return instant;
    }

    List<OgcProperty> properties() {
        return properties;
    }

    Optional<OgcProperty> filter(String name) {
        return properties.stream().filter(p -> p.filterable() && p.name().equals(name)).findFirst();
    }

    /**
     * The properties a CQL2 filter may name (Part 3 queryables): the equality filters and every number; not the
     * timestamps, whose text form would compare as text.
     */
    List<OgcProperty> queryables() {
        return properties.stream().filter(p -> p.filterable() || p.type().equals("number") || p.type().equals("integer")).toList();
    }

    Optional<OgcProperty> queryable(String name) {
        return queryables().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    static Optional<OgcCollection> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }
}
