package com.goafwatch.brillouin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.goafwatch.fiber.Compensation;

/**
 * Table of conversions; expected strains worked out by hand from Δν = C_ε·Δε + C_T·ΔT with C_ε = 0.05 MHz/µε,
 * C_T = 1.0 MHz/°C (strain fiber), C_T,ref = 0.9 MHz/°C (reference fiber). Reference trace: 0 m and 2 m,
 * ν0 = 10850 / 10852 MHz, ν_ref,0 = 10840 / 10840 MHz, T0 = 15 / 17 °C; a 10 m gap from 2 m to 12 m.
 */
class StrainFromShiftTest {

    private static final BrillouinProperties LIMITS = new BrillouinProperties(9000, 13000, 1000, 5, 1000, 4096, 16);
    private static final BrillouinCoefficients C = new BrillouinCoefficients(1, 1, 0.05, 1.0, 0.9, null, null);
    private static final ReferenceTrace REF = new ReferenceTrace(7, Instant.EPOCH, ShiftKind.ABSOLUTE, new double[] {0, 2, 12},
            new double[] {10850, 10852, 10862}, new double[] {10840, 10840, 10840}, new double[] {15, 17, 17});

    static Stream<Arguments> cases() {
        ShiftKind abs = ShiftKind.ABSOLUTE;
        return Stream.of(
                // reference fiber: ΔT = 4.5/0.9 = 5 °C; Δν = 15 → ε = (15 − 5)/0.05 = 200; T = 15 + 5
                Arguments.of(Compensation.REFERENCE_FIBER, 0.0, abs, 10865.0, 10844.5, null, 200.0, 300.0, 20.0, null),
                // interpolated at 1 m: ν0 = 10851, ν_ref,0 = 10840, T0 = 16; Δν = 6, ΔT = 0.9/0.9 = 1 → ε = (6 − 1)/0.05 = 100
                Arguments.of(Compensation.REFERENCE_FIBER, 1.0, abs, 10857.0, 10840.9, null, 100.0, 120.0, 17.0, null),
                // temperature trace: ΔT = 20 − 16 = 4 at 1 m → ε = (6 − 4)/0.05 = 40
                Arguments.of(Compensation.TEMPERATURE, 1.0, abs, 10857.0, null, 20.0, 40.0, 120.0, 20.0, null),
                // none: ε = Δν / C_ε, thermal strain included
                Arguments.of(Compensation.NONE, 2.0, abs, 10850.0, null, null, -40.0, -40.0, Double.NaN, null),
                Arguments.of(Compensation.NONE, 7.0, abs, 10857.0, null, null, 0.0, 0.0, 0.0, "no reference"),
                Arguments.of(Compensation.NONE, 13.0, abs, 10857.0, null, null, 0.0, 0.0, 0.0, "no reference"),
                Arguments.of(Compensation.NONE, 1.0, abs, 10.857, null, null, 0.0, 0.0, 0.0, "GHz"),
                Arguments.of(Compensation.NONE, 1.0, abs, 12000.0, null, null, 0.0, 0.0, 0.0, "differs from the reference"),
                Arguments.of(Compensation.NONE, 1.0, ShiftKind.RELATIVE, 5.0, null, null, 0.0, 0.0, 0.0, "reference trace 7 is absolute"),
                Arguments.of(Compensation.REFERENCE_FIBER, 1.0, abs, 10857.0, null, null, 0.0, 0.0, 0.0, "reference-fiber shift is required"),
                Arguments.of(Compensation.TEMPERATURE, 1.0, abs, 10857.0, null, null, 0.0, 0.0, 0.0, "temperature_c is required"),
                Arguments.of(Compensation.NONE, 1.0, abs, Double.NaN, null, null, 0.0, 0.0, 0.0, "NaN"));
    }

    @ParameterizedTest(name = "{0} at {1} m, ν = {3} → {6} µε / {9}")
    @MethodSource("cases")
    void convert(Compensation compensation, double distance, ShiftKind kind, double shift, Double refShift, Double temperature,
            double strain, double raw, double derivedT, String refusal) {
        var r = new StrainFromShift(C, REF, compensation, 15.0, LIMITS).convert(distance,
                new StrainFromShift.Reading(kind, shift, refShift, temperature));
        if (refusal != null) {
            assertThat(r.ok()).isFalse();
            assertThat(r.error()).contains(refusal);
            return;
        }
        assertThat(r.error()).isNull();
        assertThat(r.strainUe()).isCloseTo(strain, within(1e-9));
        assertThat(r.rawStrainUe()).isCloseTo(raw, within(1e-9));
        if (Double.isNaN(derivedT)) {
            assertThat(r.temperatureC()).isNaN();
        } else {
            assertThat(r.temperatureC()).isCloseTo(derivedT, within(1e-9));
        }
    }

    @ParameterizedTest(name = "relative change {0} MHz without a reference → {1} µε")
    @org.junit.jupiter.params.provider.CsvSource({"10.0, 200.0", "-2.5, -50.0", "1500, NaN"})
    void relativeShiftsWithoutReferenceAreChangesAlready(double change, double strain) {
        var r = new StrainFromShift(C, null, Compensation.NONE, null, LIMITS).convert(3,
                new StrainFromShift.Reading(ShiftKind.RELATIVE, change, null, null));
        if (Double.isNaN(strain)) {
            assertThat(r.error()).contains("implausible");
        } else {
            assertThat(r.strainUe()).isCloseTo(strain, within(1e-9));
        }
    }
}
