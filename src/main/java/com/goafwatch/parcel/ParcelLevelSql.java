package com.goafwatch.parcel;

/**
 * A parcel's level for maps and summaries, from the stored rule states (alias {@code p} = parcel): the
 * highest flagged level; else {@code no_data} when a rule has no current data; else {@code unknown} when an
 * effective rule measured on the parcel has no state yet — not evaluated yet, or awaiting its first reading (a
 * sensor that has never reported stores nothing until it is silent for the rule's no-data age): a parcel is not
 * "ok" until every such rule has been judged; else {@code ok} when its rules have been evaluated; else
 * {@code unknown} when cables or settlement markers measure it but no evaluation has run yet (never "ok" by
 * default); else {@code not_monitored}.
 *
 * <p>The effective rules are those of {@code EffectiveRules}: per metric and statistic the most specific rule
 * (parcel over phase over project, then the lowest id), if enabled; a rule is measured on the parcel when a cable
 * crosses it (fiber metrics) or a settlement marker lies in it (the others), as {@code CyclePlan.monitored}.
 */
public final class ParcelLevelSql {

    /** True when an effective, measured rule of parcel {@code p} has no state yet. */
    private static final String RULE_AWAITED = """
            EXISTS (SELECT 1 FROM (SELECT DISTINCT ON (r.metric, r.statistic) r.id, r.metric, r.enabled FROM threshold_rule r
                                   WHERE r.project_id = p.project_id
                                     AND (r.parcel_id = p.id OR (r.parcel_id IS NULL AND (r.phase_id IS NULL OR r.phase_id = p.phase_id)))
                                   ORDER BY r.metric, r.statistic, (r.parcel_id IS NOT NULL) DESC, (r.phase_id IS NOT NULL) DESC, r.id) e
                    WHERE e.enabled
                      AND NOT EXISTS (SELECT 1 FROM rule_state s WHERE s.parcel_id = p.id AND s.rule_id = e.id)
                      AND CASE WHEN e.metric IN ('fiber_strain', 'fiber_strain_rate', 'fiber_temperature')
                               THEN EXISTS (SELECT 1 FROM cable_parcel_interval i WHERE i.parcel_id = p.id)
                               ELSE EXISTS (SELECT 1 FROM point_sensor m WHERE m.parcel_id = p.id AND m.sensor_type = 'settlement-marker') END)""";

    public static final String EXPRESSION = """
            COALESCE((SELECT (ARRAY['blue','yellow','orange','red'])[max(array_position(ARRAY['blue','yellow','orange','red'], s.level))]
                      FROM rule_state s WHERE s.parcel_id = p.id AND s.level IS NOT NULL),
                CASE WHEN EXISTS (SELECT 1 FROM rule_state s WHERE s.parcel_id = p.id AND s.no_data) THEN 'no_data'
                     WHEN EXISTS (SELECT 1 FROM rule_state s WHERE s.parcel_id = p.id) AND NOT %s THEN 'ok'
                     WHEN EXISTS (SELECT 1 FROM cable_parcel_interval i WHERE i.parcel_id = p.id)
                       OR EXISTS (SELECT 1 FROM point_sensor m WHERE m.parcel_id = p.id AND m.sensor_type = 'settlement-marker') THEN 'unknown'
                     ELSE 'not_monitored' END)""".formatted(RULE_AWAITED);

    private ParcelLevelSql() {
    }
}
