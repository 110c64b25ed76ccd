package com.goafwatch.levelling;

import java.io.BufferedReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Leica GSI-8 and GSI-16 raw levelling data (DNA03/DNA10, LS10/LS15 digital levels). A line is a block of
 * words separated by blanks; GSI-16 blocks start with {@code *}. A word is: word index (WI, positions 1–2, or
 * 1–3 for the 3-digit level words), information positions up to 6 (position 6: unit of the last digit —
 * {@code 0} mm, {@code 6} 1/10 mm, {@code 8} 1/100 mm; {@code 1}/{@code 7} feet, refused), sign at position 7,
 * then 8 (GSI-8) or 16 (GSI-16) data characters. Words read:
 * <ul>
 * <li>{@code 11} point number (leading zeros of the padding removed);</li>
 * <li>{@code 32} horizontal distance to the staff;</li>
 * <li>{@code 331} backsight and {@code 332} foresight reading (first), {@code 335} / {@code 336} the second
 * backsight / foresight of BFFB, {@code 333} intermediate sight;</li>
 * <li>others ({@code 41}–{@code 49} codes, {@code 83} height, {@code 571}–{@code 574} station and distance
 * differences, {@code 19} time…) are accepted and not used: heights are recomputed from the readings.</li>
 * </ul>
 * Sources: Leica GSI format (GSI-8/GSI-16 differences, Leica TPS1100 FAQ; word layout and units as in the
 * "GSI Online" reference), Leica DNA03/DNA10 User Manual v2.0 (GSI data of line levelling).
 */
final class GsiReader {

    private static final Set<String> THREE_DIGIT = Set.of("330", "331", "332", "333", "334", "335", "336", "390", "391", "392", "571",
            "572", "573", "574");
    private static final int MAX_WORDS = 16;

    private GsiReader() {
    }

    /** @return "gsi8" or "gsi16", with the observations; problems go to {@code errors} */
    static RawRun read(BufferedReader in, LevellingProperties limits, RawFileErrors errors) {
        List<Observation> observations = new ArrayList<>();
        Boolean[] gsi16 = {null};
        RawLines.each(in, limits, errors, (line, text) -> {
            String t = text.strip();
            boolean star = t.startsWith("*");
            if (gsi16[0] != null && gsi16[0] != star) {
                errors.add(line, "GSI-8 and GSI-16 blocks are mixed in one file");
                return;
            }
            gsi16[0] = star;
            Observation o = block(star ? t.substring(1) : t, star ? 16 : 8, line, errors);
            if (o != null) {
                observations.add(o);
            }
        });
        return new RawRun(Boolean.TRUE.equals(gsi16[0]) ? "gsi16" : "gsi8", observations);
    }

    private static Observation block(String text, int dataLength, long line, RawFileErrors errors) {
        String[] words = text.split("\\s+");
        if (words.length > MAX_WORDS) {
            errors.add(line, "a block has " + words.length + " words; at most " + MAX_WORDS);
            return null;
        }
        String point = null;
        Observation.Sight sight = null;
        double reading = Double.NaN;
        double distance = Double.NaN;
        for (String w : words) {
            if (w.length() != 7 + dataLength) {
                errors.add(line, "word '" + w + "' is not a GSI-" + dataLength + " word (" + (7 + dataLength) + " characters)");
                return null;
            }
            String wi = THREE_DIGIT.contains(w.substring(0, 3)) ? w.substring(0, 3) : w.substring(0, 2);
            String data = w.substring(7);
            try {
                switch (wi) {
                    case "11" -> point = pointNumber(data);
                    case "32" -> distance = value(w, line);
                    case "331", "335", "332", "336", "333" -> {
                        if (sight != null) {
                            errors.add(line, "more than one staff reading in one block");
                            return null;
                        }
                        sight = wi.equals("333") ? Observation.Sight.INTERMEDIATE
                                : wi.equals("331") || wi.equals("335") ? Observation.Sight.BACK : Observation.Sight.FORE;
                        reading = value(w, line);
                    }
                    case "330" -> {
                        errors.add(line, "WI 330 is a staff reading without a backsight/foresight role; record the line as B/F");
                        return null;
                    }
                    default -> {
                        // codes, heights, station differences, time: not needed
                    }
                }
            } catch (IllegalArgumentException e) {
                errors.add(line, e.getMessage());
                return null;
            }
        }
        if (sight == null) {
            return null; // header, code or height-only block
        }
        if (point == null || point.isEmpty()) {
            errors.add(line, "staff reading without a point number (WI 11)");
            return null;
        }
        return new Observation(line, point, sight, reading, distance);
    }

    private static String pointNumber(String data) {
        String s = data.strip();
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }

    /** A numeric word in metres, by the unit digit at position 6. */
    private static double value(String word, long line) {
        double scale = switch (word.charAt(5)) {
            case '0' -> 1e-3;
            case '6' -> 1e-4;
            case '8' -> 1e-5;
            case '1', '7' -> throw new IllegalArgumentException("wrong units: word '" + word + "' is in feet; record metres");
            default -> throw new IllegalArgumentException("word '" + word + "' has no metric unit at position 6 (0, 6 or 8)");
        };
        String digits = word.substring(7);
        if (!digits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("word '" + word + "': '" + digits + "' is not a number");
        }
        double v = Long.parseLong(digits) * scale;
        return word.charAt(6) == '-' ? -v : v;
    }
}
