-- A version per map layer, bumped in the same transaction as any change that alters what the layer's
-- tiles or features show. Tile ETags carry it, so a client revalidating after an edit never gets the
-- old tile (the stale-tile problem of standalone tile servers that cache by URL alone).
CREATE TABLE map_layer_version (
    layer      text        NOT NULL,
    version    bigint      NOT NULL DEFAULT 1,
    changed_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT map_layer_version_pk PRIMARY KEY (layer)
);
INSERT INTO map_layer_version (layer) VALUES ('parcels'), ('phases'), ('cables'), ('markers'), ('alerts');

-- statement-level: one bump per statement however many rows it touches
CREATE FUNCTION bump_map_layers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE map_layer_version SET version = version + 1, changed_at = now() WHERE layer = ANY (TG_ARGV);
    RETURN NULL;
END $$;

CREATE TRIGGER parcel_map_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON parcel
    FOR EACH STATEMENT EXECUTE FUNCTION bump_map_layers('parcels', 'phases');
-- parcels carry their phase's ordinal
CREATE TRIGGER phase_map_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON phase
    FOR EACH STATEMENT EXECUTE FUNCTION bump_map_layers('parcels', 'phases');
-- a parcel's flag level comes from its rule states, and "unknown" vs "not monitored" from its cables and markers
CREATE TRIGGER rule_state_map_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON rule_state
    FOR EACH STATEMENT EXECUTE FUNCTION bump_map_layers('parcels');
CREATE TRIGGER cable_parcel_interval_map_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cable_parcel_interval
    FOR EACH STATEMENT EXECUTE FUNCTION bump_map_layers('parcels');
CREATE TRIGGER cable_map_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cable
    FOR EACH STATEMENT EXECUTE FUNCTION bump_map_layers('cables');
CREATE TRIGGER point_sensor_map_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON point_sensor
    FOR EACH STATEMENT EXECUTE FUNCTION bump_map_layers('markers', 'parcels');
CREATE TRIGGER alert_map_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON alert
    FOR EACH STATEMENT EXECUTE FUNCTION bump_map_layers('alerts');
