package com.goafwatch.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses one line of InfluxDB line protocol ({@code measurement[,tag=v...] field=v[,field=v...] [time]})
 * with its escaping rules: {@code \,} {@code \ } {@code \=} in names and tag values, double-quoted string
 * fields. Only numeric fields are accepted here (floats, and integers with an {@code i}/{@code u} suffix):
 * sensor readings are numbers.
 */
final class LineProtocolParser {

    /** A parsed line; {@code time} is null when the line has no timestamp. */
    record Line(String measurement, Map<String, String> tags, Map<String, Double> fields, Long time) {
    }

    private final String text;
    private int pos;

    private LineProtocolParser(String text) {
        this.text = text;
    }

    /** @throws IllegalArgumentException with the reason and the character position */
    static Line parse(String text) {
        return new LineProtocolParser(text).line();
    }

    private Line line() {
        String measurement = token(',', ' ');
        if (measurement.isEmpty()) {
            throw fail("missing measurement name");
        }
        Map<String, String> tags = new LinkedHashMap<>(4);
        while (pos < text.length() && text.charAt(pos) == ',') {
            pos++;
            String key = token('=', '=');
            expect('=');
            String value = token(',', ' ');
            if (key.isEmpty() || value.isEmpty()) {
                throw fail("empty tag key or value");
            }
            tags.put(key, value);
        }
        expect(' ');
        Map<String, Double> fields = new LinkedHashMap<>(8);
        do {
            if (!fields.isEmpty()) {
                pos++;
            }
            String key = token('=', '=');
            expect('=');
            fields.put(key, fieldValue(key));
        } while (pos < text.length() && text.charAt(pos) == ',');
        Long time = null;
        if (pos < text.length()) {
            expect(' ');
            String t = text.substring(pos).trim();
            if (!isInteger(t)) {
                throw fail("timestamp '" + t + "' is not an integer");
            }
            time = Long.parseLong(t);
        }
        return new Line(measurement, tags, fields, time);
    }

    /** {@code -?\d{1,19}}, without a regular expression (this runs for every sample). */
    private static boolean isInteger(String t) {
        int from = t.startsWith("-") ? 1 : 0;
        int digits = t.length() - from;
        if (digits < 1 || digits > 19) {
            return false;
        }
        for (int i = from; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private double fieldValue(String key) {
        if (pos < text.length() && text.charAt(pos) == '"') {
            throw fail("field '" + key + "' is a string; sensor fields must be numeric");
        }
        String raw = token(',', ' ');
        String number = raw.endsWith("i") || raw.endsWith("u") ? raw.substring(0, raw.length() - 1) : raw;
        if (raw.equalsIgnoreCase("t") || raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("f") || raw.equalsIgnoreCase("false")) {
            throw fail("field '" + key + "' is a boolean; sensor fields must be numeric");
        }
        try {
            double v = Double.parseDouble(number);
            // only a spelled-out NaN or Infinity parses to one of them ("1e400" is infinite too, and refused later as out of range)
            if (!Double.isFinite(v) && spellsNonFinite(number)) {
                throw fail("field '" + key + "' is " + number + "; values must be finite");
            }
            return v;
        } catch (NumberFormatException e) {
            throw fail("field '" + key + "' value '" + raw + "' is not a number");
        }
    }

    private static boolean spellsNonFinite(String number) {
        String lower = number.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("nan") || lower.contains("infinity");
    }

    /** Reads up to an unescaped stop character, unescaping {@code \x}; no copy beyond the result when nothing is escaped. */
    private String token(char stop, char otherStop) {
        int from = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\' && pos + 1 < text.length()) {
                return escapedToken(from, stop, otherStop);
            }
            if (c == stop || c == otherStop) {
                return text.substring(from, pos);
            }
            pos++;
        }
        return text.substring(from, pos);
    }

    private String escapedToken(int from, char stop, char otherStop) {
        StringBuilder b = new StringBuilder().append(text, from, pos);
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\' && pos + 1 < text.length()) {
                b.append(text.charAt(pos + 1));
                pos += 2;
                continue;
            }
            if (c == stop || c == otherStop) {
                return b.toString();
            }
            b.append(c);
            pos++;
        }
        return b.toString();
    }

    private void expect(char c) {
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw fail(pos >= text.length() ? "line ends early (expected '" + c + "')" : "expected '" + c + "' but found '" + text.charAt(pos) + "'");
        }
        pos++;
    }

    private IllegalArgumentException fail(String reason) {
        return new IllegalArgumentException(reason + " (at character " + (pos + 1) + ")");
    }
}
