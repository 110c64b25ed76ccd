package com.goafwatch.timeseries;

import java.util.Map;
import java.util.SortedMap;

/**
 * One InfluxDB point, encoded as line protocol with millisecond precision. Tags are sorted (InfluxDB's
 * preferred order); keys and values are escaped per the line-protocol rules, so no client-supplied
 * text can add tags, fields or lines. Number fields are finite doubles only (NaN/∞ are not representable); text
 * fields (InfluxDB string fields, at most 64 KB each in 1.x) are quoted with {@code "} and {@code \} escaped.
 */
public record LinePoint(String measurement, SortedMap<String, String> tags, Map<String, Double> fields, Map<String, String> textFields,
        long timeMs) {

    public LinePoint(String measurement, SortedMap<String, String> tags, Map<String, Double> fields, long timeMs) {
        this(measurement, tags, fields, Map.of(), timeMs);
    }

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
        for (Map.Entry<String, String> f : textFields.entrySet()) {
            b.append(separator);
            escape(b, f.getKey(), false);
            b.append("=\"");
            String v = f.getValue();
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '\n' || c == '\r') {
                    throw new IllegalArgumentException("line breaks are not allowed in text fields");
                }
                if (c == '"' || c == '\\') {
                    b.append('\\');
                }
                b.append(c);
            }
            b.append('"');
            separator = ',';
        }
        if (separator == ' ') {
            throw new IllegalArgumentException("a point needs at least one field");
        }
        b.append(' ').append(timeMs);
        return b.toString();
    }

    /** Java's shortest round-trip form (DecimalText: without Double.toString's garbage); InfluxDB parses it, scientific notation included, exactly. */
    private static void appendNumber(StringBuilder b, double v) {
        DecimalText.append(b, v);
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
