-- A project's extent (CRS84 / CGCS2000 longitude-latitude): parcels outside it are refused as implausible. NULL: the
-- default from the project's survey CRS zone (the EPSG area of use of Gauss-Krüger CM 117°E, where areas are measured).
ALTER TABLE project ADD COLUMN extent_min_lon double precision;
ALTER TABLE project ADD COLUMN extent_min_lat double precision;
ALTER TABLE project ADD COLUMN extent_max_lon double precision;
ALTER TABLE project ADD COLUMN extent_max_lat double precision;
ALTER TABLE project ADD CONSTRAINT project_extent_ck CHECK (
    (extent_min_lon IS NULL AND extent_min_lat IS NULL AND extent_max_lon IS NULL AND extent_max_lat IS NULL)
    OR (extent_min_lon >= -180 AND extent_max_lon <= 180 AND extent_min_lon < extent_max_lon
        AND extent_min_lat >= -90 AND extent_max_lat <= 90 AND extent_min_lat < extent_max_lat));
