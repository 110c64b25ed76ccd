-- The outline of each phase (union of its parcels), its parcel count and area, kept on write so that the OGC
-- collection "phases" and its extent read one row per phase instead of unioning every parcel on each request.
-- A phase without parcels has no row (readers LEFT JOIN: no geometry, 0 parcels).
CREATE TABLE phase_outline (
    phase_id     bigint PRIMARY KEY REFERENCES phase (id) ON DELETE CASCADE,
    geom         geometry(MultiPolygon, 4490),
    parcel_count bigint NOT NULL,
    area_mu      double precision
);

INSERT INTO phase_outline (phase_id, geom, parcel_count, area_mu)
SELECT phase_id, ST_Multi(ST_Union(geom)), count(*), sum(area_mu) FROM parcel GROUP BY phase_id;

-- Phases whose parcels changed in the open transaction. Its row is inserted once per phase and transaction (ON
-- CONFLICT DO NOTHING fires no insert trigger), so a batch import of thousands of parcels unions each phase once, at
-- commit; a concurrent writer of the same phase waits on the row, so the two recomputations do not interleave.
CREATE TABLE phase_outline_dirty (
    phase_id bigint PRIMARY KEY
);

CREATE FUNCTION phase_outline_mark_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO phase_outline_dirty (phase_id) SELECT DISTINCT phase_id FROM new_rows ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE FUNCTION phase_outline_mark_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO phase_outline_dirty (phase_id) SELECT DISTINCT phase_id FROM old_rows ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

-- an update marks a phase only when what the outline is made of changed (status edits re-union nothing), both the
-- phase a parcel left and the one it joined
CREATE FUNCTION phase_outline_mark_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO phase_outline_dirty (phase_id)
    SELECT DISTINCT unnest(ARRAY[o.phase_id, n.phase_id]) FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE o.phase_id IS DISTINCT FROM n.phase_id OR o.area_mu IS DISTINCT FROM n.area_mu
       OR NOT COALESCE(ST_OrderingEquals(o.geom, n.geom), o.geom IS NULL AND n.geom IS NULL)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE FUNCTION phase_outline_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM phase_outline;
    RETURN NULL;
END $$;

CREATE TRIGGER parcel_outline_insert_tg AFTER INSERT ON parcel REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION phase_outline_mark_new();
CREATE TRIGGER parcel_outline_update_tg AFTER UPDATE ON parcel REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION phase_outline_mark_moved();
CREATE TRIGGER parcel_outline_delete_tg AFTER DELETE ON parcel REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION phase_outline_mark_old();
CREATE TRIGGER parcel_outline_truncate_tg AFTER TRUNCATE ON parcel
    FOR EACH STATEMENT EXECUTE FUNCTION phase_outline_truncated();

-- at commit (deferred): one union per changed phase, in the writer's transaction, so no reader sees parcels and an
-- outline that disagree
CREATE FUNCTION phase_outline_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM phase_outline WHERE phase_id = NEW.phase_id;
    INSERT INTO phase_outline (phase_id, geom, parcel_count, area_mu)
    SELECT x.phase_id, ST_Multi(ST_Union(x.geom)), count(*), sum(x.area_mu)
    FROM parcel x JOIN phase ph ON ph.id = x.phase_id WHERE x.phase_id = NEW.phase_id GROUP BY x.phase_id;
    DELETE FROM phase_outline_dirty WHERE phase_id = NEW.phase_id;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER phase_outline_refresh_tg AFTER INSERT ON phase_outline_dirty
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION phase_outline_refresh();
