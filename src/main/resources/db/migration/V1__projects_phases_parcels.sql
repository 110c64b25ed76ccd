-- Projects, phases and remediation parcels.
-- Geometry is stored once, in CGCS2000 geographic coordinates (EPSG:4490): the national datum that
-- Chinese survey deliverables and acceptance documents must use. Areas are never computed in degrees:
-- they are derived in the Gauss-Krüger 3° zone CM 117°E (EPSG:4548) by generated columns, so the area
-- in mu can never disagree with the geometry.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE project (
    id             bigint GENERATED ALWAYS AS IDENTITY,
    code           text        NOT NULL,
    name           text        NOT NULL,
    survey_srid    integer     NOT NULL DEFAULT 4548,
    description    text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT project_pk PRIMARY KEY (id),
    CONSTRAINT project_code_uq UNIQUE (code),
    CONSTRAINT project_code_format_ck CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    CONSTRAINT project_name_not_blank_ck CHECK (length(btrim(name)) > 0),
    CONSTRAINT project_survey_srid_ck CHECK (survey_srid IN (4326, 4490, 4548, 4527))
);

CREATE TABLE phase (
    id                          bigint GENERATED ALWAYS AS IDENTITY,
    project_id                  bigint  NOT NULL,
    ordinal                     integer NOT NULL,
    name                        text    NOT NULL,
    status                      text    NOT NULL DEFAULT 'planned',
    works_planned_start         date,
    works_planned_end           date,
    works_actual_start          date,
    works_actual_end            date,
    testing_planned_end         date,
    testing_actual_end          date,
    acceptance_planned          date,
    acceptance_actual           date,
    description                 text,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT phase_pk PRIMARY KEY (id),
    CONSTRAINT phase_project_fk FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE,
    CONSTRAINT phase_ordinal_uq UNIQUE (project_id, ordinal),
    -- lets parcel reference (phase, project) so that parcel codes can be unique per project
    CONSTRAINT phase_id_project_uq UNIQUE (id, project_id),
    CONSTRAINT phase_ordinal_ck CHECK (ordinal BETWEEN 1 AND 99),
    CONSTRAINT phase_name_not_blank_ck CHECK (length(btrim(name)) > 0),
    CONSTRAINT phase_status_ck CHECK (status IN ('planned', 'treating', 'testing', 'monitoring', 'accepted', 'rejected')),
    CONSTRAINT phase_works_dates_ck CHECK (works_planned_end IS NULL OR works_planned_start IS NULL OR works_planned_end >= works_planned_start),
    CONSTRAINT phase_works_actual_dates_ck CHECK (works_actual_end IS NULL OR works_actual_start IS NULL OR works_actual_end >= works_actual_start)
);

CREATE TABLE parcel (
    id           bigint GENERATED ALWAYS AS IDENTITY,
    project_id   bigint NOT NULL,
    phase_id     bigint NOT NULL,
    code         text   NOT NULL,
    name         text,
    land_use     text,
    status       text   NOT NULL DEFAULT 'planned',
    geom         geometry(MultiPolygon, 4490) NOT NULL,
    area_m2      double precision GENERATED ALWAYS AS (ST_Area(ST_Transform(geom, 4548))) STORED,
    area_mu      double precision GENERATED ALWAYS AS (ST_Area(ST_Transform(geom, 4548)) * 0.0015) STORED,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT parcel_pk PRIMARY KEY (id),
    CONSTRAINT parcel_phase_fk FOREIGN KEY (phase_id, project_id) REFERENCES phase (id, project_id) ON DELETE CASCADE,
    CONSTRAINT parcel_code_per_project_uq UNIQUE (project_id, code),
    CONSTRAINT parcel_code_format_ck CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    CONSTRAINT parcel_status_ck CHECK (status IN ('planned', 'treating', 'treated', 'monitoring', 'accepted', 'rejected')),
    CONSTRAINT parcel_geom_valid_ck CHECK (ST_IsValid(geom)),
    CONSTRAINT parcel_geom_not_empty_ck CHECK (NOT ST_IsEmpty(geom)),
    CONSTRAINT parcel_geom_srid_ck CHECK (ST_SRID(geom) = 4490)
);

CREATE INDEX parcel_geom_gix ON parcel USING gist (geom);
CREATE INDEX parcel_phase_ix ON parcel (phase_id);
CREATE INDEX parcel_status_ix ON parcel (project_id, status);
