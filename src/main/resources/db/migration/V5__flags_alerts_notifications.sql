-- Current flag state per parcel and rule (written on transitions only), alerts with their event history,
-- notification channels and the durable delivery outbox.

CREATE TABLE rule_state (
    parcel_id     bigint NOT NULL,
    rule_id       bigint NOT NULL,
    project_id    bigint NOT NULL,
    level         text,
    no_data       boolean NOT NULL DEFAULT false,
    value         double precision,
    threshold     double precision,
    evidence      jsonb,
    changed_at    timestamptz NOT NULL,
    CONSTRAINT rule_state_pk PRIMARY KEY (parcel_id, rule_id),
    CONSTRAINT rule_state_parcel_fk FOREIGN KEY (parcel_id) REFERENCES parcel (id) ON DELETE CASCADE,
    CONSTRAINT rule_state_rule_fk FOREIGN KEY (rule_id) REFERENCES threshold_rule (id) ON DELETE CASCADE,
    CONSTRAINT rule_state_project_fk FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE,
    CONSTRAINT rule_state_level_ck CHECK (level IN ('blue', 'yellow', 'orange', 'red'))
);
CREATE INDEX rule_state_project_ix ON rule_state (project_id);

CREATE TABLE alert (
    id               bigint GENERATED ALWAYS AS IDENTITY,
    project_id       bigint NOT NULL,
    phase_id         bigint NOT NULL,
    parcel_id        bigint NOT NULL,
    rule_id          bigint,
    rule_name        text   NOT NULL,
    metric           text   NOT NULL,
    kind             text   NOT NULL,
    state            text   NOT NULL DEFAULT 'raised',
    level            text,
    peak_level       text,
    value            double precision,
    threshold        double precision,
    unit             text,
    evidence         jsonb,
    raised_at        timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    acknowledged_at  timestamptz,
    acknowledged_by  text,
    cleared_at       timestamptz,
    CONSTRAINT alert_pk PRIMARY KEY (id),
    CONSTRAINT alert_project_fk FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE,
    CONSTRAINT alert_parcel_fk FOREIGN KEY (parcel_id) REFERENCES parcel (id) ON DELETE CASCADE,
    CONSTRAINT alert_rule_fk FOREIGN KEY (rule_id) REFERENCES threshold_rule (id) ON DELETE SET NULL,
    CONSTRAINT alert_kind_ck CHECK (kind IN ('threshold', 'no_data')),
    CONSTRAINT alert_state_ck CHECK (state IN ('raised', 'acknowledged', 'cleared')),
    CONSTRAINT alert_level_ck CHECK (level IN ('blue', 'yellow', 'orange', 'red')),
    CONSTRAINT alert_peak_level_ck CHECK (peak_level IN ('blue', 'yellow', 'orange', 'red')),
    CONSTRAINT alert_threshold_has_level_ck CHECK (kind <> 'threshold' OR level IS NOT NULL)
);
-- one open alert per parcel, rule and kind: escalation updates it, a raise after clearing opens a new one
CREATE UNIQUE INDEX alert_open_ux ON alert (parcel_id, rule_id, kind) WHERE state <> 'cleared';
CREATE INDEX alert_project_ix ON alert (project_id, raised_at DESC);

CREATE TABLE alert_event (
    id         bigint GENERATED ALWAYS AS IDENTITY,
    alert_id   bigint NOT NULL,
    at         timestamptz NOT NULL,
    kind       text   NOT NULL,
    level      text,
    value      double precision,
    threshold  double precision,
    evidence   jsonb,
    actor      text,
    comment    text,
    CONSTRAINT alert_event_pk PRIMARY KEY (id),
    CONSTRAINT alert_event_alert_fk FOREIGN KEY (alert_id) REFERENCES alert (id) ON DELETE CASCADE,
    CONSTRAINT alert_event_kind_ck CHECK (kind IN ('raised', 'escalated', 'lowered', 'acknowledged', 'comment', 'cleared')),
    CONSTRAINT alert_event_comment_ck CHECK (kind NOT IN ('comment') OR length(btrim(comment)) > 0)
);
CREATE INDEX alert_event_alert_ix ON alert_event (alert_id, id);

