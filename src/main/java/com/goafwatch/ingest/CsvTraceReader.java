package com.goafwatch.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The plain CSV every DFOS tool can write: a header naming the columns with their units, then one row
 * per sample, rows of one trace together.
 *
 * <pre>
 * timestamp,distance_m,strain_ue,temperature_c[,reference_strain_ue]
 * 2026-05-01T08:00:00+08:00,0.5,12.3,16.2
 * </pre>
 *
 * Columns: {@code timestamp} (ISO-8601; without offset read in the site zone), {@code distance_m} (fiber
 * distance), {@code strain_ue} (µε), optional {@code temperature_c} (°C) and {@code reference_strain_ue}
 * (µε of the loose-tube reference fiber). Any other unit suffix is refused as wrong units.
 */
final class CsvTraceReader implements TraceReader {

    private static final Map<String, String> CANONICAL = Map.of("timestamp", "timestamp", "time", "timestamp",
            "distance_m", "distance_m", "strain_ue", "strain_ue", "strain_microstrain", "strain_ue",
            "temperature_c", "temperature_c", "reference_strain_ue", "reference_strain_ue");
    private static final Map<String, String> QUANTITIES = Map.of("distance", "distance_m", "strain", "strain_ue",
            "temperature", "temperature_c", "reference", "reference_strain_ue", "temp", "temperature_c");

    @Override
    public void read(BufferedReader in, Timestamps timestamps, Consumer<FiberSample> samples, RowErrors errors) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true).setCommentMarker('#').get();
        try (CSVParser parser = CSVParser.builder().setReader(in).setFormat(format).get()) {
            String[] columns = columns(parser.getHeaderNames(), errors);
            if (columns == null) {
                return;
            }
            for (CSVRecord row : parser) {
                long line = parser.getCurrentLineNumber();
                if (!row.isConsistent()) {
                    errors.add(line, "row has " + row.size() + " values; the header has " + parser.getHeaderNames().size());
                    continue;
                }
                FiberSample sample = sample(row, columns, line, timestamps, errors);
                if (sample != null) {
                    samples.accept(sample);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException e) {
            if (isStreamFailure(e.getCause())) {
                throw e; // size limit, bad gzip or bad UTF-8: the stream itself failed, not a row
            }
            errors.add(-1, "malformed CSV: " + e.getMessage());
        } catch (IllegalStateException e) {
            errors.add(-1, "malformed CSV: " + e.getMessage());
        }
    }

    static boolean isStreamFailure(Throwable cause) {
        return cause instanceof com.goafwatch.system.LimitedInputStream.LimitExceeded
                || cause instanceof com.goafwatch.system.BoundedLineReader.LineTooLong
                || cause instanceof java.nio.charset.CharacterCodingException || cause instanceof java.util.zip.ZipException
                || cause instanceof java.io.EOFException;
    }

    /** Header → [timestamp, distance, strain, temperature, reference] column names (null entries: absent). */
    private static String[] columns(List<String> header, RowErrors errors) {
        String[] columns = new String[5];
        List<String> order = List.of("timestamp", "distance_m", "strain_ue", "temperature_c", "reference_strain_ue");
        for (String name : header) {
            String key = name.trim().toLowerCase(Locale.ROOT);
            String canonical = CANONICAL.get(key);
            if (canonical == null) {
                String quantity = key.split("_")[0];
                errors.add(1, QUANTITIES.containsKey(quantity)
                        ? "wrong units: column '" + name + "'; expected " + QUANTITIES.get(quantity)
                        : "unknown column '" + name + "'; expected timestamp, distance_m, strain_ue, temperature_c, reference_strain_ue");
                continue;
            }
            columns[order.indexOf(canonical)] = name;
        }
        for (int i = 0; i < 3; i++) {
            if (columns[i] == null) {
                errors.add(1, "missing column " + order.get(i));
            }
        }
        return errors.any() ? null : columns;
    }

    private static FiberSample sample(CSVRecord row, String[] c, long line, Timestamps timestamps, RowErrors errors) {
        try {
            long time = timestamps.toEpochMillis(row.get(c[0]));
            double distance = number(row, c[1]);
            double strain = number(row, c[2]);
            Double temperature = optional(row, c[3]);
            Double reference = optional(row, c[4]);
            return new FiberSample(line, time, distance, strain, temperature, reference);
        } catch (IllegalArgumentException e) {
            errors.add(line, e.getMessage());
            return null;
        }
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
