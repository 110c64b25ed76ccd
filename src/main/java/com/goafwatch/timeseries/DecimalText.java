package com.goafwatch.timeseries;

/**
 * Fast decimal text of doubles, for the values ingestion writes per sample. {@link #append} writes what
 * {@link Double#toString(double)} writes, without its allocations, when the value is a whole number of thousandths
 * between 0.001 and 10⁷ (what the service stores: strains and distances rounded to 0.001); any other value goes
 * through {@code Double.toString}. Such a value is the double nearest to k/1000 (k/1000.0 is a correctly rounded
 * division), so the decimal k/1000 reads back as exactly that double; below 10⁷ two thousandths are far more than one
 * ulp apart, so no shorter decimal names it either, which makes it Double.toString's shortest form.
 * {@link #parseSimple} reads the plain decimals gateways send ({@code -?(0|[1-9]\d*)(\.\d+)?}) the same way
 * Double.parseDouble does, and refuses (NaN) anything else, which then takes the JDK's path.
 */
public final class DecimalText {

    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private DecimalText() {
    }

    /** Appends {@code v} as {@link Double#toString(double)} would. */
    public static StringBuilder append(StringBuilder b, double v) {
        double abs = Math.abs(v);
        if (abs >= 1e-3 && abs < 1e7) {
            long k = Math.round(abs * 1000);
            if (k / 1000.0 == abs) {
                if (v < 0) {
                    b.append('-');
                }
                b.append(k / 1000).append('.');
                int frac = (int) (k % 1000);
                if (frac == 0) {
                    return b.append('0');
                }
                b.append((char) ('0' + frac / 100));
                if (frac % 100 != 0) {
                    b.append((char) ('0' + frac / 10 % 10));
                    if (frac % 10 != 0) {
                        b.append((char) ('0' + frac % 10));
                    }
                }
                return b;
            }
        }
        return b.append(v);
    }

    /**
     * The value of {@code text[from, to)} when it is a plain decimal of at most 15 significant digits
     * ({@code -?(0|[1-9]\d*)(\.\d+)?}, read as a double exactly as {@link Double#parseDouble} would); NaN otherwise
     * (anything else: exponents, signs, leading zeros, more digits, not a number at all).
     */
    public static double parseSimple(CharSequence text, int from, int to) {
        int i = from;
        boolean negative = i < to && text.charAt(i) == '-';
        if (negative) {
            i++;
        }
        if (i >= to || (text.charAt(i) == '0' && i + 1 < to && text.charAt(i + 1) != '.')) {
            return Double.NaN;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = -1; // digits after the point, -1 before it
        for (; i < to; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 15) {
                    return Double.NaN;
                }
                mantissa = mantissa * 10 + (c - '0');
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (c == '.' && fraction < 0 && digits > 0) {
                fraction = 0;
            } else {
                return Double.NaN;
            }
        }
        if (digits == 0 || fraction == 0) {
            return Double.NaN; // "-", "5." (Double.parseDouble takes it; it is not plain)
        }
        // both exact doubles (mantissa < 10^15 < 2^53, 10^k for k <= 22), so the quotient is correctly rounded
        double value = fraction > 0 ? mantissa / POW10[fraction] : mantissa;
        return negative ? -value : value;
    }
}
