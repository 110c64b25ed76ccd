package com.goafwatch.subsidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SiteSimulatorTest {

    private static final Instant GROUTED = Instant.parse("2026-01-01T00:00:00Z");
    private static final ProbabilityIntegral RESIDUAL = new ProbabilityIntegral(40, 140, 0.3);
    private static final SubsidenceField FIELD = new SubsidenceField(RESIDUAL,
            List.of(new StripPanel("7330", -1000, 3000, 0, 50), new StripPanel("7332", -1000, 3000, 150, 200)), 0, 0, 0, 0);
    private static final SiteSimulator SIMULATOR = new SiteSimulator(FIELD, new KnotheTime(0.02), GROUTED, 42);
    /** 400 m across the panels (north), 20 m lead-in, coupling 0.4, 20 µε/°C from 15 °C. */
    private static final SimulatedCable ACROSS = new SimulatedCable("C", false, new double[][] {{1000, -100}, {1000, 300}}, 0, 420,
            d -> d < 20 ? Double.NaN : d - 20, 0.4, 15, 20);

    @Test
    void compensatedTraceFollowsTheGroundStrainTimesCoupling() {
        Instant t = GROUTED.plus(Duration.ofDays(50));
        String csv = null;
        for (int k = 0; csv == null; k++) {
            csv = SIMULATOR.traceCsv(ACROSS, t.plusSeconds(k), 1.0);
        }
        String[] lines = csv.split("\n");
        assertThat(lines).hasSize(1 + 421);
        assertThat(lines[0]).isEqualTo("timestamp,distance_m,strain_ue,temperature_c");
        double fraction = 1 - Math.exp(-0.02 * 50);
        int outliers = 0;
        for (int i = 1; i < lines.length; i++) {
            String[] cols = lines[i].split(",");
            double d = Double.parseDouble(cols[1]);
            double compensated = Double.parseDouble(cols[2]) - 20 * (Double.parseDouble(cols[3]) - 15);
            double expected = d < 20 ? 0 : FIELD.strainMmPerM(1000, -100 + (d - 20), 90) * 1000 * fraction * 0.4;
            if (Math.abs(compensated - expected) > 5 * SiteSimulator.NOISE_UE) {
                outliers++; // at most the one spike
            }
        }
        assertThat(outliers).isLessThanOrEqualTo(1);
    }

    @Test
    void rawStrainCarriesTheTemperatureSwing() {
        Instant winter = Instant.parse("2026-01-20T03:00:00Z");
        Instant summer = Instant.parse("2026-07-20T06:00:00Z");
        assertThat(SIMULATOR.temperatureC(ACROSS, 100, summer) - SIMULATOR.temperatureC(ACROSS, 100, winter)).isGreaterThan(8);
    }

    @Test
    void faultsOccurAtTheirRates() {
        int dropped = 0;
        int spiked = 0;
        SimulatedCable shortCable = new SimulatedCable("S", false, new double[][] {{0, 0}, {0, 10}}, 0, 10, d -> d, 1, 15, 0);
        for (int k = 0; k < 4000; k++) {
            String csv = SIMULATOR.traceCsv(shortCable, GROUTED.plusSeconds(600L * k), 1.0);
            if (csv == null) {
                dropped++;
            } else if (csv.lines().skip(1).anyMatch(l -> Double.parseDouble(l.split(",")[2]) > 400)) {
                spiked++;
            }
        }
        assertThat(dropped / 4000.0).isCloseTo(SiteSimulator.DROPPED_TRACE_SHARE, within(0.01));
        assertThat(spiked / 4000.0).isCloseTo(SiteSimulator.SPIKE_SHARE, within(0.01));
    }

    @Test
    void settlementGrowsByKnotheAndIsReproducible() {
        double early = SIMULATOR.settlementMm(1000, 25, GROUTED.plus(Duration.ofDays(10)));
        double late = SIMULATOR.settlementMm(1000, 25, GROUTED.plus(Duration.ofDays(200)));
        assertThat(SIMULATOR.settlementMm(1000, 25, GROUTED.minusSeconds(1))).isZero();
        assertThat(early).isCloseTo(FIELD.subsidenceMm(1000, 25) * (1 - Math.exp(-0.2)), within(1e-9));
        assertThat(late).isGreaterThan(early);
        Instant t = GROUTED.plus(Duration.ofDays(30));
        assertThat(SIMULATOR.markerReadingMm("SM-01", 1000, 25, t)).isEqualTo(SIMULATOR.markerReadingMm("SM-01", 1000, 25, t));
        assertThat(SIMULATOR.traceCsv(ACROSS, t, 2.0)).isEqualTo(SIMULATOR.traceCsv(ACROSS, t, 2.0));
    }

    @ParameterizedTest(name = "{0} with {1} decimals")
    @CsvSource({"12.345, 2, 12.35", "-3.004, 2, -3.00", "-0.004, 2, 0.00", "0.5, 3, 0.500", "1500.0, 2, 1500.00",
            "-17.0999, 3, -17.100", "0.0001, 2, 0.00"})
    void writesFixedDecimalsAsTheCsvReaderExpects(double value, int decimals, String expected) {
        assertThat(SiteSimulator.fixed(new StringBuilder(), value, decimals).toString()).isEqualTo(expected);
        assertThat(Double.parseDouble(expected)).isCloseTo(value, within(Math.pow(10, -decimals)));
    }

    @Test
    void cablesAndMinutesDropTheirTracesIndependently() {
        // a live feed sends every cable's trace each minute: a drop must make neither the neighbouring cable's
        // (codes F-C2 / F-C3 differ in one bit) nor the next minute's likelier — independent, that is 3 %
        List<String> codes = List.of("F-L1", "F-L2", "F-C1", "F-C2", "F-C3", "BH-01", "BH-02", "BH-03");
        int dropped = 0;
        int withNeighbour = 0;
        int afterDrop = 0;
        boolean[] previous = new boolean[codes.size()];
        Instant start = Instant.parse("2026-11-30T04:36:33Z");
        for (int minute = 0; minute < 3_000; minute++) {
            Instant t = start.plus(Duration.ofMinutes(minute)).plusSeconds(minute % 7);
            boolean[] drops = new boolean[codes.size()];
            for (int c = 0; c < codes.size(); c++) {
                SimulatedCable cable = new SimulatedCable(codes.get(c), false, ACROSS.route(), 0, 420, ACROSS.fiberToChainage(), 0.4, 15, 20);
                drops[c] = SIMULATOR.traceCsv(cable, t, 50.0) == null;
                dropped += drops[c] ? 1 : 0;
                afterDrop += drops[c] && previous[c] ? 1 : 0;
                withNeighbour += drops[c] && c > 0 && drops[c - 1] ? 1 : 0;
            }
            previous = drops;
        }
        assertThat(dropped / 24_000.0).isCloseTo(SiteSimulator.DROPPED_TRACE_SHARE, within(0.01));
        assertThat((double) afterDrop / dropped).as("share of drops right after the same cable's drop").isLessThan(0.1);
        assertThat((double) withNeighbour / dropped).as("share of drops with the neighbouring cable's").isLessThan(0.1);
    }
}
