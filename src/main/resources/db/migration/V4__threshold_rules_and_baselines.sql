-- Threshold rules (per project, phase or parcel; the most specific wins) and baselines of cumulative metrics.

CREATE TABLE threshold_rule (
    id                      bigint GENERATED ALWAYS AS IDENTITY,
    project_id              bigint  NOT NULL,
    phase_id                bigint,
    parcel_id               bigint,
    name                    text    NOT NULL,
    metric                  text    NOT NULL,
    statistic               text    NOT NULL,
    statistic_parameter     double precision,
    window_seconds          bigint  NOT NULL,
    unit                    text    NOT NULL,
    level_mode              text    NOT NULL DEFAULT 'absolute',
    control_value           double precision,
    blue                    double precision,
    yellow                  double precision,
    orange                  double precision,
    red                     double precision,
    hysteresis_fraction     double precision NOT NULL DEFAULT 0.1,
    pending_evaluations     integer NOT NULL DEFAULT 1,
    pending_seconds         bigint,
    no_data_after_seconds   bigint  NOT NULL DEFAULT 86400,
    spike_filter            boolean NOT NULL DEFAULT true,
    enabled                 boolean NOT NULL DEFAULT true,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT threshold_rule_pk PRIMARY KEY (id),
    CONSTRAINT threshold_rule_project_fk FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE,
    CONSTRAINT threshold_rule_phase_fk FOREIGN KEY (phase_id, project_id) REFERENCES phase (id, project_id) ON DELETE CASCADE,
    CONSTRAINT threshold_rule_parcel_fk FOREIGN KEY (parcel_id) REFERENCES parcel (id) ON DELETE CASCADE,
    CONSTRAINT threshold_rule_one_scope_ck CHECK (phase_id IS NULL OR parcel_id IS NULL),
    CONSTRAINT threshold_rule_metric_ck CHECK (metric IN ('fiber_strain', 'fiber_strain_rate', 'settlement', 'settlement_rate',
        'tilt', 'curvature', 'fiber_temperature')),
    CONSTRAINT threshold_rule_statistic_ck CHECK (statistic IN ('max_abs', 'max', 'min', 'mean', 'percentile', 'length_over')),
    CONSTRAINT threshold_rule_window_ck CHECK (window_seconds > 0),
    CONSTRAINT threshold_rule_level_mode_ck CHECK (level_mode IN ('absolute', 'percent')),
    CONSTRAINT threshold_rule_some_level_ck CHECK (COALESCE(blue, yellow, orange, red) IS NOT NULL),
    CONSTRAINT threshold_rule_hysteresis_ck CHECK (hysteresis_fraction >= 0 AND hysteresis_fraction < 0.5),
    CONSTRAINT threshold_rule_pending_ck CHECK (pending_evaluations >= 1 AND (pending_seconds IS NULL OR pending_seconds >= 0)),
    CONSTRAINT threshold_rule_no_data_ck CHECK (no_data_after_seconds > 0)
);
CREATE INDEX threshold_rule_project_ix ON threshold_rule (project_id);

-- Cumulative metrics count from the newest baseline of their parcel (or cable); older ones stay as history.
CREATE TABLE metric_baseline (
    id          bigint GENERATED ALWAYS AS IDENTITY,
    project_id  bigint NOT NULL,
    parcel_id   bigint,
    cable_id    bigint,
    metric      text   NOT NULL,
    taken_at    timestamptz NOT NULL,
    note        text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT metric_baseline_pk PRIMARY KEY (id),
    CONSTRAINT metric_baseline_project_fk FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE,
    CONSTRAINT metric_baseline_parcel_fk FOREIGN KEY (parcel_id) REFERENCES parcel (id) ON DELETE CASCADE,
    CONSTRAINT metric_baseline_cable_fk FOREIGN KEY (cable_id) REFERENCES cable (id) ON DELETE CASCADE,
    CONSTRAINT metric_baseline_one_subject_ck CHECK ((parcel_id IS NULL) <> (cable_id IS NULL)),
    CONSTRAINT metric_baseline_metric_ck CHECK (metric IN ('fiber_strain', 'settlement'))
);
CREATE INDEX metric_baseline_subject_ix ON metric_baseline (parcel_id, cable_id, metric, taken_at DESC);

CREATE TRIGGER threshold_rule_audit_tg AFTER INSERT OR UPDATE OR DELETE ON threshold_rule FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER metric_baseline_audit_tg AFTER INSERT OR UPDATE OR DELETE ON metric_baseline FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE FUNCTION metric_baseline_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'baselines are history: add a new one instead of changing %', OLD.id USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER metric_baseline_append_only_tg BEFORE UPDATE ON metric_baseline FOR EACH ROW EXECUTE FUNCTION metric_baseline_append_only();
