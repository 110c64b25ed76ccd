-- Monitoring cadence as data (issue 12): the expected interval between readings of every cable and point
-- sensor, with project defaults per kind, and the project's time zone (site-local days). NULL means
-- "inherit": sensor → project default of its kind → the type default (fiber 1 d; settlement markers
-- 15 d, the half-monthly levelling of GB 51180-2016 ch. 12; other point sensors 1 d).
ALTER TABLE project
    ADD COLUMN fiber_interval_seconds     bigint,
    ADD COLUMN levelling_interval_seconds bigint,
    ADD COLUMN time_zone                  text,
    ADD CONSTRAINT project_fiber_interval_ck CHECK (fiber_interval_seconds IS NULL OR fiber_interval_seconds > 0),
    ADD CONSTRAINT project_levelling_interval_ck CHECK (levelling_interval_seconds IS NULL OR levelling_interval_seconds > 0),
    ADD CONSTRAINT project_time_zone_ck CHECK (time_zone IS NULL OR length(time_zone) BETWEEN 1 AND 64);

ALTER TABLE cable
    ADD COLUMN reading_interval_seconds bigint,
    ADD CONSTRAINT cable_reading_interval_ck CHECK (reading_interval_seconds IS NULL OR reading_interval_seconds > 0);

ALTER TABLE point_sensor
    ADD COLUMN reading_interval_seconds bigint,
    ADD CONSTRAINT point_sensor_reading_interval_ck CHECK (reading_interval_seconds IS NULL OR reading_interval_seconds > 0);

-- A rule's no-data age: NULL derives it from the cadence of the sensors it reads (2.5 × their interval).
-- 86400 was the blanket default: it made half-monthly levelling permanently silent, so it becomes derived.
ALTER TABLE threshold_rule ALTER COLUMN no_data_after_seconds DROP NOT NULL;
ALTER TABLE threshold_rule ALTER COLUMN no_data_after_seconds DROP DEFAULT;
UPDATE threshold_rule SET no_data_after_seconds = NULL WHERE no_data_after_seconds = 86400;

-- "change": the value now minus the value at the window's start (movement-ended tests), beside the
-- totals since the baseline that max/min/max_abs give.
ALTER TABLE threshold_rule DROP CONSTRAINT threshold_rule_statistic_ck;
ALTER TABLE threshold_rule ADD CONSTRAINT threshold_rule_statistic_ck
    CHECK (statistic IN ('max_abs', 'max', 'min', 'mean', 'percentile', 'length_over', 'change'));
