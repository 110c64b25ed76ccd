-- Levelling: benchmarks of known height, and runs imported from digital-level raw files (Leica GSI,
-- Trimble DiNi). A run is a record of what was observed and how it was adjusted; it is never changed.
-- The marker heights it yields go to InfluxDB (settlement) through the spool, tagged with nothing new
-- but carrying the run id as a field.

CREATE TABLE levelling_benchmark (
    id           bigint GENERATED ALWAYS AS IDENTITY,
    project_id   bigint NOT NULL,
    code         text   NOT NULL,
    height_m     double precision NOT NULL,
    description  text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT levelling_benchmark_pk PRIMARY KEY (id),
    CONSTRAINT levelling_benchmark_project_fk FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE,
    CONSTRAINT levelling_benchmark_code_uq UNIQUE (project_id, code),
    CONSTRAINT levelling_benchmark_code_format_ck CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    CONSTRAINT levelling_benchmark_height_ck CHECK (height_m > -500 AND height_m < 9000)
);

CREATE TABLE levelling_run (
    id                  bigint GENERATED ALWAYS AS IDENTITY,
    project_id          bigint NOT NULL,
    observed_at         timestamptz NOT NULL,
    observer            text   NOT NULL,
    instrument          text   NOT NULL,
    file_format         text   NOT NULL,
    levelling_order     text   NOT NULL,
    terrain             text   NOT NULL,
    start_benchmark     text   NOT NULL,
    start_height_m      double precision NOT NULL,
    end_benchmark       text   NOT NULL,
    end_height_m        double precision NOT NULL,
    setups              integer NOT NULL,
    length_km           double precision NOT NULL,
    misclosure_mm       double precision NOT NULL,
    tolerance_mm        double precision NOT NULL,
    tolerance_rule      text   NOT NULL,
    distribution        text   NOT NULL,
    file_sha256         text   NOT NULL,
    spool_batch         bigint,
    created_at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT levelling_run_pk PRIMARY KEY (id),
    CONSTRAINT levelling_run_project_fk FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE,
    CONSTRAINT levelling_run_format_ck CHECK (file_format IN ('gsi8', 'gsi16', 'dini')),
    CONSTRAINT levelling_run_order_ck CHECK (levelling_order IN ('first', 'second', 'third', 'fourth')),
    CONSTRAINT levelling_run_terrain_ck CHECK (terrain IN ('plain', 'mountain')),
    CONSTRAINT levelling_run_distribution_ck CHECK (distribution IN ('distance', 'setups')),
    CONSTRAINT levelling_run_within_tolerance_ck CHECK (abs(misclosure_mm) <= tolerance_mm),
    CONSTRAINT levelling_run_observer_ck CHECK (length(btrim(observer)) > 0 AND length(observer) <= 200),
    CONSTRAINT levelling_run_instrument_ck CHECK (length(btrim(instrument)) > 0 AND length(instrument) <= 200)
);
CREATE INDEX levelling_run_project_ix ON levelling_run (project_id, observed_at DESC);

-- Every point of the run in observation order: benchmarks, turning points and settlement markers, with
-- the height carried from the start benchmark, the share of the misclosure it received and the result.
CREATE TABLE levelling_run_point (
    run_id                  bigint NOT NULL,
    seq                     integer NOT NULL,
    point_code              text   NOT NULL,
    kind                    text   NOT NULL,
    distance_from_start_m   double precision NOT NULL,
    observed_height_m       double precision NOT NULL,
    correction_mm           double precision NOT NULL,
    height_m                double precision NOT NULL,
    sensor_id               bigint,
    CONSTRAINT levelling_run_point_pk PRIMARY KEY (run_id, seq),
    CONSTRAINT levelling_run_point_run_fk FOREIGN KEY (run_id) REFERENCES levelling_run (id) ON DELETE CASCADE,
    CONSTRAINT levelling_run_point_sensor_fk FOREIGN KEY (sensor_id) REFERENCES point_sensor (id) ON DELETE SET NULL,
    CONSTRAINT levelling_run_point_kind_ck CHECK (kind IN ('benchmark', 'turning', 'marker'))
);

CREATE TRIGGER levelling_benchmark_audit_tg AFTER INSERT OR UPDATE OR DELETE ON levelling_benchmark
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER levelling_run_audit_tg AFTER INSERT OR UPDATE OR DELETE ON levelling_run
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');

CREATE FUNCTION levelling_run_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'levelling runs are records (%): import a new run instead of changing one', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER levelling_run_append_only_tg BEFORE UPDATE OR DELETE ON levelling_run FOR EACH ROW
    WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION levelling_run_append_only();
CREATE TRIGGER levelling_run_point_append_only_tg BEFORE UPDATE OR DELETE ON levelling_run_point FOR EACH ROW
    WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION levelling_run_append_only();
