-- Threshold rules on a settlement marker's horizontal displacement from its survey baseline (3-D survey, issue 18):
-- its magnitude in mm and its least-squares rate in mm/d.
ALTER TABLE threshold_rule DROP CONSTRAINT threshold_rule_metric_ck;
ALTER TABLE threshold_rule ADD CONSTRAINT threshold_rule_metric_ck CHECK (metric IN ('fiber_strain', 'fiber_strain_rate', 'settlement',
    'settlement_rate', 'tilt', 'curvature', 'fiber_temperature', 'horizontal_displacement', 'horizontal_displacement_rate'));
