package com.goafwatch.ingest;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.goafwatch.fiber.Cable;
import com.goafwatch.fiber.Compensation;
import com.goafwatch.fiber.FiberPositionLocator;
import com.goafwatch.system.RequestTime;
import com.goafwatch.timeseries.FiberLine;
import com.goafwatch.timeseries.FiberSeries;
import com.goafwatch.timeseries.LinePoint;
import com.goafwatch.timeseries.Spool;

/**
 * Validates fiber samples of one cable, places each on its chainage and parcel, compensates temperature,
 * and streams them into a spool batch. After the first bad row nothing more is written (the batch will be
 * discarded) but validation goes on, so the client learns every bad row at once.
 *
 * <p>Memory stays bounded by one trace: rows must come grouped by trace (timestamp), as interrogators
 * write them, and duplicates are looked for within the trace.
 */
final class FiberTraceWriter {

    private final Cable cable;
    private final FiberPositionLocator locator;
    private final IngestProperties rules;
    private final Spool.Batch batch;
    private final RowErrors errors;
    private final long latestAllowedMs;
    /** Files: rows of a trace must be contiguous, so duplicates are sought per trace (bounded memory). */
    private final boolean groupedTraces;
    private final Map<Long, TraceDistances> lineByTimeAndDistance = new HashMap<>();
    /** the last sample's trace in lineByTimeAndDistance */
    private TraceDistances lastTraceLines;
    private long lastTraceTime;

    private long currentTrace = Long.MIN_VALUE;
    private final Map<Long, Long> lineByDistanceMm = new HashMap<>();
    private final Set<Long> finishedTraces = new HashSet<>();
    private long rows;
    private final Set<Long> parcels = new HashSet<>();
    /** trace time → parcel → rollup of this batch's samples */
    private final Map<Long, Map<Long, TraceRollup>> rollups = new HashMap<>();
    /** the position-bin means strain rates are fitted to (see RateBins) */
    private final RateBinRollup rateBins;
    private long rateBinsTrace = Long.MIN_VALUE;
    private long samples;
    private long unmapped;
    private long inParcels;
    private long firstMs = Long.MAX_VALUE;
    private long lastMs = Long.MIN_VALUE;
    private TraceRollup lastRollup;
    private long lastRollupTime;
    private long lastRollupParcel;
    /** reused for every sample's line */
    private final StringBuilder line = new StringBuilder(160);

    FiberTraceWriter(Cable cable, FiberPositionLocator locator, IngestProperties rules, Spool.Batch batch, RowErrors errors,
            boolean groupedTraces) {
        this.groupedTraces = groupedTraces;
        this.cable = cable;
        this.locator = locator;
        this.rules = rules;
        this.batch = batch;
        this.errors = errors;
        this.latestAllowedMs = Instant.now().plus(rules.maxFuture()).toEpochMilli();
        this.rateBins = new RateBinRollup(cable.id(), rules.rateBinM());
    }

    void accept(FiberSample s) {
        if (++rows > rules.maxRows()) {
            throw TooManyRows.of(rules.maxRows());
        }
        String problem = check(s);
        if (problem != null) {
            errors.add(s.line(), problem);
            return;
        }
        samples++;
        firstMs = Math.min(firstMs, s.timeMs());
        lastMs = Math.max(lastMs, s.timeMs());
        if (errors.any()) {
            return; // the batch is lost anyway; keep validating only
        }
        write(s);
    }

    TraceSummary summary(long batchSequence) {
        long traces = finishedTraces.size() + (currentTrace == Long.MIN_VALUE || finishedTraces.contains(currentTrace) ? 0 : 1);
        return new TraceSummary(batchSequence, cable.code(), traces, samples, unmapped, inParcels,
                samples == 0 ? null : Instant.ofEpochMilli(firstMs), samples == 0 ? null : Instant.ofEpochMilli(lastMs));
    }

    /** Appends the per-trace rollups of the accepted samples; call once, after the last sample, before commit. */
    void appendRollups() {
        if (errors.any()) {
            return;
        }
        rollups.forEach((time, byParcel) -> byParcel.forEach((parcel, r) -> {
            TreeMap<String, String> tags = new TreeMap<>();
            tags.put(FiberSeries.TAG_CABLE, String.valueOf(cable.id()));
            tags.put(FiberSeries.TAG_PARCEL, String.valueOf(parcel));
            tags.put(FiberSeries.TAG_PART, String.valueOf(Math.round(r.firstDistance * 10)));
            batch.append(new LinePoint(FiberSeries.STATS_MEASUREMENT, tags, r.fields(), time));
        }));
        rollups.clear();
        lastRollup = null;
        rateBins.appendTo(batch);
    }

