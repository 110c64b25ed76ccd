package com.goafwatch.levelling;

import java.io.BufferedReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trimble DiNi raw data in the M5 format: one 121-character line per record,
 * {@code For M5|Adr <n>|<information block, 27 characters>|<T3 value unit>|<T4 value unit>|<T5 value unit>|}.
 * The information block of a measurement starts with the type identifier {@code KD1} followed by the point
 * number; {@code TO} lines carry text (Start-Line, End-Line) and are skipped. Value blocks read: {@code Rb}
 * backsight, {@code Rf} foresight, {@code Rz} intermediate sight (staff readings), {@code HD} horizontal
 * distance; others ({@code Z} height, {@code Sh}, {@code dz}, {@code Db}/{@code Df} sums) are not needed.
 * Units must be {@code m}. Sources: Trimble DiNi User Guide (P/N 57345002), appendix on the M5 data format;
 * the M5 line layout (columns, separators, 14-digit value blocks, 4-character units) in Trimble M3 User
 * Guide appendix B.8.
 */
final class DiniReader {

    private static final Pattern BLOCK = Pattern.compile("^(\\S{1,2})\\s+([-+]?\\d+(?:\\.\\d+)?)\\s+(\\S+)$");

    private DiniReader() {
    }

    static RawRun read(BufferedReader in, LevellingProperties limits, RawFileErrors errors) {
        List<Observation> observations = new ArrayList<>();
        RawLines.each(in, limits, errors, (line, text) -> {
            String[] parts = text.split("\\|", -1);
            if (!parts[0].strip().equals("For M5") || parts.length < 6) {
                errors.add(line, "not an M5 line ('For M5|Adr …|info|value|value|value|')");
                return;
            }
            Observation o = record(parts, line, errors);
            if (o != null) {
                observations.add(o);
            }
        });
        return new RawRun("dini", observations);
    }

    private static Observation record(String[] parts, long line, RawFileErrors errors) {
        String info = parts[2].strip();
        if (!info.startsWith("KD1")) {
            return null; // TO text, KD2 summaries, header lines
        }
        String[] tokens = info.substring(3).strip().split("\\s+");
        String point = tokens.length == 0 ? "" : tokens[0];
        Observation.Sight sight = null;
        double reading = Double.NaN;
        double distance = Double.NaN;
        for (int i = 3; i <= 5; i++) {
            String block = parts[i].strip();
            if (block.isEmpty()) {
                continue;
            }
            Matcher m = BLOCK.matcher(block);
            if (!m.matches()) {
                errors.add(line, "value block '" + block + "' is not 'type value unit'");
                return null;
            }
            String type = m.group(1);
            if (!type.equals("Rb") && !type.equals("Rf") && !type.equals("Rz") && !type.equals("HD")) {
                continue;
            }
            if (!m.group(3).equals("m")) {
                errors.add(line, "wrong units: " + type + " in '" + m.group(3) + "'; record metres (m)");
                return null;
            }
            double v = Double.parseDouble(m.group(2));
            if (type.equals("HD")) {
                distance = v;
            } else if (sight != null) {
                errors.add(line, "more than one staff reading in one record");
                return null;
            } else {
                sight = type.equals("Rb") ? Observation.Sight.BACK : type.equals("Rf") ? Observation.Sight.FORE : Observation.Sight.INTERMEDIATE;
                reading = v;
            }
        }
        if (sight == null) {
            return null; // a height (Z) or summary record
        }
        if (point.isEmpty()) {
            errors.add(line, "staff reading without a point number");
            return null;
        }
        return new Observation(line, point, sight, reading, distance);
    }
}
