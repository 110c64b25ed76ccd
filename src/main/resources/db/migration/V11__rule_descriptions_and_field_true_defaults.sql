-- Rules state what they check and where their limits come from; the sample site's default rules move to
-- field-true meanings (issue 12).
ALTER TABLE threshold_rule
    ADD COLUMN description text,
    ADD CONSTRAINT threshold_rule_description_ck CHECK (description IS NULL OR length(description) <= 2000);

-- "<= 30 mm in 6 months" is a change within the window (movement ended), not the total since the baseline.
UPDATE threshold_rule
   SET statistic = 'change', name = 'Settlement change within 6 months (movement ended at <= 30 mm)', updated_at = now()
 WHERE metric = 'settlement' AND statistic = 'max' AND name = 'Cumulative settlement since baseline (movement ended at <= 30 mm)';

-- Marker defaults had a fixed 30-day no-data age: derive it from the levelling cadence instead (2.5 x 15 d).
UPDATE threshold_rule SET no_data_after_seconds = NULL, updated_at = now()
 WHERE no_data_after_seconds = 2592000 AND name IN ('Settlement rate: surface active above 1.67 mm/d',
       'Settlement change within 6 months (movement ended at <= 30 mm)', 'Tilt, class I (3 mm/m)', 'Curvature, class I (0.2 x 10^-3/m)');

-- The blue level (IV, general: half the control value) on the percent defaults that lacked it.
UPDATE threshold_rule SET blue = 50, updated_at = now()
 WHERE level_mode = 'percent' AND blue IS NULL AND yellow = 70 AND orange = 85 AND red = 100
   AND name IN ('Settlement rate: surface active above 1.67 mm/d', 'Settlement change within 6 months (movement ended at <= 30 mm)',
                'Tilt, class I (3 mm/m)', 'Curvature, class I (0.2 x 10^-3/m)');

-- A 1-hour window at daily traces holds a trace one hour a day: the cable-health rule reads a day.
UPDATE threshold_rule SET window_seconds = 86400, updated_at = now()
 WHERE name = 'Cable health: fiber temperature' AND window_seconds = 3600;

UPDATE threshold_rule SET description = CASE name
    WHEN 'Ground strain, class I (2 mm/m)' THEN 'Horizontal ground strain against building damage class I, eps <= 2.0 mm/m '
        || '(2017 coal-pillar and under-building mining code, as in docs/domain.md "Deformation limits"); warnings at 50/70/85/100 % '
        || 'of the control value (GB 50911-2013 practice, docs/domain.md "Warning levels").'
    WHEN 'Fiber over half the class I limit' THEN 'Metres of fiber above 1000 ue (the class I rule''s blue threshold): blue only, '
        || 'so it never raises a level the class-limit rule would not (docs/domain.md "Spikes": real strain spans metres).'
    WHEN 'Settlement rate: surface active above 1.67 mm/d' THEN 'Surface active while subsidence velocity > 1.67 mm/d (conventional, '
        || 'docs/domain.md "Deformation limits"); least squares over the latest levellings spanning 35 d (half-monthly, GB 51180-2016 ch. 12).'
    WHEN 'Settlement change within 6 months (movement ended at <= 30 mm)' THEN 'Movement has ended when settlement changes <= 30 mm '
        || 'over 6 consecutive months: a change within the window (docs/domain.md "Movement ended / stability").'
    WHEN 'Tilt, class I (3 mm/m)' THEN 'Tilt between neighbouring markers against class I, i <= 3.0 mm/m (2017 coal-pillar code, '
        || 'docs/domain.md "Deformation limits").'
    WHEN 'Curvature, class I (0.2 x 10^-3/m)' THEN 'Curvature at a marker against class I, K <= 0.2 x 10^-3/m (2017 coal-pillar code, '
        || 'docs/domain.md "Deformation limits").'
    WHEN 'Cable health: fiber temperature' THEN 'Cable health, not ground movement: fiber temperature limits are conventional and '
        || 'site-specific (docs/domain.md "Brillouin sensing": about 1 MHz/degC cross-sensitivity).'
    ELSE description END
 WHERE description IS NULL;
