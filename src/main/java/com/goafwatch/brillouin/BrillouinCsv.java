package com.goafwatch.brillouin;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.goafwatch.system.BoundedLineReader;

/**
 * The documented Brillouin CSV: a header naming the columns with their units, then one row per sample,
 * rows of one trace together.
 *
 * <pre>
 * timestamp,distance_m,shift_mhz,reference_shift_mhz,temperature_c
 * 2026-05-01T08:00:00+08:00,120.5,10852.31,10849.87,
 * </pre>
 *
 * {@code shift_mhz} is the absolute Brillouin frequency shift of the strain fiber; {@code shift_change_mhz}
 * instead says the interrogator already subtracted its own reference. Optional: {@code reference_shift_mhz}
 * (or {@code reference_shift_change_mhz}: same kind as the shift) of the loose-tube reference fiber at the
 * same distance, and {@code temperature_c} of a temperature trace on the same route. Any other unit
 * ({@code shift_ghz}, {@code distance_km}, {@code temperature_f}) is refused as wrong units. Lines are bounded
 * by {@link BrillouinProperties#maxLineLength()} and rows by {@link BrillouinProperties#maxFields()} columns.
 */
public final class BrillouinCsv {

    /** Where bad rows go: 1-based line and reason. */
    public interface Errors {
        void add(long line, String reason);
    }

    /** One row as read; the timestamp stays text for the caller's zone rules. */
    public record Row(long line, String timestamp, double distanceM, StrainFromShift.Reading reading) {
    }

    private static final List<String> ORDER = List.of("timestamp", "distance_m", "shift", "reference_shift", "temperature_c");
    private static final Map<String, String> QUANTITY = Map.of("time", "timestamp", "distance", "distance_m", "shift", "shift_mhz",
            "reference", "reference_shift_mhz", "temperature", "temperature_c", "temp", "temperature_c");

    private final BrillouinProperties limits;

    public BrillouinCsv(BrillouinProperties limits) {
        this.limits = limits;
    }

    /** Reads every row; a stream failure (size limit, bad UTF-8, over-long line) is thrown as UncheckedIOException. */
    public void read(Reader text, java.util.function.Consumer<Row> rows, Errors errors) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true).setCommentMarker('#').get();
        Reader bounded = new BoundedLineReader(text, limits.maxLineLength(), false, "goafwatch.brillouin.max-line-length");
        try (CSVParser parser = CSVParser.builder().setReader(bounded).setFormat(format).get()) {
            Columns columns = columns(parser.getHeaderNames(), errors);
            if (columns == null) {
                return;
            }
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                if (record.size() != parser.getHeaderNames().size()) {
                    errors.add(line, "row has " + record.size() + " values; the header has " + parser.getHeaderNames().size());
                    continue;
                }
                try {
                    rows.accept(columns.row(record, line));
                } catch (IllegalArgumentException e) {
                    errors.add(line, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException e) {
            errors.add(-1, "malformed CSV: " + e.getMessage());
        }
    }

    /** Column names of the header by role, and the kind of shift they hold. */
    private record Columns(String[] names, ShiftKind kind) {

        Row row(CSVRecord r, long line) {
            double distance = number(r, names[1]);
            double shift = number(r, names[2]);
            Double reference = optional(r, names[3]);
            Double temperature = optional(r, names[4]);
            return new Row(line, r.get(names[0]), distance, new StrainFromShift.Reading(kind, shift, reference, temperature));
        }
    }

    private Columns columns(List<String> header, Errors sink) {
        int[] count = {0};
        Errors errors = (line, reason) -> {
            count[0]++;
            sink.add(line, reason);
        };
        if (header.size() > limits.maxFields()) {
            errors.add(1, "the header has " + header.size() + " columns; at most " + limits.maxFields());
            return null;
        }
        String[] names = new String[5];
        ShiftKind kind = null;
        ShiftKind referenceKind = null;
        for (String name : header) {
            String key = name.trim().toLowerCase(Locale.ROOT);
            switch (key) {
                case "timestamp", "time" -> names[0] = name;
                case "distance_m" -> names[1] = name;
                case "temperature_c" -> names[4] = name;
                case "shift_mhz", "shift_change_mhz" -> {
                    names[2] = name;
                    kind = key.contains("change") ? ShiftKind.RELATIVE : ShiftKind.ABSOLUTE;
                }
                case "reference_shift_mhz", "reference_shift_change_mhz" -> {
                    names[3] = name;
                    referenceKind = key.contains("change") ? ShiftKind.RELATIVE : ShiftKind.ABSOLUTE;
                }
                default -> {
                    String quantity = key.split("_")[0];
                    errors.add(1, QUANTITY.containsKey(quantity) ? "wrong units: column '" + name + "'; expected " + QUANTITY.get(quantity)
                            + (quantity.equals("shift") || quantity.equals("reference") ? " (or " + QUANTITY.get(quantity).replace("_mhz",
                                    "_change_mhz") + ")" : "")
                            : "unknown column '" + name + "'; expected timestamp, distance_m, shift_mhz or shift_change_mhz, "
                                    + "reference_shift_mhz, temperature_c");
                }
            }
        }
        for (int i = 0; i < 3; i++) {
            if (names[i] == null) {
                errors.add(1, "missing column " + (i == 2 ? "shift_mhz (or shift_change_mhz)" : ORDER.get(i)));
            }
        }
        if (kind != null && referenceKind != null && kind != referenceKind) {
            errors.add(1, "the shift and the reference-fiber shift must both be absolute (_mhz) or both changes (_change_mhz)");
        }
        return count[0] > 0 ? null : new Columns(names, kind);
    }

    private static double number(CSVRecord row, String column) {
        String text = row.get(column);
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("column " + column + ": '" + text + "' is not a number");
        }
    }

    private static Double optional(CSVRecord row, String column) {
        if (column == null || row.get(column).isEmpty()) {
            return null;
        }
        return number(row, column);
    }
}
