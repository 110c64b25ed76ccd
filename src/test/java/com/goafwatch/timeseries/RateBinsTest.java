package com.goafwatch.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The bin rollup's text fields and bin arithmetic, without a database; expected values written out by hand. */
class RateBinsTest {

    @ParameterizedTest(name = "{0} m at {1} m bins is bin {2}")
    @CsvSource({
            "0,       2,   0",
            "1.999,   2,   0",
            "2,       2,   1",
            "100,     2,   50",
            "100.5,   2,   50",
            "101.9,   2,   50",
            "0.3,     0.1, 3",    // 0.3 / 0.1 is 2.9999999999999996 in binary; millimetres make it 3
            "0.7,     0.1, 7",
            "4999.999, 5,  999",
            "5000,    5,   1000"})
    void distanceToBin(double distanceM, double binM, long index) {
        assertThat(RateBins.index(distanceM, RateBins.binMm(binM))).isEqualTo(index);
    }

    @Test
    void meansAndPlacesRoundTripAtTheWrittenPrecision() {
        List<RateBins.Bin> bins = List.of(new RateBins.Bin(50, 2, 123.4564, 100.5, 150.25), new RateBins.Bin(51, 1, -0.0004, 102, 151),
                new RateBins.Bin(7, 3, -42000.1235, 14, Double.NaN));
        // to the nearest 0.001, halves toward +∞ (Math.round): −0.0004 → 0.0, −42000.1235 → −42000.123
        assertThat(RateBins.means(bins)).isEqualTo("50,2,123.456;51,1,0.0;7,3,-42000.123");
        assertThat(RateBins.places(bins)).isEqualTo("50,100.5,150.25;51,102.0,151.0;7,14.0,NaN");
        Map<Long, double[]> read = new TreeMap<>();
        RateBins.parse(RateBins.means(bins), (k, n, mean) -> read.put(k, new double[] {n, mean}));
        assertThat(read).containsOnlyKeys(7L, 50L, 51L);
        assertThat(read.get(50L)).containsExactly(2, 123.456);
        assertThat(read.get(7L)).containsExactly(3, -42000.123);
        List<Double> chainages = new ArrayList<>();
        RateBins.parse(RateBins.places(bins), (k, distance, chainage) -> chainages.add(chainage));
        assertThat(chainages).containsExactly(150.25, 151.0, Double.NaN);
    }

    @Test
    void entriesThatDoNotParseAreSkipped() {
        List<Long> read = new ArrayList<>();
        RateBins.parse("1,2,3;x,1,2;4,5;;6,1,zz;8,1,9.5", (k, a, b) -> read.add(k));
        assertThat(read).containsExactly(1L, 8L);
        RateBins.parse("", (k, a, b) -> read.add(-1L));
        RateBins.parse(null, (k, a, b) -> read.add(-1L));
        assertThat(read).containsExactly(1L, 8L);
    }

    @Test
    void aTextFieldIsQuotedInLineProtocol() {
        TreeMap<String, String> tags = new TreeMap<>(Map.of("cable", "3"));
        String line = new LinePoint("fiber_rate_bins", tags, Map.of("bin_m", 2.0), Map.of("means", "1,1,2.5;say \"x\\"), 1000L).toLine();
        assertThat(line).isEqualTo("fiber_rate_bins,cable=3 bin_m=2.0,means=\"1,1,2.5;say \\\"x\\\\\" 1000");
    }
}
