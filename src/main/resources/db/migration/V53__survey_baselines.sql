-- 3-D survey (total station, GNSS) of settlement markers: each marker's first surveyed position is its
-- baseline, kept here in the project's projected survey CRS; every later reading's horizontal
-- displacement is counted from it. Fixed once set, so displacements already stored stay true.
CREATE TABLE survey_baseline (
    sensor_id    bigint           NOT NULL,
    srid         integer          NOT NULL,
    observed_at  timestamptz      NOT NULL,
    easting_m    double precision NOT NULL,
    northing_m   double precision NOT NULL,
    height_m     double precision NOT NULL,
    batch        bigint           NOT NULL,
    created_at   timestamptz      NOT NULL DEFAULT now(),
    CONSTRAINT survey_baseline_pk PRIMARY KEY (sensor_id),
    CONSTRAINT survey_baseline_sensor_fk FOREIGN KEY (sensor_id) REFERENCES point_sensor (id) ON DELETE CASCADE,
    CONSTRAINT survey_baseline_srid_ck CHECK (srid IN (4548, 4527))
);
