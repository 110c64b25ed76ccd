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
    void meansAndPlacesAreRunsOfConsecutiveBinsAtTheWrittenPrecision() {
        // bins 50 and 51 have 2 samples (one run), 52 has 1 (a new run: another count), 60 is not next to 52 (a new run)
        List<RateBins.Bin> bins = List.of(new RateBins.Bin(50, 2, 123.4564, 100.5, 150.25), new RateBins.Bin(51, 2, -0.0004, 102.5, 152.5),
                new RateBins.Bin(52, 1, -42000.1235, 104, Double.NaN), new RateBins.Bin(60, 1, 7, 120, 170));
        // to the nearest 0.001, halves toward +∞ (Math.round): −0.0004 → 0.0, −42000.1235 → −42000.123
        assertThat(RateBins.means(bins)).isEqualTo("50,2,123.456,0.0;52,1,-42000.123;60,1,7.0");
        assertThat(RateBins.places(bins)).isEqualTo("50,100.5,150.25,102.5,152.5,104.0,NaN;60,120.0,170.0");
        Map<Long, double[]> read = new TreeMap<>();
        RateBins.parseMeans(RateBins.means(bins), (k, n, mean) -> read.put(k, new double[] {n, mean}));
        assertThat(read).containsOnlyKeys(50L, 51L, 52L, 60L);
        assertThat(read.get(50L)).containsExactly(2, 123.456);
        assertThat(read.get(51L)).containsExactly(2, 0.0);
        assertThat(read.get(52L)).containsExactly(1, -42000.123);
        assertThat(read.get(60L)).containsExactly(1, 7.0);
        Map<Long, double[]> places = new TreeMap<>();
        RateBins.parsePlaces(RateBins.places(bins), (k, distance, chainage) -> places.put(k, new double[] {distance, chainage}));
        assertThat(places).containsOnlyKeys(50L, 51L, 52L, 60L);
        assertThat(places.get(51L)).containsExactly(102.5, 152.5);
        assertThat(places.get(52L)).containsExactly(104.0, Double.NaN);
        assertThat(places.get(60L)).containsExactly(120.0, 170.0);
    }

    @Test
    void runsThatDoNotParseAreSkipped() {
        List<Long> read = new ArrayList<>();
        RateBins.parseMeans("1,2,3.5,4.5;x,1,2;4,5;;6,1,zz;8,1,9.5", (k, n, mean) -> read.add(k));
        assertThat(read).containsExactly(1L, 2L, 8L);
        RateBins.parseMeans("", (k, a, b) -> read.add(-1L));
        RateBins.parseMeans(null, (k, a, b) -> read.add(-1L));
        assertThat(read).containsExactly(1L, 2L, 8L);
    }

    @Test
    void aTextFieldIsQuotedInLineProtocol() {
        TreeMap<String, String> tags = new TreeMap<>(Map.of("cable", "3"));
        String line = new LinePoint("fiber_rate_bins", tags, Map.of("bin_m", 2.0), Map.of("means", "1,1,2.5;say \"x\\"), 1000L).toLine();
        assertThat(line).isEqualTo("fiber_rate_bins,cable=3 bin_m=2.0,means=\"1,1,2.5;say \\\"x\\\\\" 1000");
    }
}
