package com.goafwatch.ingest;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import com.goafwatch.timeseries.DecimalText;

/**
 * Parses one line of InfluxDB line protocol ({@code measurement[,tag=v...] field=v[,field=v...] [time]})
 * with its escaping rules: {@code \,} {@code \ } {@code \=} in names and tag values, double-quoted string
 * fields. Only numeric fields are accepted here (floats, and integers with an {@code i}/{@code u} suffix):
 * sensor readings are numbers.
 *
 * <p>This runs for every sample of every trace, so one parser serves a whole request ({@link #parse} reads a range
 * of the body, no copy of the line): the names ingestion knows come back as constants, a tag value equal to the
 * previous line's is reused, plain decimals are read without the JDK's general parser, and each numeric field keeps
 * its text when that text is a plain decimal ({@link Line#text}), so the stored line can carry it unchanged instead
 * of formatting the double back.
 */
final class LineProtocolParser {

    /** Names that recur on every line: returned as these constants instead of a new string each time. */
    private static final String[] KNOWN = {"fiber_strain", "cable", "distance_m", "strain_ue", "temperature_c", "reference_strain_ue",
            "settlement", "sensor", "settlement_mm", "elevation_m", "sensor_reading", "value"};

    /** A parsed line; {@code time} is null when the line has no timestamp. Valid until the parser reads the next line. */
    static final class Line {
        private String measurement;
        private final Map<String, String> tags = new LinkedHashMap<>(4);
        private String[] names = new String[8];
        private double[] values = new double[8];
        private String[] texts = new String[8];
        private int fieldCount;
        private Long time;

        String measurement() {
            return measurement;
        }

        Map<String, String> tags() {
            return tags;
        }

        Long time() {
            return time;
        }

        int fieldCount() {
            return fieldCount;
        }

        String fieldName(int i) {
            return names[i];
        }

        boolean has(String field) {
            return indexOf(field) >= 0;
        }

        /** The field's value, or null when the line lacks it. */
        Double get(String field) {
            int i = indexOf(field);
            return i < 0 ? null : values[i];
        }

        /** The field's text when it is a plain decimal (InfluxDB reads it as the same double), else null. */
        String text(String field) {
            int i = indexOf(field);
            return i < 0 ? null : texts[i];
        }

        private int indexOf(String field) {
            for (int i = 0; i < fieldCount; i++) {
                if (names[i] == field) { // known names are the same constants (string literals are interned)
                    return i;
                }
            }
            for (int i = 0; i < fieldCount; i++) {
                if (names[i].equals(field)) {
                    return i;
                }
            }
            return -1;
        }

        private void add(String name, double value, String text) {
            if (fieldCount == names.length) {
                names = Arrays.copyOf(names, fieldCount * 2);
                values = Arrays.copyOf(values, fieldCount * 2);
                texts = Arrays.copyOf(texts, fieldCount * 2);
            }
            int existing = indexOf(name);
            int i = existing >= 0 ? existing : fieldCount++; // a repeated field: the last value wins, as in a map
            names[i] = name;
            values[i] = value;
            texts[i] = text;
        }
    }

    private final Line line = new Line();
    private String text;
    private int start;
    private int end;
    private int pos;
    private String lastTagValue = "";

    /** Parses {@code text[from, to)} (one line, without its line break); the result is reused by the next call. */
    Line parse(String text, int from, int to) {
        this.text = text;
        this.start = from;
        this.end = to;
        this.pos = from;
        return line();
    }

    /** One line on its own (tests, tools). @throws IllegalArgumentException with the reason and the character position */
    static Line parse(String text) {
        return new LineProtocolParser().parse(text, 0, text.length());
    }

    private Line line() {
        Line l = line;
        l.tags.clear();
        l.fieldCount = 0;
        l.time = null;
        l.measurement = token(',', ' ');
        if (l.measurement.isEmpty()) {
            throw fail("missing measurement name");
        }
        while (pos < end && text.charAt(pos) == ',') {
            pos++;
            String key = token('=', '=');
            expect('=');
            String value = tagValue();
            if (key.isEmpty() || value.isEmpty()) {
                throw fail("empty tag key or value");
            }
            l.tags.put(key, value);
        }
        expect(' ');
        do {
            if (l.fieldCount > 0) {
                pos++;
            }
            String key = token('=', '=');
            expect('=');
            field(l, key);
        } while (pos < end && text.charAt(pos) == ',');
        if (pos < end) {
            expect(' ');
            int from = pos;
            int to = end;
            while (from < to && text.charAt(from) <= ' ') { // String.trim()
                from++;
            }
            while (to > from && text.charAt(to - 1) <= ' ') {
                to--;
            }
            if (!isInteger(from, to)) {
                throw fail("timestamp '" + text.substring(from, to) + "' is not an integer");
            }
            l.time = parseLong(from, to);
        }
        return l;
    }

