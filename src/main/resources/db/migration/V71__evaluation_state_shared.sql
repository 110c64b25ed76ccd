-- Evaluation state every instance reads at the start of a cycle (issue 15): the tracker's progress towards a
-- level between transitions (rule_state keeps the transitions), the latest flag of every effective rule on
-- every parcel, and each project's last cycle report with the time of its last scheduled cycle (an instance whose
-- schedule comes round shortly after another's skips it). Not audited: they change every cycle.

CREATE TABLE rule_pending (
    parcel_id      bigint  NOT NULL,
    rule_id        bigint  NOT NULL,
    project_id     bigint  NOT NULL,
    pending_level  text,
    pending_count  integer NOT NULL,
    pending_since  timestamptz,
    CONSTRAINT rule_pending_pk PRIMARY KEY (parcel_id, rule_id),
    CONSTRAINT rule_pending_parcel_fk FOREIGN KEY (parcel_id) REFERENCES parcel (id) ON DELETE CASCADE,
    CONSTRAINT rule_pending_rule_fk FOREIGN KEY (rule_id) REFERENCES threshold_rule (id) ON DELETE CASCADE,
    CONSTRAINT rule_pending_project_fk FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE,
    CONSTRAINT rule_pending_level_ck CHECK (pending_level IN ('blue', 'yellow', 'orange', 'red'))
);
CREATE INDEX rule_pending_project_ix ON rule_pending (project_id);

CREATE TABLE parcel_flag (
    parcel_id   bigint  NOT NULL,
    rule_id     bigint  NOT NULL,
    project_id  bigint  NOT NULL,
    ordinal     integer NOT NULL,
    flag        jsonb   NOT NULL,
    CONSTRAINT parcel_flag_pk PRIMARY KEY (parcel_id, rule_id),
    CONSTRAINT parcel_flag_parcel_fk FOREIGN KEY (parcel_id) REFERENCES parcel (id) ON DELETE CASCADE,
    CONSTRAINT parcel_flag_rule_fk FOREIGN KEY (rule_id) REFERENCES threshold_rule (id) ON DELETE CASCADE,
    CONSTRAINT parcel_flag_project_fk FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE
);
CREATE INDEX parcel_flag_project_ix ON parcel_flag (project_id);

CREATE TABLE evaluation_report (
    project_id    bigint      NOT NULL,
    report        jsonb       NOT NULL,
    evaluated_at  timestamptz NOT NULL DEFAULT now(),
    scheduled_at  timestamptz,
    CONSTRAINT evaluation_report_pk PRIMARY KEY (project_id),
    CONSTRAINT evaluation_report_project_fk FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE
);
