package com.goafwatch.parcel;

/**
 * A parcel's level for maps and summaries, from the stored rule states (alias {@code p} = parcel): the
 * highest flagged level; else {@code no_data} when a rule has no current data; else {@code ok} when its
 * rules have been evaluated; else {@code unknown} when cables or settlement markers measure it but no
 * evaluation has run yet (never "ok" by default); else {@code not_monitored}.
 */
public final class ParcelLevelSql {

    public static final String EXPRESSION = """
            COALESCE((SELECT (ARRAY['blue','yellow','orange','red'])[max(array_position(ARRAY['blue','yellow','orange','red'], s.level))]
                      FROM rule_state s WHERE s.parcel_id = p.id AND s.level IS NOT NULL),
                CASE WHEN EXISTS (SELECT 1 FROM rule_state s WHERE s.parcel_id = p.id AND s.no_data) THEN 'no_data'
                     WHEN EXISTS (SELECT 1 FROM rule_state s WHERE s.parcel_id = p.id) THEN 'ok'
                     WHEN EXISTS (SELECT 1 FROM cable_parcel_interval i WHERE i.parcel_id = p.id)
                       OR EXISTS (SELECT 1 FROM point_sensor m WHERE m.parcel_id = p.id AND m.sensor_type = 'settlement-marker') THEN 'unknown'
                     ELSE 'not_monitored' END)""";

    private ParcelLevelSql() {
    }
}
