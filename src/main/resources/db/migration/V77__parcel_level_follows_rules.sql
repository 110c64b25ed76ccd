-- A parcel's flag level is "unknown" while an effective rule measured on it has no state yet (awaiting its first
-- reading): adding, enabling, disabling or re-scoping a rule changes what the parcels layer shows.
CREATE TRIGGER threshold_rule_map_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON threshold_rule
    FOR EACH STATEMENT EXECUTE FUNCTION bump_map_layers('parcels');
