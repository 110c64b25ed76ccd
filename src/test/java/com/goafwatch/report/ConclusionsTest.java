package com.goafwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.goafwatch.acceptance.AcceptanceCriteria;
import com.goafwatch.acceptance.AcceptanceRules;
import com.goafwatch.acceptance.CriterionResult;
import com.goafwatch.acceptance.Verdict;
import com.goafwatch.forecast.ParcelForecast;
import com.goafwatch.forecast.SettlementForecast;
import com.goafwatch.forecast.SettlementModel;

/** Conclusions from hand-made verdicts: which evidence leads to which conclusion, and until when to observe. */
class ConclusionsTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);
    private static final List<String> ORDER = List.of("qa_pass_rate", "grout_take", "observation_period", "settlement_cumulative",
            "settlement_rate", "fiber_strain", "open_alerts");

    /** A parcel whose criteria all meet except the ones given (criterion, verdict, value, limit). */
    private static AcceptanceRules.ParcelVerdict parcel(Object... overrides) {
        List<CriterionResult> r = new ArrayList<>();
        for (String name : ORDER) {
            Verdict v = Verdict.MEETS;
            Double value = 1.0;
            Double limit = 1.0;
            for (int i = 0; i < overrides.length; i += 4) {
                if (overrides[i].equals(name)) {
                    v = (Verdict) overrides[i + 1];
                    value = (Double) overrides[i + 2];
                    limit = (Double) overrides[i + 3];
                }
            }
            r.add(new CriterionResult(name, v, value, limit, "", "", null, List.of()));
        }
        return new AcceptanceRules.ParcelVerdict(1, "P", 20, "monitoring", Verdict.combine(r.stream().map(CriterionResult::verdict).toList()), r);
    }

    private static ParcelForecast stableOn(LocalDate day) {
        return new ParcelForecast(1, "P", day == null ? SettlementForecast.Status.NOT_SETTLING : SettlementForecast.Status.FORECAST, "M1",
                SettlementModel.KNOTHE, 30.0, 2.0, day, day, List.of());
    }

    @Test
    void meetingEverythingIsFitForTheCriterionsClass() {
        var c = Conclusions.of(parcel(), stableOn(AS_OF), AcceptanceCriteria.DEFAULTS, AS_OF);
        assertThat(c.kind()).isEqualTo(ParcelConclusion.Kind.FIT);
        assertThat(c.damageClass()).isEqualTo("I");
        assertThat(Conclusions.damageClass(4000)).isEqualTo("II");
        assertThat(Conclusions.damageClass(4001)).isEqualTo("III");
    }

    @Test
    void failingOnMonitoringOnlyMeansObservingUntilTheForecastDate() {
        LocalDate forecast = LocalDate.of(2027, 3, 1);
        var c = Conclusions.of(parcel("settlement_rate", Verdict.DOES_NOT_MEET, 0.3, 0.167), stableOn(forecast), AcceptanceCriteria.DEFAULTS,
                AS_OF);
        assertThat(c.kind()).isEqualTo(ParcelConclusion.Kind.CONTINUE_OBSERVATION);
        assertThat(c.observeUntil()).isEqualTo(forecast);
        assertThat(c.criteria()).containsExactly("settlement_rate");
    }

    @Test
    void aShortObservationPeriodCanOutlastTheForecast() {
        // 120 of 180 days observed: the period ends 60 days after the report, later than the forecast date
        var c = Conclusions.of(parcel("observation_period", Verdict.INSUFFICIENT_DATA, 120.0, 180.0), stableOn(AS_OF.plusDays(10)),
                AcceptanceCriteria.DEFAULTS, AS_OF);
        assertThat(c.kind()).isEqualTo(ParcelConclusion.Kind.CONTINUE_OBSERVATION);
        assertThat(c.observeUntil()).isEqualTo(LocalDate.of(2027, 1, 29));
    }

    @Test
    void strainOrAlertsOpenGiveNoDate() {
        var c = Conclusions.of(parcel("fiber_strain", Verdict.INSUFFICIENT_DATA, null, 2000.0), stableOn(AS_OF.plusDays(30)),
                AcceptanceCriteria.DEFAULTS, AS_OF);
        assertThat(c.kind()).isEqualTo(ParcelConclusion.Kind.CONTINUE_OBSERVATION);
        assertThat(c.observeUntil()).isNull();
        var past = Conclusions.of(parcel("settlement_rate", Verdict.DOES_NOT_MEET, 0.3, 0.167), stableOn(AS_OF.minusDays(3)),
                AcceptanceCriteria.DEFAULTS, AS_OF);
        assertThat(past.observeUntil()).as("a date already past promises nothing").isNull();
    }

    @Test
    void noForecastDateLeavesTheObservationOpen() {
        var c = Conclusions.of(parcel("settlement_cumulative", Verdict.DOES_NOT_MEET, 40.0, 30.0), stableOn(null), AcceptanceCriteria.DEFAULTS,
                AS_OF);
        assertThat(c.kind()).isEqualTo(ParcelConclusion.Kind.CONTINUE_OBSERVATION);
        assertThat(c.observeUntil()).isNull();
    }

    @Test
    void failingQaMeansRemedialWorkWhateverTheMonitoringSays() {
        var c = Conclusions.of(parcel("qa_pass_rate", Verdict.DOES_NOT_MEET, 0.5, 1.0, "settlement_rate", Verdict.DOES_NOT_MEET, 0.3, 0.167),
                stableOn(AS_OF), AcceptanceCriteria.DEFAULTS, AS_OF);
        assertThat(c.kind()).isEqualTo(ParcelConclusion.Kind.REMEDIAL);
        assertThat(c.criteria()).containsExactly("qa_pass_rate", "settlement_rate");
    }

    @Test
    void missingQaMeansCompletingTheTests() {
        var c = Conclusions.of(parcel("qa_pass_rate", Verdict.INSUFFICIENT_DATA, null, 1.0), stableOn(AS_OF), AcceptanceCriteria.DEFAULTS,
                AS_OF);
        assertThat(c.kind()).isEqualTo(ParcelConclusion.Kind.COMPLETE_TESTS);
    }

    @Test
    void thePhaseSentenceCountsParcelsAndAreaPerConclusion() {
        var fit = new ParcelConclusion("A", 10, ParcelConclusion.Kind.FIT, "I", null, List.of());
        var wait = new ParcelConclusion("B", 5.5, ParcelConclusion.Kind.CONTINUE_OBSERVATION, "I", LocalDate.of(2027, 5, 2),
                List.of("settlement_rate"));
        var fix = new ParcelConclusion("C", 4.5, ParcelConclusion.Kind.REMEDIAL, "I", null, List.of("qa_pass_rate"));
        assertThat(ForecastText.phase(List.of(fit, wait, fix), new ReportText("zh")))
                .isEqualTo("1 个地块（10.0 亩：A）适宜建设（I 级）；1 个地块（5.5 亩：B）需继续观测至 2027-05-02；1 个地块（4.5 亩：C）需补充治理并重新检测。");
        assertThat(ForecastText.conclusion(wait, new ReportText("en"))).contains("continue observation until 2027-05-02", "Settlement rate");
    }
}
