-- Brillouin (BOTDA/BOTDR) settings of a cable, kept as history: the strain and temperature coefficients
-- of its fibers, and reference (baseline) traces of the Brillouin frequency shift. Strain is computed
-- against the newest of each; older rows stay as evidence of how earlier data were converted. Rows are
-- never changed (a correction is a new row); they go only with their cable.

CREATE TABLE brillouin_coefficients (
    id                               bigint GENERATED ALWAYS AS IDENTITY,
    project_id                       bigint NOT NULL,
    cable_id                         bigint NOT NULL,
    -- C_ε of the strain (tight-buffered) fiber, MHz per µε
    strain_mhz_per_ue                double precision NOT NULL,
    -- C_T of the strain fiber, MHz per °C
    temperature_mhz_per_c            double precision NOT NULL,
    -- C_T of the loose-tube reference fiber, MHz per °C (often equal to the strain fiber's)
    reference_temperature_mhz_per_c  double precision NOT NULL,
    note                             text,
    created_at                       timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT brillouin_coefficients_pk PRIMARY KEY (id),
    CONSTRAINT brillouin_coefficients_project_fk FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE,
    CONSTRAINT brillouin_coefficients_cable_fk FOREIGN KEY (cable_id) REFERENCES cable (id) ON DELETE CASCADE,
    CONSTRAINT brillouin_coefficients_strain_ck CHECK (strain_mhz_per_ue >= 0.01 AND strain_mhz_per_ue <= 0.2),
    CONSTRAINT brillouin_coefficients_temperature_ck CHECK (temperature_mhz_per_c >= 0.1 AND temperature_mhz_per_c <= 5),
    CONSTRAINT brillouin_coefficients_reference_ck CHECK (reference_temperature_mhz_per_c >= 0.1 AND reference_temperature_mhz_per_c <= 5)
);
CREATE INDEX brillouin_coefficients_cable_ix ON brillouin_coefficients (cable_id, id DESC);

CREATE TABLE brillouin_reference (
    id                      bigint GENERATED ALWAYS AS IDENTITY,
    project_id              bigint NOT NULL,
    cable_id                bigint NOT NULL,
    taken_at                timestamptz NOT NULL,
    -- absolute: the Brillouin frequency shift itself (~10.8 GHz at 1550 nm); relative: the change the
    -- interrogator already computed against its own reference
    shift_kind              text NOT NULL,
    sample_count            integer NOT NULL,
    first_distance_m        double precision NOT NULL,
    last_distance_m         double precision NOT NULL,
    has_reference_fiber     boolean NOT NULL,
    has_temperature         boolean NOT NULL,
    -- SHA-256 of the samples as stored (distance, shift, reference shift, temperature per line), so the
    -- audit trail pins the trace without copying it
    samples_sha256          text NOT NULL,
    note                    text,
    created_at              timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT brillouin_reference_pk PRIMARY KEY (id),
    CONSTRAINT brillouin_reference_project_fk FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE,
    CONSTRAINT brillouin_reference_cable_fk FOREIGN KEY (cable_id) REFERENCES cable (id) ON DELETE CASCADE,
    CONSTRAINT brillouin_reference_kind_ck CHECK (shift_kind IN ('absolute', 'relative')),
    CONSTRAINT brillouin_reference_count_ck CHECK (sample_count > 0),
    CONSTRAINT brillouin_reference_span_ck CHECK (last_distance_m >= first_distance_m)
);
CREATE INDEX brillouin_reference_cable_ix ON brillouin_reference (cable_id, id DESC);

CREATE TABLE brillouin_reference_sample (
    reference_id         bigint NOT NULL,
    distance_m           double precision NOT NULL,
    shift_mhz            double precision NOT NULL,
    reference_shift_mhz  double precision,
    temperature_c        double precision,
    CONSTRAINT brillouin_reference_sample_pk PRIMARY KEY (reference_id, distance_m),
    CONSTRAINT brillouin_reference_sample_reference_fk FOREIGN KEY (reference_id) REFERENCES brillouin_reference (id) ON DELETE CASCADE
);

CREATE TRIGGER brillouin_coefficients_audit_tg AFTER INSERT OR UPDATE OR DELETE ON brillouin_coefficients
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER brillouin_reference_audit_tg AFTER INSERT OR UPDATE OR DELETE ON brillouin_reference
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');

CREATE FUNCTION brillouin_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'Brillouin coefficients and reference traces are history (%): add a new one instead', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;
-- direct changes are refused; deleting the cable (a cascade, at trigger depth > 0) still removes them
CREATE TRIGGER brillouin_coefficients_append_only_tg BEFORE UPDATE OR DELETE ON brillouin_coefficients FOR EACH ROW
    WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION brillouin_history_append_only();
CREATE TRIGGER brillouin_reference_append_only_tg BEFORE UPDATE OR DELETE ON brillouin_reference FOR EACH ROW
    WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION brillouin_history_append_only();
CREATE TRIGGER brillouin_reference_sample_append_only_tg BEFORE UPDATE OR DELETE ON brillouin_reference_sample FOR EACH ROW
    WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION brillouin_history_append_only();
