package com.goafwatch.bench;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.jayway.jsonpath.JsonPath;

/**
 * The ten-times site of issue 15, built through the service's API: {@code km} rows of ten 100 m square parcels
 * (5,000 parcels at 500 km), one 1 km trench cable along each row (500 km of fiber, sampled every metre), four
 * settlement markers per row (2,000) levelled half-monthly over six months, and the rules of a full cycle. Fiber
 * traces are generated here, in the line protocol a gateway sends and in the line format the service writes.
 */
final class ScaleSite {

    static final double E0 = 454_000;
    static final double N0 = 3_924_000;
    static final int COLUMNS = 10;
    static final int FIBER_M = 1000;
    static final int MARKERS_PER_ROW = 4;

    final long projectId;
    final int rows;
    final long[] cableIds;
    /** cable row → fiber metre → parcel id (-1 outside every parcel), from the service's own placement */
    final long[][] parcelAt;

    private ScaleSite(long projectId, int rows, long[] cableIds, long[][] parcelAt) {
        this.projectId = projectId;
        this.rows = rows;
        this.cableIds = cableIds;
        this.parcelAt = parcelAt;
    }

    /** Parcels and levellings through {@code service}; cables and markers through it and {@code other}, four requests at a time. */
    static ScaleSite create(BenchHttp api, String service, String other, int rows) throws Exception {
        String code = "SCALE-" + System.currentTimeMillis();
        long projectId = ((Number) JsonPath.read(api.post(service + "/api/v1/projects", "application/json",
                "{\"code\": \"" + code + "\", \"name\": \"ten-times site\"}"), "$.id")).longValue();
        api.post(service + "/api/v1/projects/" + projectId + "/phases", "application/json", "{\"ordinal\": 1, \"name\": \"scale\"}");
        for (int from = 0; from < rows; from += 50) {
            StringBuilder fc = new StringBuilder("{\"type\": \"FeatureCollection\", \"features\": [");
            for (int r = from; r < Math.min(rows, from + 50); r++) {
                for (int c = 0; c < COLUMNS; c++) {
                    double e = E0 + c * 100;
                    double n = N0 + r * 100;
                    fc.append(r == from && c == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"type\": \"Feature\", \"properties\": "
                            + "{\"code\": \"P%d-%d\", \"phase\": 1}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[%.1f, %.1f], "
                            + "[%.1f, %.1f], [%.1f, %.1f], [%.1f, %.1f], [%.1f, %.1f]]]}}", r, c, e, n, e + 100, n, e + 100, n + 100, e,
                            n + 100, e, n));
                }
            }
            api.post(service + "/api/v1/projects/" + projectId + "/parcels/import?crs=EPSG:4548", "application/json", fc + "]}");
        }
        long[] cableIds = new long[rows];
        long[][] parcelAt = new long[rows][];
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            int row = r;
            String via = r % 2 == 0 ? service : other;
            done.add(pool.submit(() -> {
                double n = N0 + row * 100 + 50;
                String body = api.post(via + "/api/v1/projects/" + projectId + "/cables?crs=EPSG:4548", "application/json",
                        String.format(Locale.ROOT, """
                                {"type": "Feature", "properties": {"code": "C%d", "installation": "trench", "fiberLengthM": %d,
                                 "couplingCoefficient": 0.4, "compensation": "temperature", "baselineTemperatureC": 15.0},
                                 "geometry": {"type": "LineString", "coordinates": [[%.1f, %.1f], [%.1f, %.1f]]}}""", row, FIBER_M, E0, n,
                                E0 + COLUMNS * 100, n));
                cableIds[row] = ((Number) JsonPath.read(body, "$.id")).longValue();
                parcelAt[row] = placement(api.get(via + "/api/v1/cables/" + cableIds[row]));
                for (int m = 0; m < MARKERS_PER_ROW; m++) {
                    api.post(via + "/api/v1/projects/" + projectId + "/sensors?crs=EPSG:4548", "application/json", String.format(
                            Locale.ROOT, """
                                    {"type": "Feature", "properties": {"code": "M%d-%d", "type": "settlement-marker"},
                                     "geometry": {"type": "Point", "coordinates": [%.1f, %.1f]}}""", row, m, E0 + (2 * m + 1) * 100 + 50,
                            N0 + row * 100 + 25));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        ScaleSite site = new ScaleSite(projectId, rows, cableIds, parcelAt);
        site.levelMarkers(api, service);
        return site;
    }

    /** Each metre's parcel from the cable's intervals (as the service placed them). */
    private static long[] placement(String cable) {
        long[] at = new long[FIBER_M];
        java.util.Arrays.fill(at, -1);
        List<Object> intervals = JsonPath.read(cable, "$.properties.intervals[*]");
        for (int i = 0; i < intervals.size(); i++) {
            double from = ((Number) JsonPath.read(cable, "$.properties.intervals[" + i + "].fiberFromM")).doubleValue();
            double to = ((Number) JsonPath.read(cable, "$.properties.intervals[" + i + "].fiberToM")).doubleValue();
            Number parcel = JsonPath.read(cable, "$.properties.intervals[" + i + "].parcelId");
            for (int d = (int) Math.ceil(from); d < FIBER_M && d <= to; d++) {
                if (parcel != null && at[d] < 0) {
                    at[d] = parcel.longValue();
                }
            }
        }
        return at;
    }

    /** Twelve half-monthly levellings of every marker (six months), settling 1 mm a levelling on every tenth row. */
    private void levelMarkers(BenchHttp api, String service) throws IOException, InterruptedException {
        Instant last = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.DAYS);
        StringBuilder lp = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            for (int m = 0; m < MARKERS_PER_ROW; m++) {
                for (int k = 0; k < 12; k++) {
                    long ns = last.minus(15L * (11 - k), ChronoUnit.DAYS).toEpochMilli() * 1_000_000L;
                    lp.append(String.format(Locale.ROOT, "settlement,sensor=M%d-%d settlement_mm=%.1f %d%n", r, m, r % 10 == 0 ? k : 0.0, ns));
                }
            }
            if (lp.length() > 500_000 || r == rows - 1) {
                api.post(service + "/api/v1/projects/" + projectId + "/ingest/line-protocol?precision=ns", "text/plain", lp.toString());
                lp.setLength(0);
            }
        }
    }

    /** Ground-relevant strain of a sample: noise of 20 µε, and a bump growing 10 µε an hour on every tenth cable. */
    static double strain(java.util.Random random, int row, int d, int hour) {
        return Math.round((random.nextGaussian() * 20 + (row % 10 == 0 ? Math.exp(-Math.pow((d - 450) / 30.0, 2)) * (600 + 10 * hour) : 0))
                * 100) / 100.0;
    }

    /** A gateway's request: cables {@code fromRow}..{@code toRow} − 1 at one trace time, line protocol by cable code. */
    String gatewayLines(Instant time, int hour, int fromRow, int toRow) {
        long ns = time.toEpochMilli() * 1_000_000L;
        StringBuilder lp = new StringBuilder((toRow - fromRow) * FIBER_M * 72);
        for (int r = fromRow; r < toRow; r++) {
            java.util.Random random = new java.util.Random(time.toEpochMilli() ^ r);
            for (int d = 0; d < FIBER_M; d++) {
                lp.append("fiber_strain,cable=C").append(r).append(" distance_m=").append(d).append(",strain_ue=")
                        .append(strain(random, r, d, hour)).append(",temperature_c=15 ").append(ns).append('\n');
            }
        }
        return lp.toString();
    }

    /** The same samples as the service writes them (tags cable, parcel, pos; its five fields), for InfluxDB's /write. */
    String storedLines(Instant time, int hour, int fromRow, int toRow) {
        long ms = time.toEpochMilli();
        StringBuilder lp = new StringBuilder((toRow - fromRow) * FIBER_M * 150);
        for (int r = fromRow; r < toRow; r++) {
            java.util.Random random = new java.util.Random(ms ^ r);
            for (int d = 0; d < FIBER_M; d++) {
                double strain = strain(random, r, d, hour);
                long parcel = parcelAt[r][d];
                lp.append("fiber_strain,cable=").append(cableIds[r]).append(",parcel=").append(parcel < 0 ? "none" : String.valueOf(parcel))
                        .append(",pos=").append(d).append(".000 strain_ue=").append(strain).append(",strain_raw_ue=").append(strain)
                        .append(",temperature_c=15.0,distance_m=").append((double) d).append(",chainage_m=").append((double) d).append(' ')
                        .append(ms).append('\n');
            }
        }
        return lp.toString();
    }
}