    /** Max, min, sum and count of one trace's samples in one parcel (strain compensated, µε). */
    private static final class TraceRollup {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        double sum;
        long n;
        double tMax = Double.NEGATIVE_INFINITY;
        double tMin = Double.POSITIVE_INFINITY;
        double tSum;
        long tN;
        double firstDistance = Double.POSITIVE_INFINITY;

        void add(double strain, Double temperature, double distance) {
            max = Math.max(max, strain);
            min = Math.min(min, strain);
            sum += strain;
            n++;
            firstDistance = Math.min(firstDistance, distance);
            if (temperature != null) {
                tMax = Math.max(tMax, temperature);
                tMin = Math.min(tMin, temperature);
                tSum += temperature;
                tN++;
            }
        }

        Map<String, Double> fields() {
            Map<String, Double> f = new LinkedHashMap<>();
            f.put(FiberSeries.STAT_MAX, max);
            f.put(FiberSeries.STAT_MIN, min);
            f.put(FiberSeries.STAT_SUM, Math.round(sum * 1000) / 1000.0);
            f.put(FiberSeries.STAT_COUNT, (double) n);
            if (tN > 0) {
                f.put(FiberSeries.STAT_T_MAX, tMax);
                f.put(FiberSeries.STAT_T_MIN, tMin);
                f.put(FiberSeries.STAT_T_SUM, Math.round(tSum * 1000) / 1000.0);
                f.put(FiberSeries.STAT_T_COUNT, (double) tN);
            }
            return f;
        }
    }

    /** Parcels the accepted samples lie in. */
    Set<Long> parcels() {
        return parcels;
    }

    private String check(FiberSample s) {
        if (s.timeMs() > latestAllowedMs) {
            return "timestamp " + Instant.ofEpochMilli(s.timeMs()) + " is in the future (more than " + rules.maxFuture().toMinutes()
                    + " min past the server clock)";
        }
        if (s.timeMs() < rules.earliest().toEpochMilli()) {
            return "timestamp " + Instant.ofEpochMilli(s.timeMs()) + " is before " + rules.earliest();
        }
        if (!RequestTime.accepts(s.timeMs())) { // goafwatch.ingest.earliest may be set before the API's range
            return RequestTime.outOfRange("timestamp", Instant.ofEpochMilli(s.timeMs()));
        }
        if (!Double.isFinite(s.distanceM()) || s.distanceM() < 0) {
            return "distance_m " + s.distanceM() + " is not a finite, non-negative number";
        }
        if (s.distanceM() > cable.fiberLengthM()) {
            return "distance " + s.distanceM() + " m is past the fiber length " + cable.fiberLengthM() + " m of cable " + cable.code();
        }
        if (!Double.isFinite(s.strainUe())) {
            return "strain is " + s.strainUe() + "; a missing reading must be left out, not sent as NaN";
        }
        if (Math.abs(s.strainUe()) > rules.maxAbsStrainUe()) {
            return "strain " + s.strainUe() + " µε is out of range (|strain| ≤ " + rules.maxAbsStrainUe() + " µε; is it in µε?)";
        }
        if (s.temperatureC() != null && (!Double.isFinite(s.temperatureC()) || s.temperatureC() < rules.minTemperatureC()
                || s.temperatureC() > rules.maxTemperatureC())) {
            return "temperature " + s.temperatureC() + " °C is out of range (" + rules.minTemperatureC() + " to "
                    + rules.maxTemperatureC() + " °C; is it in °C?)";
        }
        if (s.brillouin() != null) {
            return checkTraceOrder(s); // compensated from the shift already (StrainFromShift)
        }
        if (cable.compensation() == Compensation.TEMPERATURE && s.temperatureC() == null) {
            return "cable " + cable.code() + " is temperature-compensated: temperature_c is required";
        }
        if (cable.compensation() == Compensation.REFERENCE_FIBER && (s.referenceStrainUe() == null || !Double.isFinite(s.referenceStrainUe()))) {
            return "cable " + cable.code() + " is compensated by a reference fiber: reference_strain_ue is required";
        }
        return checkTraceOrder(s);
    }

