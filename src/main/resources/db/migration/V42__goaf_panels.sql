-- Goaf / strip-panel outlines of a project (the worked-out panels under the site), drawn on the report's maps.
-- Stored like parcels: CGCS2000 (4490), areas measured in the Gauss-Krüger CM 117E CRS (4548).
CREATE TABLE goaf_panel (
    id                bigint GENERATED ALWAYS AS IDENTITY,
    project_id        bigint NOT NULL,
    name              text   NOT NULL,
    seam_thickness_m  double precision NOT NULL,
    depth_m           double precision NOT NULL,
    geom              geometry(Polygon, 4490) NOT NULL,
    area_m2           double precision GENERATED ALWAYS AS (ST_Area(ST_Transform(geom, 4548))) STORED,
    created_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT goaf_panel_pk PRIMARY KEY (id),
    CONSTRAINT goaf_panel_project_fk FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE,
    CONSTRAINT goaf_panel_name_per_project_uq UNIQUE (project_id, name),
    CONSTRAINT goaf_panel_name_ck CHECK (length(name) BETWEEN 1 AND 100),
    CONSTRAINT goaf_panel_seam_thickness_ck CHECK (seam_thickness_m > 0 AND seam_thickness_m <= 50),
    CONSTRAINT goaf_panel_depth_ck CHECK (depth_m > 0 AND depth_m <= 3000),
    CONSTRAINT goaf_panel_geom_valid_ck CHECK (ST_IsValid(geom)),
    CONSTRAINT goaf_panel_geom_not_empty_ck CHECK (NOT ST_IsEmpty(geom)),
    CONSTRAINT goaf_panel_geom_srid_ck CHECK (ST_SRID(geom) = 4490)
);

CREATE INDEX goaf_panel_geom_gix ON goaf_panel USING gist (geom);
