-- When the rule's current meaning began to be watched: its creation, reset when it is enabled again or re-scoped.
-- A never-reported (parcel, rule) awaits its first reading for the no-data age from here (not from creation).
ALTER TABLE threshold_rule ADD COLUMN monitored_since timestamptz;
UPDATE threshold_rule SET monitored_since = created_at;
ALTER TABLE threshold_rule ALTER COLUMN monitored_since SET NOT NULL, ALTER COLUMN monitored_since SET DEFAULT now();
-- States of rules disabled before withdrawal forgot them: they coloured parcels and would have stood on re-enabling
DELETE FROM rule_pending p USING threshold_rule r WHERE r.id = p.rule_id AND NOT r.enabled;
DELETE FROM parcel_flag f USING threshold_rule r WHERE r.id = f.rule_id AND NOT r.enabled;
DELETE FROM rule_state s USING threshold_rule r WHERE r.id = s.rule_id AND NOT r.enabled;
