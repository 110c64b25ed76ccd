-- Issue 12 (less noise): a no-data alert belongs to the silent sensor (a cable or a settlement marker), not to
-- each rule × parcel it starves. parcel_id keeps the first parcel it affected (the alert list's parcel column);
-- the affected parcels and rules are in its evidence. One open no-data alert per sensor.
ALTER TABLE alert ADD COLUMN sensor_kind text, ADD COLUMN sensor_id bigint, ADD COLUMN sensor_code text;
ALTER TABLE alert ADD CONSTRAINT alert_sensor_kind_ck CHECK (sensor_kind IN ('cable', 'marker'));
ALTER TABLE alert ADD CONSTRAINT alert_sensor_pair_ck CHECK ((sensor_kind IS NULL) = (sensor_id IS NULL));
CREATE UNIQUE INDEX alert_open_sensor_ux ON alert (project_id, sensor_kind, sensor_id)
    WHERE kind = 'no_data' AND sensor_id IS NOT NULL AND state <> 'cleared';
