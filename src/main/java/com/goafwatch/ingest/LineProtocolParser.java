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
        String measurement = token(new char[] {',', ' '});
        if (measurement.isEmpty()) {
            throw fail("missing measurement name");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        while (pos < text.length() && text.charAt(pos) == ',') {
            pos++;
            String key = token(new char[] {'='});
            expect('=');
            String value = token(new char[] {',', ' '});
            if (key.isEmpty() || value.isEmpty()) {
                throw fail("empty tag key or value");
            }
            tags.put(key, value);
        }
        expect(' ');
        Map<String, Double> fields = new LinkedHashMap<>();
        do {
            if (!fields.isEmpty()) {
                pos++;
            }
            String key = token(new char[] {'='});
            expect('=');
            fields.put(key, fieldValue(key));
        } while (pos < text.length() && text.charAt(pos) == ',');
        Long time = null;
        if (pos < text.length()) {
            expect(' ');
            String t = text.substring(pos).trim();
            if (!t.matches("-?\\d{1,19}")) {
                throw fail("timestamp '" + t + "' is not an integer");
            }
            time = Long.parseLong(t);
        }
        return new Line(measurement, tags, fields, time);
    }

    private double fieldValue(String key) {
        if (pos < text.length() && text.charAt(pos) == '"') {
            throw fail("field '" + key + "' is a string; sensor fields must be numeric");
        }
        String raw = token(new char[] {',', ' '});
        String number = raw.endsWith("i") || raw.endsWith("u") ? raw.substring(0, raw.length() - 1) : raw;
        if (raw.matches("(?i)t|true|f|false")) {
            throw fail("field '" + key + "' is a boolean; sensor fields must be numeric");
        }
        try {
            double v = Double.parseDouble(number);
            if (number.matches("(?i).*(nan|infinity).*")) {
                throw fail("field '" + key + "' is " + number + "; values must be finite");
            }
            return v;
        } catch (NumberFormatException e) {
            throw fail("field '" + key + "' value '" + raw + "' is not a number");
        }
    }

    /** Reads up to an unescaped stop character, unescaping {@code \x}. */
    private String token(char[] stops) {
        StringBuilder b = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\' && pos + 1 < text.length()) {
                b.append(text.charAt(pos + 1));
                pos += 2;
                continue;
            }
            for (char stop : stops) {
                if (c == stop) {
                    return b.toString();
                }
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
