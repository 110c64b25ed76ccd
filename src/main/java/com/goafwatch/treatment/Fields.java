package com.goafwatch.treatment;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.goafwatch.system.RequestTime;

/**
 * One record as text fields (a CSV/XLSX row or a JSON object), read with the field names engineers use:
 * case, spaces, underscores and hyphens do not matter ({@code Grout take m3} = {@code grout_take_m3} =
 * {@code groutTakeM3}). Every problem is collected, so a row reports all its errors at once.
 */
final class Fields {

    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>();

    Fields(Map<String, String> raw) {
        raw.forEach((k, v) -> {
            if (k != null && v != null && !v.isBlank()) {
                values.put(normal(k), v.trim());
            }
        });
    }

    static String normal(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-()]", "");
    }

    List<String> errors() {
        return errors;
    }

    String text(String name, boolean required) {
        String v = values.get(normal(name));
        if (v == null && required) {
            errors.add(name + " is missing");
        }
        return v;
    }

    Double number(String name, boolean required, double min, double max) {
        String v = text(name, required);
        if (v == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d) || d < min || d > max) {
                errors.add(name + " " + v + " is outside " + fmt(min) + ".." + fmt(max));
                return null;
            }
            return d;
        } catch (NumberFormatException e) {
            errors.add(name + " '" + v + "' is not a number");
            return null;
        }
    }

    LocalDate date(String name) {
        String v = text(name, false);
        if (v == null) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(v.length() > 10 ? v.substring(0, 10) : v.replace('/', '-'));
            if (!RequestTime.accepts(d)) {
                errors.add(RequestTime.outOfRange(name, v));
                return null;
            }
            return d;
        } catch (DateTimeParseException e) {
            errors.add(name + " '" + v + "' is not a date (YYYY-MM-DD)");
            return null;
        }
    }

    String oneOf(String name, boolean required, List<String> allowed) {
        String v = text(name, required);
        if (v == null) {
            return null;
        }
        String lower = v.toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        if (!allowed.contains(lower)) {
            errors.add(name + " '" + v + "' is not one of " + allowed);
            return null;
        }
        return lower;
    }

    Boolean bool(String name, boolean required) {
        String v = text(name, required);
        if (v == null) {
            return null;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1", "是" -> true;
            case "false", "no", "n", "0", "否" -> false;
            default -> {
                errors.add(name + " '" + v + "' is not yes/no");
                yield null;
            }
        };
    }

    void check(boolean ok, String problem) {
        if (!ok) {
            errors.add(problem);
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
