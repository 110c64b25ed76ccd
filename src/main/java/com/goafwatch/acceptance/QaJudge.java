package com.goafwatch.acceptance;

import java.util.List;
import java.util.Locale;

/** Judges one QA test against the criteria (pure; the numbers for the tables come with the reason). */
public final class QaJudge {

    private static final List<String> FLUID_LOSS = List.of("none", "minor", "major");

    private QaJudge() {
    }

    public static QaResult judge(QaResult t, AcceptanceCriteria criteria) {
        AcceptanceCriteria c = criteria.withDefaults();
        Boolean passed;
        String reason;
        switch (t.type()) {
            case "check_hole" -> {
                boolean fluidOk = FLUID_LOSS.indexOf(t.fluidLoss()) <= FLUID_LOSS.indexOf(c.maxFluidLoss());
                if (t.neighbourMeanTakeM3() == null || t.neighbourMeanTakeM3() <= 0) {
                    passed = null;
                    reason = "no grouting holes with a recorded take near the check hole to compare the re-injection with";
                } else {
                    double share = t.reinjectionM3() / t.neighbourMeanTakeM3();
                    passed = fluidOk && share <= c.maxReinjectionShare();
                    reason = String.format(Locale.ROOT, "fluid loss %s (max %s); re-injection %.2f m³ = %.1f %% of the neighbours' mean take "
                            + "%.2f m³ (max %.0f %%)", t.fluidLoss(), c.maxFluidLoss(), t.reinjectionM3(), share * 100,
                            t.neighbourMeanTakeM3(), c.maxReinjectionShare() * 100);
                }
            }
            case "core_strength" -> {
                passed = t.coreStrengthMpa() >= c.minCoreStrengthMpa();
                reason = String.format(Locale.ROOT, "UCS %.1f MPa (min %.1f)", t.coreStrengthMpa(), c.minCoreStrengthMpa());
            }
            case "wave_velocity" -> {
                passed = t.waveVelocityMs() >= c.minWaveVelocityMs();
                reason = String.format(Locale.ROOT, "wave velocity %.0f m/s (min %.0f)", t.waveVelocityMs(), c.minWaveVelocityMs());
            }
            case "borehole_tv" -> {
                passed = !t.defectFound();
                reason = t.defectFound() ? "defect seen: " + (t.notes() == null ? "" : t.notes()) : "no defect seen";
            }
            default -> throw new IllegalArgumentException("unknown QA test type " + t.type());
        }
        return new QaResult(t.id(), t.code(), t.type(), t.borehole(), t.parcelId(), t.parcel(), t.testedOn(), t.fluidLoss(),
                t.reinjectionM3(), t.neighbourMeanTakeM3(), t.coreStrengthMpa(), t.waveVelocityMs(), t.defectFound(), t.notes(), passed,
                reason);
    }
}
