package com.goafwatch.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** DecimalText against the JDK: the same text as Double.toString, the same double as Double.parseDouble. */
class DecimalTextTest {

    @Test
    void writesWhatDoubleToStringWrites() {
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            double v = switch (i % 5) {
                case 0 -> Math.round(random.nextGaussian() * 1e6) / 1000.0; // strains rounded to 0.001 µε
                case 1 -> Math.round(random.nextDouble() * 2e10) / 1000.0; // distances up to 20,000 km: some past 10^7
                case 2 -> random.nextGaussian() * 1e3; // not thousandths
                case 3 -> Math.round(random.nextGaussian() * 10) / 1000.0; // near zero
                default -> Double.longBitsToDouble(random.nextLong()); // anything, NaN and infinities too
            };
            assertThat(DecimalText.append(new StringBuilder(), v).toString()).as("%s", v).isEqualTo(Double.toString(v));
        }
        for (double v : new double[] {0.0, -0.0, 0.001, -0.001, 0.0009, 9_999_999.999, 10_000_000.0, 1e-3, 15, -15, 0.1, 0.01}) {
            assertThat(DecimalText.append(new StringBuilder(), v).toString()).isEqualTo(Double.toString(v));
        }
    }

    @Test
    void readsPlainDecimalsAsDoubleParseDoubleDoes() {
        Random random = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            String text = switch (i % 4) {
                case 0 -> Double.toString(Math.round(random.nextGaussian() * 1e6) / 1000.0);
                case 1 -> String.valueOf(random.nextInt(2_000_000) - 1_000_000);
                case 2 -> String.format(java.util.Locale.ROOT, "%." + random.nextInt(12) + "f", random.nextGaussian() * 1e4);
                default -> (random.nextBoolean() ? "-" : "") + (random.nextLong() & 0x7fffffffffffL) + "." + random.nextInt(1_000_000);
            };
            double parsed = DecimalText.parseSimple(text, 0, text.length());
            if (!Double.isNaN(parsed)) {
                assertThat(parsed).as(text).isEqualTo(Double.parseDouble(text));
            } else {
                assertThat(text.replace("-", "").replace(".", "").length()).as(text).isGreaterThan(15);
            }
        }
        assertThat(DecimalText.parseSimple("-0", 0, 2)).isEqualTo(-0.0);
        assertThat(DecimalText.parseSimple("x15.25y", 1, 6)).isEqualTo(15.25);
    }

    @Test
    void leavesEverythingButPlainDecimalsToTheJdk() {
        for (String text : new String[] {"", "-", "1e5", "1E5", "+1", ".5", "5.", "05", "-05", "0x10", "1_0", "NaN", "Infinity", "1.5f",
                "1.5d", " 1", "1 ", "1..2", "1.2.3", "1234567890123456", "0.1234567890123456", "--1", "1-"}) {
            assertThat(DecimalText.parseSimple(text, 0, text.length())).as(text).isNaN();
        }
        assertThat(DecimalText.parseSimple("0", 0, 1)).isEqualTo(0.0);
        assertThat(DecimalText.parseSimple("0.5", 0, 3)).isEqualTo(0.5);
        assertThat(DecimalText.parseSimple("123456789012345", 0, 15)).isEqualTo(123456789012345.0);
    }
}
