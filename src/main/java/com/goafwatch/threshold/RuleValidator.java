package com.goafwatch.threshold;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a rule request and fills defaults. Every problem is reported at once, naming the field: levels
 * must rise blue &lt; yellow &lt; orange &lt; red, the unit must be the metric's (metres for
 * {@code length_over}), windows and ages positive, percentages need a positive control value.
 */
final class RuleValidator {

    record FieldError(String field, String reason) {
    }

    record Result(RuleRequest normalized, List<FieldError> errors) {
    }

    private RuleValidator() {
    }

    static Result validate(RuleRequest r) {
        List<FieldError> errors = new ArrayList<>();
        if (r.name() == null || r.name().isBlank() || r.name().length() > 200) {
            errors.add(new FieldError("name", "required, at most 200 characters"));
        }
        if (r.phaseId() != null && r.parcelId() != null) {
            errors.add(new FieldError("parcelId", "a rule belongs to the project, one phase or one parcel, not both"));
        }
        Metric metric = Metric.parse(r.metric()).orElse(null);
        if (metric == null) {
            errors.add(new FieldError("metric", "must be one of " + Metric.allowed()));
        }
        Statistic statistic = Statistic.parse(r.statistic()).orElse(null);
        if (statistic == null) {
            errors.add(new FieldError("statistic", "must be one of " + Statistic.allowed()));
        }
        if (statistic == Statistic.PERCENTILE && (r.statisticParameter() == null || r.statisticParameter() <= 0
                || r.statisticParameter() >= 100)) {
            errors.add(new FieldError("statisticParameter", "percentile needs statisticParameter between 0 and 100"));
        }
        boolean rate = metric != null && metric.rate();
        if (rate && statistic != null && statistic != Statistic.MAX_ABS && statistic != Statistic.MAX && statistic != Statistic.MIN) {
            errors.add(new FieldError("statistic", "rates are judged by max_abs, max or min (the fastest position or marker)"));
        }
        if (statistic == Statistic.LENGTH_OVER) {
            if (metric != null && !metric.fiber()) {
                errors.add(new FieldError("statistic", "length_over applies to fiber metrics only"));
            }
            if (r.statisticParameter() == null || !(r.statisticParameter() > 0)) {
                errors.add(new FieldError("statisticParameter", "length_over needs the value above which fiber counts (> 0)"));
            }
        }
        if (statistic == Statistic.CHANGE && metric != null && (metric.fiber() || metric.rate())) {
            errors.add(new FieldError("statistic", "change (within the window) applies to settlement, tilt, curvature and horizontal_displacement"));
        }
        if (statistic == Statistic.MIN && metric == Metric.HORIZONTAL_DISPLACEMENT) {
            errors.add(new FieldError("statistic", "horizontal_displacement is a magnitude (never negative): judge it by max, max_abs, "
                    + "mean, percentile or change"));
        }
        if (r.description() != null && r.description().length() > 2000) {
            errors.add(new FieldError("description", "at most 2000 characters"));
        }
        String expectedUnit = statistic == Statistic.LENGTH_OVER ? "m" : metric == null ? null : metric.unit();
        if (expectedUnit != null && !expectedUnit.equals(r.unit())) {
            errors.add(new FieldError("unit", "unit '" + r.unit() + "' does not match " + (statistic == Statistic.LENGTH_OVER
                    ? "length_over, which is in m" : "metric " + metric.dbValue() + ", which is in " + expectedUnit)));
        }
        if (r.windowSeconds() == null || r.windowSeconds() <= 0) {
            errors.add(new FieldError("windowSeconds", "must be positive"));
        }
        String mode = r.levelMode() == null ? "absolute" : r.levelMode();
        Double blue = r.blue();
        Double yellow = r.yellow();
        Double orange = r.orange();
        Double red = r.red();
        if (!mode.equals("absolute") && !mode.equals("percent")) {
            errors.add(new FieldError("levelMode", "must be absolute or percent"));
        } else if (mode.equals("percent")) {
            if (r.controlValue() == null || !(r.controlValue() > 0)) {
                errors.add(new FieldError("controlValue", "percent levels need a positive control value"));
            }
            if (blue == null && yellow == null && orange == null && red == null) {
                // GB 50911-2013 practice: warnings at fractions of the control value; blue (IV, general) at half
                blue = 50.0;
                yellow = 70.0;
                orange = 85.0;
                red = 100.0;
            }
        }
        checkLevels(errors, blue, yellow, orange, red);
        double hysteresis = r.hysteresisFraction() == null ? 0.1 : r.hysteresisFraction();
        if (hysteresis < 0 || hysteresis >= 0.5) {
            errors.add(new FieldError("hysteresisFraction", "must be at least 0 and below 0.5"));
        }
        int pending = r.pendingEvaluations() == null ? 1 : r.pendingEvaluations();
        if (pending < 1) {
            errors.add(new FieldError("pendingEvaluations", "must be at least 1"));
        }
        if (r.pendingSeconds() != null && r.pendingSeconds() < 0) {
            errors.add(new FieldError("pendingSeconds", "must not be negative"));
        }
        // null: derived from the cadence of the rule's sensors when it is evaluated
        Long noData = r.noDataAfterSeconds();
        if (noData != null && noData <= 0) {
            errors.add(new FieldError("noDataAfterSeconds", "must be positive"));
        }
        RuleRequest normalized = new RuleRequest(r.phaseId(), r.parcelId(), r.name() == null ? null : r.name().trim(), r.metric(),
                r.statistic(), r.statisticParameter(), r.windowSeconds(), r.unit(), mode, r.controlValue(), blue, yellow, orange, red,
                hysteresis, pending, r.pendingSeconds(), noData, r.spikeFilter() == null || r.spikeFilter(),
                r.enabled() == null || r.enabled(), r.description() == null || r.description().isBlank() ? null : r.description().trim());
        return new Result(normalized, errors);
    }

    private static void checkLevels(List<FieldError> errors, Double... levels) {
        String[] names = {"blue", "yellow", "orange", "red"};
        Double previous = null;
        String previousName = null;
        boolean any = false;
        for (int i = 0; i < levels.length; i++) {
            Double v = levels[i];
            if (v == null) {
                continue;
            }
            any = true;
            if (!Double.isFinite(v)) {
                errors.add(new FieldError(names[i], "must be a finite number"));
                continue;
            }
            if (previous != null && !(v > previous)) {
                errors.add(new FieldError(names[i], names[i] + " (" + v + ") must be above " + previousName + " (" + previous
                        + "): levels rise blue < yellow < orange < red"));
            }
            previous = v;
            previousName = names[i];
        }
        if (!any) {
            errors.add(new FieldError("red", "give at least one level (blue, yellow, orange, red)"));
        }
    }
}
