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
 * <li>fields: {@code bin_m}; {@code means} — text {@code k,n,mean;…} (bin index, samples in it, their mean
 * strain rounded to 0.001 µε); {@code places} — text {@code k,distance,chainage;…} (the samples' mean fiber
 * distance and chainage, m), read only for the newest trace a rate uses, to say where the fastest bin is.</li>
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

    public static String means(List<Bin> bins) {
        StringBuilder b = new StringBuilder(bins.size() * 16);
        for (Bin bin : bins) {
            b.append(b.isEmpty() ? "" : ";").append(bin.index()).append(',').append(bin.count()).append(',').append(round(bin.meanUe()));
        }
        return b.toString();
    }

    public static String places(List<Bin> bins) {
        StringBuilder b = new StringBuilder(bins.size() * 24);
        for (Bin bin : bins) {
            b.append(b.isEmpty() ? "" : ";").append(bin.index()).append(',').append(round(bin.distanceM())).append(',')
                    .append(round(bin.chainageM()));
        }
        return b.toString();
    }

    /** Receives one entry of a text field: a bin index and two numbers. */
    @FunctionalInterface
    public interface EntryConsumer {
        void accept(long index, double first, double second);
    }

    /**
     * Reads a {@code means} ({@code k,n,mean}) or {@code places} ({@code k,distance,chainage}) field; entries that do not
     * parse are skipped (a hand-written point cannot break a cycle).
     */
    public static void parse(String text, EntryConsumer consumer) {
        if (text == null || text.isEmpty()) {
            return;
        }
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf(';', start);
            if (end < 0) {
                end = text.length();
            }
            int c1 = text.indexOf(',', start);
            int c2 = c1 < 0 ? -1 : text.indexOf(',', c1 + 1);
            if (c1 > start && c2 > c1 && c2 < end) {
                try {
                    consumer.accept(Long.parseLong(text, start, c1, 10), Double.parseDouble(text.substring(c1 + 1, c2)),
                            Double.parseDouble(text.substring(c2 + 1, end)));
                } catch (NumberFormatException e) {
                    // skipped, see above
                }
            }
            start = end + 1;
        }
    }

    /** 0.001 (µε or m) is far below any interrogator's resolution; NaN stays NaN (written as "NaN", read back as NaN). */
    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : Double.NaN;
    }
}
