package com.goafwatch.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import com.goafwatch.system.BoundedLineReader;

/**
 * Febus G1 (BOTDA "DSTS") trace export, {@code .bsl} text: {@code Param;<name>;<value>[;<value>…]} header
 * lines, then one value per line for the fiber positions {@code fiberFrom}, {@code fiberFrom + sampling
 * resolution}, … up to (not including) {@code fiberTo}, in metres. With {@code Param;mode;strain} the
 * values are strain in µε computed by the G1 itself; {@code Param;start time;<epoch seconds>;<ISO>} dates
 * the trace. Layout as read by DASCore's {@code FebusG1CSV1} reader (dascore/io/febus/g1utils.py) and its
 * public sample files. Temperature-mode files and spectra ({@code .mtx}) are refused.
 */
final class FebusBslReader implements TraceReader {

    private static final int MAX_PARAMS = 200;

    private final int maxLineLength;

    FebusBslReader(int maxLineLength) {
        this.maxLineLength = maxLineLength;
    }

    @Override
    public void read(BufferedReader raw, Timestamps timestamps, Consumer<FiberSample> samples, RowErrors errors) {
        BufferedReader in = new BufferedReader(new BoundedLineReader(raw, maxLineLength, false, "goafwatch.brillouin.max-line-length"));
        try {
            Map<String, String> params = new HashMap<>();
            long line = 0;
            String text = in.readLine();
            while (text != null && text.startsWith("Param;")) {
                line++;
                String[] parts = text.split(";", -1);
                if (parts.length < 3 || params.size() >= MAX_PARAMS) {
                    errors.add(line, parts.length < 3 ? "a Param line needs Param;<name>;<value>" : "more than " + MAX_PARAMS + " Param lines");
                    return;
                }
                params.put(parts[1].trim().toLowerCase(Locale.ROOT).replace(' ', '_'), parts[2].trim());
                text = in.readLine();
            }
            Header h = header(params, line, errors);
            if (h == null) {
                return;
            }
            long index = 0;
            for (; text != null; text = in.readLine()) {
                line++;
                for (String cell : text.trim().split("\\s+")) {
                    if (cell.isEmpty()) {
                        continue;
                    }
                    if (index >= h.count) {
                        errors.add(line, "more values than fiberFrom–fiberTo at the sampling resolution give (" + h.count + ")");
                        return;
                    }
                    double distance = Math.round((h.from + index * h.step) * 1e6) / 1e6;
                    index++;
                    try {
                        samples.accept(new FiberSample(line, h.timeMs, distance, Double.parseDouble(cell), null, null));
                    } catch (NumberFormatException e) {
                        errors.add(line, "'" + cell + "' is not a number");
                    }
                }
            }
            if (index != h.count) {
                errors.add(line, "the file has " + index + " values; fiberFrom–fiberTo at the sampling resolution give " + h.count);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Header(long timeMs, double from, double step, long count) {
    }

    private static Header header(Map<String, String> p, long line, RowErrors errors) {
        String mode = p.get("mode");
        if (mode == null) {
            errors.add(line, "not a Febus G1 export: no Param;mode line");
            return null;
        }
        if (!mode.equalsIgnoreCase("strain")) {
            errors.add(line, "Param;mode;" + mode + ": only strain-mode files hold strain (µε)");
            return null;
        }
        try {
            double from = Double.parseDouble(required(p, "fiberfrom"));
            double to = Double.parseDouble(required(p, "fiberto"));
            double step = Double.parseDouble(required(p, "sampling_resolution"));
            double start = Double.parseDouble(required(p, "start_time"));
            if (!(step > 0) || !(to > from) || from < 0) {
                errors.add(line, "fiberFrom " + from + ", fiberTo " + to + " and sampling resolution " + step + " m do not make a span");
                return null;
            }
            return new Header(Math.round(start * 1000), from, step, Math.round((to - from) / step));
        } catch (NumberFormatException e) {
            errors.add(line, "Febus header: " + e.getMessage());
            return null;
        }
    }

    private static String required(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null) {
            throw new NumberFormatException("missing Param " + name);
        }
        return v;
    }
}
