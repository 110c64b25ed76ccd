package com.goafwatch.timeseries;

import java.util.Map;
import java.util.SortedMap;

/**
 * One InfluxDB point, encoded as line protocol with millisecond precision. Tags are sorted (InfluxDB's
 * preferred order); keys and values are escaped per the line-protocol rules, so no client-supplied
 * text can add tags, fields or lines. Field values are finite doubles only (NaN/∞ are not representable).
 */
public record LinePoint(String measurement, SortedMap<String, String> tags, Map<String, Double> fields, long timeMs) {

    public String toLine() {
        StringBuilder b = new StringBuilder(96);
        escape(b, measurement, true);
        tags.forEach((k, v) -> {
            b.append(',');
            escape(b, k, false);
            b.append('=');
            escape(b, v, false);
        });
        char separator = ' ';
        for (Map.Entry<String, Double> f : fields.entrySet()) {
            double v = f.getValue();
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("field " + f.getKey() + " is not finite");
            }
            b.append(separator);
            escape(b, f.getKey(), false);
            b.append('=');
            appendNumber(b, v);
            separator = ',';
        }
        if (separator == ' ') {
            throw new IllegalArgumentException("a point needs at least one field");
        }
        b.append(' ').append(timeMs);
        return b.toString();
    }

    /** Java's shortest round-trip form; InfluxDB parses it, scientific notation included, exactly. */
    private static void appendNumber(StringBuilder b, double v) {
        b.append(Double.toString(v));
    }

    /** Measurement names escape commas and spaces; tag keys, values and field keys also escape '='. */
    private static void escape(StringBuilder b, String text, boolean measurement) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                throw new IllegalArgumentException("line breaks are not allowed in line-protocol names");
            }
            if (c == ',' || c == ' ' || (!measurement && c == '=') || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
    }
}