    private String checkTraceOrder(FiberSample s) {
        if (!groupedTraces) {
            // line protocol: any order, duplicates sought over the whole (size-limited) request
            if (lastTraceLines == null || s.timeMs() != lastTraceTime) {
                lastTraceLines = lineByTimeAndDistance.computeIfAbsent(s.timeMs(), t -> new TraceDistances());
                lastTraceTime = s.timeMs();
                finishedTraces.add(s.timeMs());
            }
            long first = lastTraceLines.putIfAbsent(Math.round(s.distanceM() * 1000), s.line());
            return first < 0 ? null : "duplicate sample: distance " + s.distanceM() + " m at " + Instant.ofEpochMilli(s.timeMs())
                    + " already on line " + first;
        }
        if (s.timeMs() != currentTrace) {
            if (finishedTraces.contains(s.timeMs())) {
                return "rows of the trace at " + Instant.ofEpochMilli(s.timeMs()) + " are not contiguous; group rows by timestamp";
            }
            if (currentTrace != Long.MIN_VALUE) {
                finishedTraces.add(currentTrace);
            }
            currentTrace = s.timeMs();
            lineByDistanceMm.clear();
        }
        Long first = lineByDistanceMm.putIfAbsent(Math.round(s.distanceM() * 1000), s.line());
        if (first != null) {
            return "duplicate sample: distance " + s.distanceM() + " m at " + Instant.ofEpochMilli(s.timeMs())
                    + " already on line " + first;
        }
        return null;
    }

    private void write(FiberSample s) {
        FiberPositionLocator.Position where = locator.locate(cable, s.distanceM());
        String parcelTag;
        Long rollupOf = null;
        if (!where.mapped()) {
            unmapped++;
            parcelTag = FiberSeries.UNMAPPED;
        } else if (where.parcelId() == null) {
            parcelTag = FiberSeries.NO_PARCEL;
        } else {
            inParcels++;
            parcelTag = String.valueOf(where.parcelId());
            parcels.add(where.parcelId());
            rollupOf = where.parcelId();
        }
        double temperature = s.temperatureC() == null ? Double.NaN : s.temperatureC();
        double reference = s.referenceStrainUe() == null ? Double.NaN : s.referenceStrainUe();
        double baseline = cable.baselineTemperatureC() == null ? Double.NaN : cable.baselineTemperatureC();
        // 0.001 µε is far below any interrogator's resolution; rounding keeps float noise out of the stored values
        double strain = Math.round((s.brillouin() != null ? s.strainUe() : cable.compensation().compensate(s.strainUe(), temperature,
                reference, cable.tempCoefficientUePerC(), baseline)) * 1000) / 1000.0;

        if (rollupOf != null) {
            if (lastRollup == null || s.timeMs() != lastRollupTime || rollupOf != lastRollupParcel) {
                // consecutive samples mostly fall in the same trace and parcel: look the rollup up only on a change
                lastRollup = rollups.computeIfAbsent(s.timeMs(), k -> new HashMap<>()).computeIfAbsent(rollupOf, k -> new TraceRollup());
                lastRollupTime = s.timeMs();
                lastRollupParcel = rollupOf;
            }
            lastRollup.add(strain, s.temperatureC(), s.distanceM());
            if (groupedTraces && s.timeMs() != rateBinsTrace) {
                // a file's traces come one after the other: the finished one's bins go now, so memory holds one trace
                rateBins.appendTo(batch);
                rateBinsTrace = s.timeMs();
            }
            rateBins.add(s.timeMs(), rollupOf, s.distanceM(), where.chainageM(), strain);
        }
        if (s.brillouin() == null) {
            // the common case, encoded without a map per sample (FiberLine writes what LinePoint would)
            line.setLength(0);
            FiberSample.Texts texts = s.texts();
            FiberLine.append(line, cable.id(), parcelTag, s.distanceM(), texts == null ? null : texts.distance(), strain,
                    cable.compensation() != Compensation.NONE ? s.strainUe() : Double.NaN, texts == null ? null : texts.strain(), temperature,
                    texts == null ? null : texts.temperature(), where.mapped() ? where.chainageM() : Double.NaN, s.timeMs());
            batch.append(line);
            return;
        }
        TreeMap<String, String> tags = new TreeMap<>();
        tags.put(FiberSeries.TAG_CABLE, String.valueOf(cable.id()));
        tags.put(FiberSeries.TAG_PARCEL, parcelTag);
        tags.put(FiberSeries.TAG_POSITION, FiberSeries.positionTag(s.distanceM()));
        Map<String, Double> fields = new LinkedHashMap<>();
        fields.put(FiberSeries.FIELD_STRAIN, strain);
        BrillouinFields.put(fields, s.brillouin());
        if (s.temperatureC() != null) {
            fields.put(FiberSeries.FIELD_TEMPERATURE, s.temperatureC());
        }
        fields.put(FiberSeries.FIELD_DISTANCE, s.distanceM());
        if (where.mapped()) {
            fields.put(FiberSeries.FIELD_CHAINAGE, where.chainageM());
        }
        batch.append(new LinePoint(FiberSeries.MEASUREMENT, tags, fields, s.timeMs()));
    }
}