    /** {@code -?\d{1,19}}, without a regular expression (this runs for every sample). */
    private boolean isInteger(int from, int to) {
        int first = from < to && text.charAt(from) == '-' ? from + 1 : from;
        int digits = to - first;
        if (digits < 1 || digits > 19) {
            return false;
        }
        for (int i = first; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private long parseLong(int from, int to) {
        if (to - from < 19) { // at most 18 digits: cannot overflow
            boolean negative = text.charAt(from) == '-';
            long v = 0;
            for (int i = negative ? from + 1 : from; i < to; i++) {
                v = v * 10 + (text.charAt(i) - '0');
            }
            return negative ? -v : v;
        }
        try {
            return Long.parseLong(text, from, to, 10);
        } catch (NumberFormatException e) {
            throw fail("timestamp '" + text.substring(from, to) + "' is not an integer");
        }
    }

    private void field(Line l, String key) {
        if (pos < end && text.charAt(pos) == '"') {
            throw fail("field '" + key + "' is a string; sensor fields must be numeric");
        }
        int from = pos;
        while (pos < end) {
            char c = text.charAt(pos);
            if (c == '\\') {
                break;
            }
            if (c == ',' || c == ' ') {
                break;
            }
            pos++;
        }
        if (pos >= end || text.charAt(pos) != '\\') {
            int to = pos;
            int numberTo = to > from && (text.charAt(to - 1) == 'i' || text.charAt(to - 1) == 'u') ? to - 1 : to;
            double fast = DecimalText.parseSimple(text, from, numberTo);
            if (!Double.isNaN(fast)) {
                l.add(key, fast, text.substring(from, numberTo));
                return;
            }
            pos = from;
        } else {
            pos = from;
        }
        l.add(key, slowValue(key, token(',', ' ')), null);
    }

    /** Anything but a plain decimal: the JDK's parser, with the checks for booleans and spelled-out NaN/Infinity. */
    private double slowValue(String key, String raw) {
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

    /** A tag value; the previous line's string when equal (a gateway sends a cable's samples one after the other). */
    private String tagValue() {
        int from = pos;
        while (pos < end) {
            char c = text.charAt(pos);
            if (c == '\\' && pos + 1 < end) {
                pos = from;
                return lastTagValue = token(',', ' ');
            }
            if (c == ',' || c == ' ') {
                break;
            }
            pos++;
        }
        int length = pos - from;
        if (length == lastTagValue.length() && text.regionMatches(from, lastTagValue, 0, length)) {
            return lastTagValue;
        }
        return lastTagValue = text.substring(from, pos);
    }

    /** Reads up to an unescaped stop character, unescaping {@code \x}; a known name comes back as its constant. */
    private String token(char stop, char otherStop) {
        int from = pos;
        while (pos < end) {
            char c = text.charAt(pos);
            if (c == '\\' && pos + 1 < end) {
                return escapedToken(from, stop, otherStop);
            }
            if (c == stop || c == otherStop) {
                break;
            }
            pos++;
        }
        int length = pos - from;
        for (String known : KNOWN) {
            if (known.length() == length && text.regionMatches(from, known, 0, length)) {
                return known;
            }
        }
        return text.substring(from, pos);
    }

    private String escapedToken(int from, char stop, char otherStop) {
        StringBuilder b = new StringBuilder().append(text, from, pos);
        while (pos < end) {
            char c = text.charAt(pos);
            if (c == '\\' && pos + 1 < end) {
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
        if (pos >= end || text.charAt(pos) != c) {
            throw fail(pos >= end ? "line ends early (expected '" + c + "')" : "expected '" + c + "' but found '" + text.charAt(pos) + "'");
        }
        pos++;
    }

    private IllegalArgumentException fail(String reason) {
        return new IllegalArgumentException(reason + " (at character " + (pos - start + 1) + ")");
    }
}
