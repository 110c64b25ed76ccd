-- Distributed fiber-optic sensing: cables, their fiber-distance → route-chainage calibration, the
-- precomputed fiber intervals that lie in each parcel, and point sensors (settlement markers...).

CREATE TABLE cable (
    id                       bigint GENERATED ALWAYS AS IDENTITY,
    project_id               bigint NOT NULL,
    code                     text   NOT NULL,
    channel                  text,
    installation             text   NOT NULL,
    -- trench: the mapped route; borehole: NULL (top_point and depth_m instead)
    route                    geometry(LineString, 4490),
    top_point                geometry(Point, 4490),
    depth_m                  double precision,
    route_length_m           double precision GENERATED ALWAYS AS (ST_Length(ST_Transform(route, 4548))) STORED,
    fiber_length_m           double precision NOT NULL,
    fiber_type               text   NOT NULL DEFAULT 'tight-buffered',
    coupling_coefficient     double precision NOT NULL DEFAULT 1.0,
    compensation             text   NOT NULL DEFAULT 'none',
    temp_coefficient_ue_per_c double precision NOT NULL DEFAULT 20.0,
    baseline_temperature_c   double precision,
    baseline_time            timestamptz,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT cable_pk PRIMARY KEY (id),
    CONSTRAINT cable_project_fk FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE,
    CONSTRAINT cable_code_per_project_uq UNIQUE (project_id, code),
    CONSTRAINT cable_code_format_ck CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    CONSTRAINT cable_installation_ck CHECK (installation IN ('trench', 'borehole')),
    CONSTRAINT cable_geometry_ck CHECK (
        (installation = 'trench' AND route IS NOT NULL AND ST_IsValid(route) AND NOT ST_IsEmpty(route))
        OR (installation = 'borehole' AND top_point IS NOT NULL AND depth_m > 0)),
    CONSTRAINT cable_fiber_length_ck CHECK (fiber_length_m > 0 AND fiber_length_m <= 200000),
    CONSTRAINT cable_coupling_ck CHECK (coupling_coefficient > 0 AND coupling_coefficient <= 1.0),
    CONSTRAINT cable_compensation_ck CHECK (compensation IN ('none', 'temperature', 'reference-fiber')),
    CONSTRAINT cable_temperature_compensation_ck CHECK (compensation <> 'temperature' OR baseline_temperature_c IS NOT NULL)
);
CREATE INDEX cable_route_gix ON cable USING gist (route);

-- Piecewise-linear map from fiber distance (what the interrogator reports) to chainage along the
-- mapped route (trench) or depth (borehole). Fiber distance strictly increases; chainage may stand
-- still (slack loop) or run backwards (turn-around).
CREATE TABLE cable_calibration_point (
    cable_id          bigint NOT NULL,
    seq               integer NOT NULL,
    fiber_distance_m  double precision NOT NULL,
    chainage_m        double precision NOT NULL,
    note              text,
    CONSTRAINT cable_calibration_point_pk PRIMARY KEY (cable_id, seq),
    CONSTRAINT cable_calibration_cable_fk FOREIGN KEY (cable_id) REFERENCES cable (id) ON DELETE CASCADE,
    CONSTRAINT cable_calibration_distance_uq UNIQUE (cable_id, fiber_distance_m),
    CONSTRAINT cable_calibration_values_ck CHECK (fiber_distance_m >= 0 AND chainage_m >= 0)
);

-- Fiber-distance intervals of a cable lying in one parcel (parcel_id NULL: mapped but outside every
-- parcel). Derived data, rebuilt whenever a cable, its calibration or a parcel geometry changes.
CREATE TABLE cable_parcel_interval (
    cable_id         bigint NOT NULL,
    fiber_from_m     double precision NOT NULL,
    fiber_to_m       double precision NOT NULL,
    chainage_from_m  double precision NOT NULL,
    chainage_to_m    double precision NOT NULL,
    parcel_id        bigint,
    CONSTRAINT cable_parcel_interval_cable_fk FOREIGN KEY (cable_id) REFERENCES cable (id) ON DELETE CASCADE,
    CONSTRAINT cable_parcel_interval_parcel_fk FOREIGN KEY (parcel_id) REFERENCES parcel (id) ON DELETE CASCADE,
    CONSTRAINT cable_parcel_interval_order_ck CHECK (fiber_to_m >= fiber_from_m)
);
CREATE INDEX cable_parcel_interval_ix ON cable_parcel_interval (cable_id, fiber_from_m);
CREATE INDEX cable_parcel_interval_parcel_ix ON cable_parcel_interval (parcel_id);

CREATE TABLE point_sensor (
    id                    bigint GENERATED ALWAYS AS IDENTITY,
    project_id            bigint NOT NULL,
    code                  text   NOT NULL,
    sensor_type           text   NOT NULL,
    unit                  text   NOT NULL,
    location              geometry(Point, 4490) NOT NULL,
    parcel_id             bigint,
    baseline_elevation_m  double precision,
    installed_at          timestamptz,
    created_at            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT point_sensor_pk PRIMARY KEY (id),
    CONSTRAINT point_sensor_project_fk FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE,
    CONSTRAINT point_sensor_parcel_fk FOREIGN KEY (parcel_id) REFERENCES parcel (id) ON DELETE SET NULL,
    CONSTRAINT point_sensor_code_per_project_uq UNIQUE (project_id, code),
    CONSTRAINT point_sensor_code_format_ck CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    CONSTRAINT point_sensor_type_ck CHECK (sensor_type IN ('settlement-marker', 'tiltmeter', 'extensometer', 'piezometer')),
    CONSTRAINT point_sensor_unit_ck CHECK (
        (sensor_type = 'settlement-marker' AND unit = 'mm') OR (sensor_type = 'tiltmeter' AND unit = 'mm/m')
        OR (sensor_type = 'extensometer' AND unit = 'mm') OR (sensor_type = 'piezometer' AND unit = 'kPa'))
);
CREATE INDEX point_sensor_location_gix ON point_sensor USING gist (location);
