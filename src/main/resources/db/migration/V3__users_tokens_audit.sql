-- Access control (local users, API tokens, project grants) and the append-only audit trail.

CREATE TABLE app_user (
    id             bigint GENERATED ALWAYS AS IDENTITY,
    username       text        NOT NULL,
    password_hash  text        NOT NULL,
    role           text        NOT NULL,
    all_projects   boolean     NOT NULL DEFAULT false,
    disabled       boolean     NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT app_user_pk PRIMARY KEY (id),
    CONSTRAINT app_user_username_uq UNIQUE (username),
    CONSTRAINT app_user_username_format_ck CHECK (username ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$'),
    CONSTRAINT app_user_role_ck CHECK (role IN ('viewer', 'engineer', 'admin'))
);

CREATE TABLE user_project_grant (
    user_id     bigint NOT NULL,
    project_id  bigint NOT NULL,
    CONSTRAINT user_project_grant_pk PRIMARY KEY (user_id, project_id),
    CONSTRAINT user_project_grant_user_fk FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
    CONSTRAINT user_project_grant_project_fk FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE
);

-- Opaque bearer tokens for scripts and gateways. Only a SHA-256 of the secret is stored.
CREATE TABLE api_token (
    id            bigint GENERATED ALWAYS AS IDENTITY,
    name          text        NOT NULL,
    token_prefix  text        NOT NULL,
    token_hash    text        NOT NULL,
    role          text        NOT NULL,
    project_id    bigint,
    created_by    text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    last_used_at  timestamptz,
    CONSTRAINT api_token_pk PRIMARY KEY (id),
    CONSTRAINT api_token_hash_uq UNIQUE (token_hash),
    CONSTRAINT api_token_role_ck CHECK (role IN ('viewer', 'engineer', 'admin', 'ingest')),
    CONSTRAINT api_token_project_fk FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE,
    CONSTRAINT api_token_ingest_scoped_ck CHECK (role <> 'ingest' OR project_id IS NOT NULL)
);

-- Cables an ingest token may write for (none listed: every cable of its project).
CREATE TABLE api_token_cable (
    token_id  bigint NOT NULL,
    cable_id  bigint NOT NULL,
    CONSTRAINT api_token_cable_pk PRIMARY KEY (token_id, cable_id),
    CONSTRAINT api_token_cable_token_fk FOREIGN KEY (token_id) REFERENCES api_token (id) ON DELETE CASCADE,
    CONSTRAINT api_token_cable_cable_fk FOREIGN KEY (cable_id) REFERENCES cable (id) ON DELETE CASCADE
);

CREATE TABLE audit_event (
    id           bigint GENERATED ALWAYS AS IDENTITY,
    at           timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor        text        NOT NULL,
    action       text        NOT NULL,
    entity_type  text        NOT NULL,
    entity_id    bigint,
    project_id   bigint,
    before       jsonb,
    after        jsonb,
    CONSTRAINT audit_event_pk PRIMARY KEY (id),
    CONSTRAINT audit_event_action_ck CHECK (action IN ('INSERT', 'UPDATE', 'DELETE'))
);
CREATE INDEX audit_event_entity_ix ON audit_event (entity_type, entity_id, at);
CREATE INDEX audit_event_project_ix ON audit_event (project_id, at);

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_event_append_only_tg BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate_tg BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

-- Row image for the audit trail: geometries as GeoJSON, secrets removed.
CREATE FUNCTION audit_image(row_json jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    k text;
    j jsonb := row_json - 'password_hash' - 'token_hash' - 'area_m2' - 'area_mu' - 'route_length_m';
BEGIN
    IF j IS NULL THEN
        RETURN NULL;
    END IF;
    FOREACH k IN ARRAY ARRAY['geom', 'route', 'top_point', 'location'] LOOP
        IF j ? k AND j->>k IS NOT NULL THEN
            j := jsonb_set(j, ARRAY[k], ST_AsGeoJSON((j->>k)::geometry, 9)::jsonb);
        END IF;
    END LOOP;
    RETURN j;
END $$;

-- Records every change of an audited table, inside the changing transaction. The actor is what the
-- service set for the transaction (set_config('goafwatch.actor', …, true)); a change made outside the
-- service (psql) is recorded under the database user.
CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_j jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
    new_j jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
    any_j jsonb := COALESCE(new_j, old_j);
    entity bigint := (any_j->>TG_ARGV[0])::bigint;
    project bigint;
BEGIN
    IF TG_TABLE_NAME = 'project' THEN
        project := entity;
    ELSIF any_j ? 'project_id' THEN
        project := (any_j->>'project_id')::bigint;
    ELSIF TG_TABLE_NAME = 'cable_calibration_point' THEN
        SELECT c.project_id INTO project FROM cable c WHERE c.id = entity;
    END IF;
    INSERT INTO audit_event (actor, action, entity_type, entity_id, project_id, before, after)
    VALUES (COALESCE(NULLIF(current_setting('goafwatch.actor', true), ''), 'db:' || current_user), TG_OP, TG_TABLE_NAME,
            entity, project, audit_image(old_j), audit_image(new_j));
    RETURN NULL;
END $$;

CREATE TRIGGER project_audit_tg AFTER INSERT OR UPDATE OR DELETE ON project FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER phase_audit_tg AFTER INSERT OR UPDATE OR DELETE ON phase FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER parcel_audit_tg AFTER INSERT OR UPDATE OR DELETE ON parcel FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER cable_audit_tg AFTER INSERT OR UPDATE OR DELETE ON cable FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER cable_calibration_audit_tg AFTER INSERT OR UPDATE OR DELETE ON cable_calibration_point
    FOR EACH ROW EXECUTE FUNCTION audit_row('cable_id');
CREATE TRIGGER point_sensor_audit_tg AFTER INSERT OR UPDATE OR DELETE ON point_sensor FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER app_user_audit_tg AFTER INSERT OR UPDATE OR DELETE ON app_user FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER user_project_grant_audit_tg AFTER INSERT OR DELETE ON user_project_grant FOR EACH ROW EXECUTE FUNCTION audit_row('user_id');
CREATE TRIGGER api_token_audit_tg AFTER INSERT OR DELETE ON api_token FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER api_token_revoke_audit_tg AFTER UPDATE OF revoked_at, expires_at, role ON api_token
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');
