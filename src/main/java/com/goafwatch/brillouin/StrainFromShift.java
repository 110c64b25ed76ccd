package com.goafwatch.brillouin;

import com.goafwatch.fiber.Compensation;

/**
 * Converts one measured Brillouin shift into strain, relative to the cable's reference trace and
 * temperature-compensated as the cable says. With Δν = ν − ν₀(d) the shift change of the strain fiber:
 * <ul>
 * <li>{@code reference-fiber}: ΔT = (ν_ref − ν_ref,0(d)) / C_T,ref from the loose-tube fiber, then
 * ε = (Δν − C_T·ΔT) / C_ε;</li>
 * <li>{@code temperature}: ΔT = T − T₀, with T the sample's temperature (a DTS or temperature trace on the
 * same route) and T₀ the reference trace's temperature at d, else the cable's baseline temperature;
 * ε = (Δν − C_T·ΔT) / C_ε;</li>
 * <li>{@code none}: ε = Δν / C_ε (thermal strain of about C_T/C_ε ≈ 20 µε/°C stays in).</li>
 * </ul>
 * Strain in µε, tension positive. A relative shift (already a change) has ν₀ = 0 unless the cable has a
 * relative reference trace. Pure: no I/O.
 */
public final class StrainFromShift {

    /** A shift as read: absolute or relative by the file's column; optional reference-fiber shift and temperature. */
    public record Reading(ShiftKind kind, double shiftMhz, Double referenceShiftMhz, Double temperatureC) {
    }

    /**
     * The conversion of one reading, or why it was refused.
     *
     * @param temperatureC the sample's temperature as given, or T₀ + ΔT derived from the reference fiber, NaN when unknown
     */
    public record Result(String error, double deltaShiftMhz, double rawStrainUe, double strainUe, double temperatureC) {

        static Result refused(String why) {
            return new Result(why, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }

        public boolean ok() {
            return error == null;
        }
    }

    private final BrillouinCoefficients c;
    private final ReferenceTrace reference;
    private final Compensation compensation;
    private final Double baselineTemperatureC;
    private final BrillouinProperties limits;

    /**
     * @param reference            may be null only for relative shifts
     * @param baselineTemperatureC the cable's baseline temperature (T₀ when the reference trace has none)
     */
    public StrainFromShift(BrillouinCoefficients coefficients, ReferenceTrace reference, Compensation compensation,
            Double baselineTemperatureC, BrillouinProperties limits) {
        this.c = coefficients;
        this.reference = reference;
        this.compensation = compensation;
        this.baselineTemperatureC = baselineTemperatureC;
        this.limits = limits;
    }

    public Result convert(double distanceM, Reading r) {
        String implausible = ShiftChecks.implausible("shift", r.kind(), r.shiftMhz(), limits);
        if (implausible == null && r.referenceShiftMhz() != null) {
            implausible = ShiftChecks.implausible("reference_shift", r.kind(), r.referenceShiftMhz(), limits);
        }
        if (implausible != null) {
            return Result.refused(implausible);
        }
        ReferenceTrace.At base = null;
        if (reference != null) {
            if (reference.kind() != r.kind()) {
                return Result.refused("the file holds " + r.kind().dbValue() + " shifts but the cable's reference trace "
                        + reference.id() + " is " + reference.kind().dbValue());
            }
            base = reference.at(distanceM, limits.maxReferenceGapM());
            if (base == null) {
                return Result.refused("distance " + distanceM + " m has no reference: the reference trace " + reference.id() + " covers "
                        + reference.firstDistanceM() + "–" + reference.lastDistanceM() + " m with gaps of at most "
                        + limits.maxReferenceGapM() + " m");
            }
        } else if (r.kind() == ShiftKind.ABSOLUTE) {
            return Result.refused("absolute shifts need a reference trace of the cable");
        }
        double delta = r.shiftMhz() - (base == null ? 0 : base.shiftMhz());
        if (Math.abs(delta) > limits.maxDeltaShiftMhz()) {
            return Result.refused(String.format(java.util.Locale.ROOT,
                    "shift %s MHz differs from the reference (%s MHz) by %.1f MHz; more than %s MHz is neither strain nor temperature "
                    + "(wrong cable, reference or units?)", r.shiftMhz(), base == null ? 0 : base.shiftMhz(), delta, limits.maxDeltaShiftMhz()));
        }
        double raw = delta / c.strainMhzPerUe();
        return switch (compensation) {
            case NONE -> new Result(null, delta, raw, raw, r.temperatureC() == null ? Double.NaN : r.temperatureC());
            case REFERENCE_FIBER -> byReferenceFiber(r, base, delta, raw);
            case TEMPERATURE -> byTemperature(r, base, delta, raw);
        };
    }

    private Result byReferenceFiber(Reading r, ReferenceTrace.At base, double delta, double raw) {
        if (r.referenceShiftMhz() == null) {
            return Result.refused("the cable is compensated by its reference fiber: the reference-fiber shift is required");
        }
        double baseRef = base == null ? 0 : base.referenceShiftMhz();
        if (Double.isNaN(baseRef)) {
            return Result.refused("the cable's reference trace has no reference-fiber shift to compare with");
        }
        double deltaT = (r.referenceShiftMhz() - baseRef) / c.referenceTemperatureMhzPerC();
        double strain = (delta - c.temperatureMhzPerC() * deltaT) / c.strainMhzPerUe();
        double t0 = base == null || Double.isNaN(base.temperatureC()) ? nanIfNull(baselineTemperatureC) : base.temperatureC();
        double temperature = r.temperatureC() != null ? r.temperatureC() : t0 + deltaT;
        return new Result(null, delta, raw, strain, temperature);
    }

    private Result byTemperature(Reading r, ReferenceTrace.At base, double delta, double raw) {
        if (r.temperatureC() == null) {
            return Result.refused("the cable is temperature-compensated: temperature_c is required");
        }
        double t0 = base == null || Double.isNaN(base.temperatureC()) ? nanIfNull(baselineTemperatureC) : base.temperatureC();
        if (Double.isNaN(t0)) {
            return Result.refused("no reference temperature: neither the reference trace nor the cable gives one");
        }
        double strain = (delta - c.temperatureMhzPerC() * (r.temperatureC() - t0)) / c.strainMhzPerUe();
        return new Result(null, delta, raw, strain, r.temperatureC());
    }

    private static double nanIfNull(Double d) {
        return d == null ? Double.NaN : d;
    }
}
