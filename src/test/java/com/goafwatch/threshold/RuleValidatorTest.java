package com.goafwatch.threshold;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleValidatorTest {

    private static RuleRequest rule(String metric, String statistic, Double parameter, Long window, String unit, String mode,
            Double control, Double blue, Double yellow, Double orange, Double red) {
        return new RuleRequest(null, null, "r", metric, statistic, parameter, window, unit, mode, control, blue, yellow, orange, red,
                null, null, null, null, null, null, null);
    }

    @ParameterizedTest(name = "{0}/{1} {4} → {11}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            fiber_strain      | max_abs     | -  | 86400  | ue    | absolute | -    | -   | 1400 | 1700 | 2000 | OK
            settlement_rate   | max         | -  | 604800 | mm/d  | percent  | 1.67 | -   | -    | -    | -    | OK
            fiber_strain      | length_over | 2000 | 86400 | m    | absolute | -    | -   | 5    | 10   | 20   | OK
            fiber_strain      | percentile  | 95 | 86400  | ue    | absolute | -    | -   | -    | -    | 2000 | OK
            fiber_strain      | max_abs     | -  | 86400  | mm/m  | absolute | -    | -   | 1.4  | 1.7  | 2.0  | unit
            settlement        | max         | -  | 86400  | ue    | absolute | -    | -   | -    | -    | 30   | unit
            fiber_strain      | max_abs     | -  | 86400  | ue    | absolute | -    | -   | 1700 | 1400 | 2000 | orange
            fiber_strain      | max_abs     | -  | 86400  | ue    | absolute | -    | 900 | 900  | -    | 2000 | yellow
            fiber_strain      | max_abs     | -  | 0      | ue    | absolute | -    | -   | -    | -    | 2000 | windowSeconds
            fiber_strain      | max_abs     | -  | 86400  | ue    | absolute | -    | -   | -    | -    | -    | red
            settlement_rate   | max         | -  | 86400  | mm/d  | percent  | -    | -   | -    | -    | -    | controlValue
            settlement        | length_over | 10 | 86400  | m     | absolute | -    | -   | -    | -    | 5    | statistic
            fiber_strain      | percentile  | 120 | 86400 | ue    | absolute | -    | -   | -    | -    | 5    | statisticParameter
            heave             | max         | -  | 86400  | mm    | absolute | -    | -   | -    | -    | 5    | metric
            settlement        | median      | -  | 86400  | mm    | absolute | -    | -   | -    | -    | 5    | statistic
            tilt              | max_abs     | -  | 86400  | mm/m  | sideways | -    | -   | -    | -    | 5    | levelMode
            settlement_rate   | mean        | -  | 86400  | mm/d  | absolute | -    | -   | -    | -    | 1.67 | statistic
            fiber_strain_rate | percentile  | 95 | 86400  | ue/d  | absolute | -    | -   | -    | -    | 500  | statistic
            fiber_strain_rate | min         | -  | 86400  | ue/d  | absolute | -    | -   | -    | -    | 500  | OK
            """)
    void validation(String metric, String statistic, Double parameter, Long window, String unit, String mode, Double control,
            Double blue, Double yellow, Double orange, Double red, String expected) {
        RuleValidator.Result result = RuleValidator.validate(rule(metric, statistic, parameter, window, unit, mode, control, blue, yellow,
                orange, red));
        if (expected.equals("OK")) {
            assertThat(result.errors()).isEmpty();
        } else {
            assertThat(result.errors()).extracting(RuleValidator.FieldError::field).contains(expected);
        }
    }

    @Test
    void percentLevelsDefaultTo50And70And85And100OfTheControlValue() {
        RuleValidator.Result result = RuleValidator.validate(rule("settlement_rate", "max", null, 604800L, "mm/d", "percent", 1.67,
                null, null, null, null));
        RuleRequest r = result.normalized();
        assertThat(r.blue()).isEqualTo(50.0);
        assertThat(r.yellow()).isEqualTo(70.0);
        assertThat(r.orange()).isEqualTo(85.0);
        assertThat(r.red()).isEqualTo(100.0);
        ThresholdRule rule = new ThresholdRule(1, 1, null, null, "r", Metric.SETTLEMENT_RATE, Statistic.MAX, null, 604800, "mm/d", "percent",
                1.67, null, 70.0, 85.0, 100.0, 0.1, 1, null, 86400L, true, true, null);
        assertThat(rule.threshold(Level.RED)).isEqualTo(1.67);
        assertThat(rule.threshold(Level.YELLOW)).isCloseTo(1.169, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(rule.threshold(Level.BLUE)).isNull();
    }

    @Test
    void theMostSpecificRuleWinsPerMetricAndStatistic() {
        ThresholdRule project = rule(1, null, null, Metric.FIBER_STRAIN, Statistic.MAX_ABS, true);
        ThresholdRule phase = rule(2, 10L, null, Metric.FIBER_STRAIN, Statistic.MAX_ABS, true);
        ThresholdRule parcel = rule(3, null, 20L, Metric.FIBER_STRAIN, Statistic.MAX_ABS, true);
        ThresholdRule settlement = rule(4, null, null, Metric.SETTLEMENT_RATE, Statistic.MAX, true);
        ThresholdRule disabledHere = rule(5, null, 20L, Metric.SETTLEMENT_RATE, Statistic.MAX, false);
        ThresholdRule lengthOver = rule(6, null, null, Metric.FIBER_STRAIN, Statistic.LENGTH_OVER, true);
        assertThat(EffectiveRules.of(java.util.List.of(project, phase, parcel, settlement, lengthOver))).extracting(ThresholdRule::id)
                .containsExactly(3L, 4L, 6L);
        assertThat(EffectiveRules.of(java.util.List.of(project, phase, settlement, disabledHere))).extracting(ThresholdRule::id)
                .containsExactly(2L);
    }

    private static ThresholdRule rule(long id, Long phase, Long parcel, Metric metric, Statistic statistic, boolean enabled) {
        return new ThresholdRule(id, 1, phase, parcel, "r" + id, metric, statistic, null, 86400, metric.unit(), "absolute", null, null,
                null, null, 1.0, 0.1, 1, null, 86400L, true, enabled, null);
    }
}