CREATE TABLE notification_channel (
    id               bigint GENERATED ALWAYS AS IDENTITY,
    project_id       bigint  NOT NULL,
    name             text    NOT NULL,
    kind             text    NOT NULL,
    url              text,
    topic            text,
    secret           text,
    min_level        text    NOT NULL DEFAULT 'blue',
    phase_id         bigint,
    events           text[]  NOT NULL DEFAULT ARRAY['raised', 'escalated', 'cleared'],
    include_no_data  boolean NOT NULL DEFAULT true,
    enabled          boolean NOT NULL DEFAULT true,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT notification_channel_pk PRIMARY KEY (id),
    CONSTRAINT notification_channel_project_fk FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE,
    CONSTRAINT notification_channel_phase_fk FOREIGN KEY (phase_id, project_id) REFERENCES phase (id, project_id) ON DELETE CASCADE,
    CONSTRAINT notification_channel_kind_ck CHECK (kind IN ('webhook', 'mqtt')),
    CONSTRAINT notification_channel_target_ck CHECK ((kind = 'webhook' AND url IS NOT NULL) OR (kind = 'mqtt' AND url IS NOT NULL AND topic IS NOT NULL)),
    CONSTRAINT notification_channel_level_ck CHECK (min_level IN ('blue', 'yellow', 'orange', 'red')),
    CONSTRAINT notification_channel_events_ck CHECK (events <@ ARRAY['raised', 'escalated', 'lowered', 'acknowledged', 'cleared'])
);

-- The outbox: a delivery is inserted in the transaction that records the alert event, so a notification
-- exists exactly when its event does; the dispatcher retries it until the receiver takes it.
CREATE TABLE notification_delivery (
    id               bigint GENERATED ALWAYS AS IDENTITY,
    channel_id       bigint NOT NULL,
    alert_id         bigint NOT NULL,
    alert_event_id   bigint NOT NULL,
    event            text   NOT NULL,
    payload          jsonb  NOT NULL,
    state            text   NOT NULL DEFAULT 'pending',
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_attempt_at  timestamptz,
    last_error       text,
    delivered_at     timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT notification_delivery_pk PRIMARY KEY (id),
    CONSTRAINT notification_delivery_channel_fk FOREIGN KEY (channel_id) REFERENCES notification_channel (id) ON DELETE CASCADE,
    CONSTRAINT notification_delivery_alert_fk FOREIGN KEY (alert_id) REFERENCES alert (id) ON DELETE CASCADE,
    CONSTRAINT notification_delivery_state_ck CHECK (state IN ('pending', 'delivered'))
);
CREATE INDEX notification_delivery_due_ix ON notification_delivery (next_attempt_at) WHERE state = 'pending';
CREATE INDEX notification_delivery_channel_ix ON notification_delivery (channel_id, id DESC);

CREATE TRIGGER rule_state_audit_tg AFTER INSERT OR UPDATE OR DELETE ON rule_state FOR EACH ROW EXECUTE FUNCTION audit_row('rule_id');
CREATE TRIGGER alert_audit_tg AFTER INSERT OR UPDATE OR DELETE ON alert FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER alert_event_audit_tg AFTER INSERT OR UPDATE OR DELETE ON alert_event FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER notification_channel_audit_tg AFTER INSERT OR UPDATE OR DELETE ON notification_channel FOR EACH ROW EXECUTE FUNCTION audit_row('id');

CREATE FUNCTION alert_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'alert history is append-only (event %)', OLD.id USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER alert_event_append_only_tg BEFORE UPDATE OR DELETE ON alert_event FOR EACH ROW
    WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION alert_event_append_only();

-- Webhook secrets stay out of the audit trail (the trail records that a secret changed, not its value).
CREATE OR REPLACE FUNCTION audit_image(row_json jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    k text;
    j jsonb := row_json - 'password_hash' - 'token_hash' - 'area_m2' - 'area_mu' - 'route_length_m';
BEGIN
    IF j IS NULL THEN
        RETURN NULL;
    END IF;
    IF j ? 'secret' AND j->>'secret' IS NOT NULL THEN
        j := jsonb_set(j, ARRAY['secret'], to_jsonb('sha256:' || encode(sha256(convert_to(j->>'secret', 'UTF8')), 'hex')));
    END IF;
    FOREACH k IN ARRAY ARRAY['geom', 'route', 'top_point', 'location'] LOOP
        IF j ? k AND j->>k IS NOT NULL THEN
            j := jsonb_set(j, ARRAY[k], ST_AsGeoJSON((j->>k)::geometry, 9)::jsonb);
        END IF;
    END LOOP;
    RETURN j;
END $$;
