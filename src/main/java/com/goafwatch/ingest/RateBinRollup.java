package com.goafwatch.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.goafwatch.timeseries.FiberSeries;
import com.goafwatch.timeseries.LinePoint;
import com.goafwatch.timeseries.RateBins;
import com.goafwatch.timeseries.Spool;

/**
 * Gathers one cable's accepted in-parcel samples into {@link RateBins} (per trace × parcel, the mean strain of each
 * position bin) and appends them to the spool batch as {@code fiber_rate_bins} points. Memory: one entry per bin of
 * the traces not yet appended; trace files append each trace as the next one starts, so a long file holds one trace.
 */
final class RateBinRollup {

    private final long cableId;
    private final double binM;
    private final long binMm;
    /** trace time → parcel → bin index → sums */
    private final Map<Long, Map<Long, TreeMap<Long, Sums>>> pending = new HashMap<>();
    /** the bin the last sample went to (null after appendTo) */
    private Sums lastSums;
    private long lastTime;
    private long lastParcel;
    private long lastIndex;

    RateBinRollup(long cableId, double binM) {
        this.cableId = cableId;
        this.binM = binM;
        this.binMm = RateBins.binMm(binM);
    }

    void add(long timeMs, long parcelId, double distanceM, double chainageM, double strainUe) {
        long index = RateBins.index(distanceM, binMm);
        // samples come along the fiber, so most share the previous one's trace, parcel and bin: skip the three lookups
        if (lastSums == null || timeMs != lastTime || parcelId != lastParcel || index != lastIndex) {
            lastSums = pending.computeIfAbsent(timeMs, k -> new HashMap<>()).computeIfAbsent(parcelId, k -> new TreeMap<>())
                    .computeIfAbsent(index, k -> new Sums());
            lastTime = timeMs;
            lastParcel = parcelId;
            lastIndex = index;
        }
        lastSums.add(strainUe, distanceM, chainageM);
    }

    /** Appends every pending trace's bins, in chunks of at most {@link RateBins#MAX_BINS_PER_POINT}, and forgets them. */
    void appendTo(Spool.Batch batch) {
        pending.forEach((time, byParcel) -> byParcel.forEach((parcel, bins) -> {
            List<RateBins.Bin> chunk = new ArrayList<>();
            double firstDistance = Double.POSITIVE_INFINITY;
            for (Map.Entry<Long, Sums> e : bins.entrySet()) {
                Sums s = e.getValue();
                chunk.add(new RateBins.Bin(e.getKey(), s.n, s.strain / s.n, s.distance / s.n, s.chainage / s.n));
                firstDistance = Math.min(firstDistance, s.firstDistance);
                if (chunk.size() == RateBins.MAX_BINS_PER_POINT) {
                    batch.append(point(time, parcel, chunk, firstDistance));
                    chunk.clear();
                    firstDistance = Double.POSITIVE_INFINITY;
                }
            }
            if (!chunk.isEmpty()) {
                batch.append(point(time, parcel, chunk, firstDistance));
            }
        }));
        pending.clear();
        lastSums = null;
    }

    private LinePoint point(long timeMs, long parcelId, List<RateBins.Bin> chunk, double firstDistanceM) {
        TreeMap<String, String> tags = new TreeMap<>();
        tags.put(FiberSeries.TAG_CABLE, String.valueOf(cableId));
        tags.put(FiberSeries.TAG_PARCEL, String.valueOf(parcelId));
        tags.put(RateBins.TAG_PART, String.valueOf(Math.round(firstDistanceM * 1000)));
        Map<String, String> text = new java.util.LinkedHashMap<>();
        text.put(RateBins.FIELD_MEANS, RateBins.means(chunk));
        text.put(RateBins.FIELD_PLACES, RateBins.places(chunk));
        return new LinePoint(RateBins.MEASUREMENT, tags, Map.of(RateBins.FIELD_BIN_M, binM), text, timeMs);
    }

    private static final class Sums {
        long n;
        double strain;
        double distance;
        double chainage;
        double firstDistance = Double.POSITIVE_INFINITY;

        void add(double strainUe, double distanceM, double chainageM) {
            n++;
            strain += strainUe;
            distance += distanceM;
            chainage += chainageM;
            firstDistance = Math.min(firstDistance, distanceM);
        }
    }
}
