package com.goafwatch.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The map-free fiber encoder writes byte for byte what the general LinePoint encoder writes (lines also written out by hand). */
class FiberLineTest {

    @Test
    void compensatedSampleInAParcel() {
        assertThat(FiberLine.append(new StringBuilder(), 17, "4203", 12.5, -3.125, 10.0, 15.0, 112.5, 1_700_000_000_000L).toString())
                .isEqualTo("fiber_strain,cable=17,parcel=4203,pos=12.500 strain_ue=-3.125,strain_raw_ue=10.0,temperature_c=15.0,"
                        + "distance_m=12.5,chainage_m=112.5 1700000000000");
    }

    @Test
    void uncompensatedUnmappedSampleLeavesTheAbsentFieldsOut() {
        assertThat(FiberLine.append(new StringBuilder(), 3, "unmapped", 0.001, 1.0E-4, Double.NaN, Double.NaN, Double.NaN, -5).toString())
                .isEqualTo("fiber_strain,cable=3,parcel=unmapped,pos=0.001 strain_ue=1.0E-4,distance_m=0.001 -5");
    }

    @Test
    void valuesSentAsPlainDecimalsAreWrittenAsSent() {
        assertThat(FiberLine.append(new StringBuilder(), 17, "4203", 12.5, "12.50", -3.125, 10.0, "10", 15.0, "15", 112.5, 1_700_000_000_000L)
                .toString()).isEqualTo("fiber_strain,cable=17,parcel=4203,pos=12.500 strain_ue=-3.125,strain_raw_ue=10,temperature_c=15,"
                        + "distance_m=12.50,chainage_m=112.5 1700000000000");
        // a text whose value is absent (NaN) is left out with it
        assertThat(FiberLine.append(new StringBuilder(), 3, "none", 1, "1", 2, Double.NaN, "2", Double.NaN, null, Double.NaN, 0).toString())
                .isEqualTo("fiber_strain,cable=3,parcel=none,pos=1.000 strain_ue=2.0,distance_m=1 0");
    }

    @Test
    void infiniteValueIsRefusedLikeLinePointDoes() {
        assertThatThrownBy(() -> FiberLine.append(new StringBuilder(), 3, "none", 1, Double.POSITIVE_INFINITY, Double.NaN, 15, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strain_ue");
    }

    @Test
    void sameAsLinePointForManySamples() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            long cable = random.nextInt(100_000);
            String parcel = switch (random.nextInt(3)) {
                case 0 -> "none";
                case 1 -> "unmapped";
                default -> String.valueOf(random.nextInt(1_000_000));
            };
            double distance = Math.round(random.nextDouble() * 50_000_000) / 1000.0;
            double strain = Math.round(random.nextGaussian() * 1e6) / 1000.0 * (random.nextInt(10) == 0 ? 1e-9 : 1);
            double raw = random.nextBoolean() ? Double.NaN : random.nextGaussian() * 3000;
            double temperature = random.nextBoolean() ? Double.NaN : random.nextDouble() * 80 - 20;
            double chainage = random.nextBoolean() ? Double.NaN : random.nextDouble() * 1e5;
            long time = random.nextLong() / 1000;
            TreeMap<String, String> tags = new TreeMap<>(Map.of("cable", String.valueOf(cable), "parcel", parcel, "pos",
                    FiberSeries.positionTag(distance)));
            Map<String, Double> fields = new LinkedHashMap<>();
            fields.put("strain_ue", strain);
            putIfPresent(fields, "strain_raw_ue", raw);
            putIfPresent(fields, "temperature_c", temperature);
            fields.put("distance_m", distance);
            putIfPresent(fields, "chainage_m", chainage);
            assertThat(FiberLine.append(new StringBuilder(), cable, parcel, distance, strain, raw, temperature, chainage, time).toString())
                    .isEqualTo(new LinePoint("fiber_strain", tags, fields, time).toLine());
        }
    }

    private static void putIfPresent(Map<String, Double> fields, String name, double v) {
        if (!Double.isNaN(v)) {
            fields.put(name, v);
        }
    }
}
