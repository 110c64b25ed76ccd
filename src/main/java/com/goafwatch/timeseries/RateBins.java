package com.goafwatch.timeseries;

import java.util.List;

/**
 * The rollup fiber strain rates are fitted to: per trace × cable × parcel, the mean compensated strain (µε) of
 * each position bin of {@code bin_m} metres of fiber distance (bin k holds distances [k·bin, (k+1)·bin)), written
 * with the samples at ingestion into measurement {@code fiber_rate_bins}.
 * <ul>
 * <li>tags: {@code cable}, {@code parcel} (ids, as on {@code fiber_strain}), {@code part} (the chunk's first
 * sample distance in mm: parts of a trace sent in several batches stay apart, and re-sending a batch overwrites
 * its own points);</li>
 * <li>fields: {@code bin_m}; {@code means} — text, runs {@code k0,n,mean0,mean1,…;…} of consecutive bins (first bin
 * index, samples in each, their mean strain rounded to 0.001 µε); {@code places} — text, runs
 * {@code k0,distance0,chainage0,distance1,chainage1,…;…} (the samples' mean fiber distance and chainage, m), read only
 * for the newest trace a rate uses, to say where the fastest bin is.</li>
 * </ul>
 * A point holds at most {@link #MAX_BINS_PER_POINT} bins, so each text field stays far below InfluxDB 1.x's
 * 64 KB limit for string fields. One point per parcel and trace instead of one row per sample is what makes a
 * rate cycle's read small: a 100 m parcel at 2 m bins is one row of 50 bins instead of 100 rows.
 */
public final class RateBins {

    public static final String MEASUREMENT = "fiber_rate_bins";
    public static final String TAG_PART = "part";
    public static final String FIELD_BIN_M = "bin_m";
    public static final String FIELD_MEANS = "means";
    public static final String FIELD_PLACES = "places";
    public static final int MAX_BINS_PER_POINT = 1000;

    private RateBins() {
    }

    /**
     * One bin of one trace (or part of it).
     *
     * @param index     k: the bin holds fiber distances [k·bin, (k+1)·bin)
     * @param count     samples in it
     * @param meanUe    their mean compensated strain, µε (tension positive)
     * @param distanceM their mean fiber distance
     * @param chainageM their mean chainage (NaN when not read)
     */
    public record Bin(long index, long count, double meanUe, double distanceM, double chainageM) {
    }

    /** The bin index of a fiber distance: whole millimetres, so 100.0 m at 2 m bins is bin 50 whatever the binary rounding. */
    public static long index(double distanceM, long binMm) {
        return Math.floorDiv(Math.round(distanceM * 1000), binMm);
    }

    /** The bin size in whole millimetres (at least 1). */
    public static long binMm(double binM) {
        return Math.max(1, Math.round(binM * 1000));
    }

    /**
     * The {@code means} text: runs of consecutive bins with the same sample count, {@code k0,n,mean0,mean1,…}, runs
     * separated by {@code ;} — about 8 characters a bin (a parcel's 50 bins at 2 m are usually one run).
     */
    public static String means(List<Bin> bins) {
        StringBuilder b = new StringBuilder(bins.size() * 9);
        Bin previous = null;
        for (Bin bin : bins) {
            if (previous == null || bin.index() != previous.index() + 1 || bin.count() != previous.count()) {
                b.append(previous == null ? "" : ";").append(bin.index()).append(',').append(bin.count());
            }
            DecimalText.append(b.append(','), round(bin.meanUe()));
            previous = bin;
        }
        return b.toString();
    }

    /** The {@code places} text: runs of consecutive bins, {@code k0,distance0,chainage0,distance1,chainage1,…}, separated by {@code ;}. */
    public static String places(List<Bin> bins) {
        StringBuilder b = new StringBuilder(bins.size() * 18);
        Bin previous = null;
        for (Bin bin : bins) {
            if (previous == null || bin.index() != previous.index() + 1) {
                b.append(previous == null ? "" : ";").append(bin.index());
            }
            DecimalText.append(DecimalText.append(b.append(','), round(bin.distanceM())).append(','), round(bin.chainageM()));
            previous = bin;
        }
        return b.toString();
    }

    /** Receives one bin of a text field: its index and two numbers (count and mean, or distance and chainage). */
    @FunctionalInterface
    public interface EntryConsumer {
        void accept(long index, double first, double second);
    }

    /** Reads a {@code means} text: (k, n, mean) per bin. A run that does not parse is skipped (a hand-written point cannot break a cycle). */
    public static void parseMeans(String text, EntryConsumer consumer) {
        runs(text, (head, values) -> {
            if (head.length != 2) {
                return;
            }
            for (int i = 0; i < values.length; i++) {
                consumer.accept((long) head[0] + i, head[1], values[i]);
            }
        }, 2);
    }

    /** Reads a {@code places} text: (k, distance, chainage) per bin; a run that does not parse is skipped. */
    public static void parsePlaces(String text, EntryConsumer consumer) {
        runs(text, (head, values) -> {
            for (int i = 0; i + 1 < values.length; i += 2) {
                consumer.accept((long) head[0] + i / 2, values[i], values[i + 1]);
            }
        }, 1);
    }

    private interface Run {
        void accept(double[] head, double[] values);
    }

    /** Each {@code ;}-separated run as its first {@code headSize} numbers and the rest. */
    private static void runs(String text, Run run, int headSize) {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (String part : text.split(";")) {
            String[] fields = part.split(",");
            if (fields.length <= headSize) {
                continue;
            }
            try {
                double[] head = new double[headSize];
                for (int i = 0; i < headSize; i++) {
                    head[i] = Long.parseLong(fields[i]);
                }
                double[] values = new double[fields.length - headSize];
                for (int i = 0; i < values.length; i++) {
                    values[i] = Double.parseDouble(fields[headSize + i]);
                }
                run.accept(head, values);
            } catch (NumberFormatException e) {
                // skipped, see above
            }
        }
    }

    /** 0.001 (µε or m) is far below any interrogator's resolution; NaN stays NaN (written as "NaN", read back as NaN). */
    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : Double.NaN;
    }
}
