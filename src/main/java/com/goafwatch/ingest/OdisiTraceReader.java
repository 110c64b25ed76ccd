package com.goafwatch.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Luna ODiSI tab-separated export: {@code key:<TAB>value} header lines, a dashed separator line, an
 * {@code x-axis} row of gauge positions, a {@code tare} row, then one row per measurement:
 * {@code timestamp<TAB>measurement<TAB>value<TAB>value...} with strain in µε per gauge. Gauge positions
 * are metres along the sensing fiber (header {@code x-axis units: mm} for millimetres) and are taken as
 * fiber distance. OFDR strain is already relative to the tare, so no temperature column exists.
 */
final class OdisiTraceReader implements TraceReader {

    @Override
    public void read(BufferedReader in, Timestamps timestamps, Consumer<FiberSample> samples, RowErrors errors) {
        try {
            long line = 0;
            double scale = 1.0;
            String text;
            boolean separator = false;
            while ((text = in.readLine()) != null) {
                line++;
                if (text.startsWith("---")) {
                    separator = true;
                    break;
                }
                String[] kv = text.split("\t", 2);
                if (kv[0].trim().toLowerCase(Locale.ROOT).startsWith("x-axis units") && kv.length > 1
                        && kv[1].trim().equalsIgnoreCase("mm")) {
                    scale = 0.001;
                }
            }
            if (!separator) {
                errors.add(line, "ODiSI header has no '-----' separator line");
                return;
            }
            double[] positions = null;
            while ((text = in.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                String[] cells = trimTrailing(text.split("\t", -1));
                String label = cells[0].trim().toLowerCase(Locale.ROOT);
                if (label.equals("x-axis")) {
                    positions = positions(cells, scale, line, errors);
                } else if (label.equals("tare")) {
                    continue;
                } else if (positions == null) {
                    errors.add(line, "measurement row before the x-axis row");
                    return;
                } else {
                    row(cells, positions, line, timestamps, samples, errors);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double[] positions(String[] cells, double scale, long line, RowErrors errors) {
        double[] p = new double[Math.max(0, cells.length - 2)];
        for (int i = 2; i < cells.length; i++) {
            try {
                p[i - 2] = Double.parseDouble(cells[i].trim()) * scale;
            } catch (NumberFormatException e) {
                errors.add(line, "x-axis value " + (i - 1) + " '" + cells[i] + "' is not a number");
            }
        }
        return p;
    }

    private static void row(String[] cells, double[] positions, long line, Timestamps timestamps, Consumer<FiberSample> samples,
            RowErrors errors) {
        long time;
        try {
            time = timestamps.toEpochMillis(cells[0]);
        } catch (IllegalArgumentException e) {
            errors.add(line, e.getMessage());
            return;
        }
        if (cells.length < 2 || !cells[1].trim().equalsIgnoreCase("measurement")) {
            errors.add(line, "second column must be 'measurement'; got '" + (cells.length < 2 ? "" : cells[1]) + "'");
            return;
        }
        if (cells.length - 2 != positions.length) {
            errors.add(line, "row has " + (cells.length - 2) + " gauge values; the x-axis has " + positions.length);
            return;
        }
        for (int i = 0; i < positions.length; i++) {
            String v = cells[i + 2].trim();
            try {
                samples.accept(new FiberSample(line, time, positions[i], Double.parseDouble(v), null, null));
            } catch (NumberFormatException e) {
                errors.add(line, "gauge " + (i + 1) + ": '" + v + "' is not a number");
            }
        }
    }

    private static String[] trimTrailing(String[] cells) {
        int n = cells.length;
        while (n > 1 && cells[n - 1].isBlank()) {
            n--;
        }
        return java.util.Arrays.copyOf(cells, n);
    }
}
