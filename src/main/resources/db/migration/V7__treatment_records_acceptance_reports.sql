-- Treatment records (boreholes with directional surveys, QA tests), acceptance criteria, recorded
-- acceptance decisions and stored reports.

CREATE TABLE borehole (
    id                  bigint GENERATED ALWAYS AS IDENTITY,
    project_id          bigint NOT NULL,
    parcel_id           bigint,
    code                text   NOT NULL,
    hole_type           text   NOT NULL,
    hole_order          smallint,
    collar              geometry(Point, 4490) NOT NULL,
    collar_elevation_m  double precision,
    -- computed from the survey stations (minimum curvature): x/y EPSG:4548 metres, z = elevation change
    -- from the collar (negative downward); the surface trace is its plan view in the storage CRS
    path                geometry(LineStringZ, 4548) NOT NULL,
    surface_trace       geometry(LineString, 4490) NOT NULL,
    measured_depth_m    double precision NOT NULL,
    vertical_depth_m    double precision NOT NULL,
    depth_to_goaf_m     double precision,
    drilled_from        date,
    drilled_to          date,
    grouted_on          date,
    grout_take_m3       double precision,
    waste_share         double precision,
    grout_pressure_mpa  double precision,
    notes               text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT borehole_pk PRIMARY KEY (id),
    CONSTRAINT borehole_project_fk FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE,
    CONSTRAINT borehole_parcel_fk FOREIGN KEY (parcel_id) REFERENCES parcel (id) ON DELETE SET NULL,
    CONSTRAINT borehole_code_per_project_uq UNIQUE (project_id, code),
    CONSTRAINT borehole_code_format_ck CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    CONSTRAINT borehole_type_ck CHECK (hole_type IN ('grouting', 'check', 'curtain', 'monitoring')),
    CONSTRAINT borehole_order_ck CHECK (hole_order BETWEEN 1 AND 3),
    CONSTRAINT borehole_depths_ck CHECK (measured_depth_m > 0 AND measured_depth_m <= 2000 AND vertical_depth_m <= measured_depth_m + 1e-6
        AND (depth_to_goaf_m IS NULL OR (depth_to_goaf_m > 0 AND depth_to_goaf_m <= measured_depth_m + 1e-6))),
    CONSTRAINT borehole_dates_ck CHECK (drilled_to IS NULL OR drilled_from IS NULL OR drilled_to >= drilled_from),
    CONSTRAINT borehole_grout_ck CHECK ((grout_take_m3 IS NULL OR grout_take_m3 >= 0) AND (waste_share IS NULL OR waste_share BETWEEN 0 AND 1)
        AND (grout_pressure_mpa IS NULL OR grout_pressure_mpa BETWEEN 0 AND 50))
);
CREATE INDEX borehole_collar_gix ON borehole USING gist (collar);
CREATE INDEX borehole_trace_gix ON borehole USING gist (surface_trace);
CREATE INDEX borehole_parcel_ix ON borehole (parcel_id);

-- Directional survey: measured depth along the hole, inclination from vertical, azimuth from grid north.
CREATE TABLE borehole_station (
    borehole_id      bigint NOT NULL,
    md_m             double precision NOT NULL,
    inclination_deg  double precision NOT NULL,
    azimuth_deg      double precision NOT NULL,
    CONSTRAINT borehole_station_pk PRIMARY KEY (borehole_id, md_m),
    CONSTRAINT borehole_station_borehole_fk FOREIGN KEY (borehole_id) REFERENCES borehole (id) ON DELETE CASCADE,
    CONSTRAINT borehole_station_ranges_ck CHECK (md_m >= 0 AND inclination_deg BETWEEN 0 AND 180 AND azimuth_deg >= 0 AND azimuth_deg < 360)
);

CREATE TABLE qa_test (
    id                bigint GENERATED ALWAYS AS IDENTITY,
    project_id        bigint NOT NULL,
    borehole_id       bigint,
    parcel_id         bigint,
    code              text   NOT NULL,
    test_type         text   NOT NULL,
    tested_on         date   NOT NULL,
    fluid_loss        text,
    reinjection_m3    double precision,
    core_strength_mpa double precision,
    wave_velocity_ms  double precision,
    defect_found      boolean,
    notes             text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT qa_test_pk PRIMARY KEY (id),
    CONSTRAINT qa_test_project_fk FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE,
    CONSTRAINT qa_test_borehole_fk FOREIGN KEY (borehole_id) REFERENCES borehole (id) ON DELETE CASCADE,
    CONSTRAINT qa_test_parcel_fk FOREIGN KEY (parcel_id) REFERENCES parcel (id) ON DELETE CASCADE,
    CONSTRAINT qa_test_code_per_project_uq UNIQUE (project_id, code),
    CONSTRAINT qa_test_code_format_ck CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    CONSTRAINT qa_test_linked_ck CHECK (borehole_id IS NOT NULL OR parcel_id IS NOT NULL),
    CONSTRAINT qa_test_type_ck CHECK (test_type IN ('check_hole', 'core_strength', 'wave_velocity', 'borehole_tv')),
    CONSTRAINT qa_test_values_ck CHECK (
        (test_type = 'check_hole' AND fluid_loss IN ('none', 'minor', 'major') AND reinjection_m3 >= 0)
        OR (test_type = 'core_strength' AND core_strength_mpa > 0 AND core_strength_mpa < 200)
        OR (test_type = 'wave_velocity' AND wave_velocity_ms > 0 AND wave_velocity_ms < 8000)
        OR (test_type = 'borehole_tv' AND defect_found IS NOT NULL))
);
CREATE INDEX qa_test_parcel_ix ON qa_test (parcel_id);

-- One criteria set per project (JSON validated by the service; absent: the defaults from the codes).
CREATE TABLE acceptance_criteria (
    project_id  bigint NOT NULL,
    criteria    jsonb  NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT acceptance_criteria_pk PRIMARY KEY (project_id),
    CONSTRAINT acceptance_criteria_project_fk FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE
);

-- The explicit, recorded decision of the panel: the only way a parcel or phase becomes accepted/rejected.
CREATE TABLE acceptance_decision (
    id           bigint GENERATED ALWAYS AS IDENTITY,
    project_id   bigint NOT NULL,
    phase_id     bigint NOT NULL,
    parcel_id    bigint,
    decision     text   NOT NULL,
    comment      text   NOT NULL,
    decided_by   text   NOT NULL,
    decided_at   timestamptz NOT NULL DEFAULT now(),
    verdict      jsonb  NOT NULL,
    report_id    bigint,
    CONSTRAINT acceptance_decision_pk PRIMARY KEY (id),
    CONSTRAINT acceptance_decision_project_fk FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE,
    CONSTRAINT acceptance_decision_phase_fk FOREIGN KEY (phase_id) REFERENCES phase (id) ON DELETE CASCADE,
    CONSTRAINT acceptance_decision_parcel_fk FOREIGN KEY (parcel_id) REFERENCES parcel (id) ON DELETE CASCADE,
    CONSTRAINT acceptance_decision_ck CHECK (decision IN ('accepted', 'rejected')),
    CONSTRAINT acceptance_decision_comment_ck CHECK (length(btrim(comment)) > 0)
);

-- Every generated report, byte for byte, with what it was made from and a SHA-256 to verify a copy.
CREATE TABLE report (
    id            bigint GENERATED ALWAYS AS IDENTITY,
    project_id    bigint NOT NULL,
    phase_id      bigint NOT NULL,
    format        text   NOT NULL,
    language      text   NOT NULL,
    data_from     timestamptz NOT NULL,
    data_to       timestamptz NOT NULL,
    sha256        text   NOT NULL,
    size_bytes    bigint NOT NULL,
    content       bytea  NOT NULL,
    verdict       text   NOT NULL,
    generated_by  text   NOT NULL,
    generated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT report_pk PRIMARY KEY (id),
    CONSTRAINT report_project_fk FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE,
    CONSTRAINT report_phase_fk FOREIGN KEY (phase_id) REFERENCES phase (id) ON DELETE CASCADE,
    CONSTRAINT report_format_ck CHECK (format IN ('pdf', 'json', 'xlsx', 'csv')),
    CONSTRAINT report_language_ck CHECK (language IN ('zh', 'en')),
    CONSTRAINT report_range_ck CHECK (data_to >= data_from)
);
CREATE INDEX report_sha256_ix ON report (sha256);
ALTER TABLE acceptance_decision ADD CONSTRAINT acceptance_decision_report_fk FOREIGN KEY (report_id) REFERENCES report (id) ON DELETE SET NULL;

CREATE FUNCTION record_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are never changed (id %)', TG_TABLE_NAME, OLD.id USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER acceptance_decision_immutable_tg BEFORE UPDATE ON acceptance_decision FOR EACH ROW
    WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION record_is_immutable();
CREATE TRIGGER report_immutable_tg BEFORE UPDATE ON report FOR EACH ROW
    WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION record_is_immutable();

CREATE TRIGGER borehole_audit_tg AFTER INSERT OR UPDATE OR DELETE ON borehole FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER qa_test_audit_tg AFTER INSERT OR UPDATE OR DELETE ON qa_test FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER acceptance_criteria_audit_tg AFTER INSERT OR UPDATE OR DELETE ON acceptance_criteria FOR EACH ROW
    EXECUTE FUNCTION audit_row('project_id');
CREATE TRIGGER acceptance_decision_audit_tg AFTER INSERT OR UPDATE OR DELETE ON acceptance_decision FOR EACH ROW EXECUTE FUNCTION audit_row('id');

-- boreholes are a map layer too
INSERT INTO map_layer_version (layer) VALUES ('boreholes');
CREATE TRIGGER borehole_map_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON borehole
    FOR EACH STATEMENT EXECUTE FUNCTION bump_map_layers('boreholes');

-- borehole geometries read as GeoJSON in the audit trail like the others; reports' bytes stay out of it
CREATE OR REPLACE FUNCTION audit_image(row_json jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    k text;
    j jsonb := row_json - 'password_hash' - 'token_hash' - 'area_m2' - 'area_mu' - 'route_length_m' - 'content';
BEGIN
    IF j IS NULL THEN
        RETURN NULL;
    END IF;
    IF j ? 'secret' AND j->>'secret' IS NOT NULL THEN
        j := jsonb_set(j, ARRAY['secret'], to_jsonb('sha256:' || encode(sha256(convert_to(j->>'secret', 'UTF8')), 'hex')));
    END IF;
    FOREACH k IN ARRAY ARRAY['geom', 'route', 'top_point', 'location', 'collar', 'surface_trace', 'path'] LOOP
        IF j ? k AND j->>k IS NOT NULL THEN
            j := jsonb_set(j, ARRAY[k], ST_AsGeoJSON((j->>k)::geometry, 9)::jsonb);
        END IF;
    END LOOP;
    RETURN j;
END $$;
