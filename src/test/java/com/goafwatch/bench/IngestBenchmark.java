package com.goafwatch.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import com.jayway.jsonpath.JsonPath;

/**
 * Ingestion benchmark (not a test): traces of 20,000 samples through the running service into InfluxDB,
 * against the same points written straight to InfluxDB's /write, in the same run and alternating rounds.
 * Run by scripts/bench-ingest.sh, which starts the service with -Xmx256m and a throwaway InfluxDB.
 *
 * <p>Then one large upload (a file of {@code largeFileMb} MB, streamed by the client too) shows that the
 * service reads it with bounded memory.
 *
 * <p>Arguments: serviceUrl influxUrl rounds tracesPerRound largeFileMb adminPassword
 */
public final class IngestBenchmark {

    private static final int SAMPLES = 20_000;
    private static final double SPACING_M = 0.5;
    private static final int LINES_PER_WRITE = 10_000;
    /** The service, as admin through an API token (set up in main). */
    private static BenchHttp service;
    /** InfluxDB, which runs without authentication here. */
    private static final BenchHttp INFLUX = BenchHttp.none();

    public static void main(String[] args) throws Exception {
        String serviceUrl = args[0];
        String influx = args[1];
        int rounds = Integer.parseInt(args[2]);
        int traces = Integer.parseInt(args[3]);
        int largeFileMb = Integer.parseInt(args[4]);
        service = BenchHttp.basic("admin", args[5]).token(serviceUrl, "ingest-benchmark", "admin", null);
        long projectId = setUp(serviceUrl);
        long cableId = ((Number) JsonPath.read(get(serviceUrl + "/api/v1/projects/" + projectId + "/cables"), "$.features[0].id")).longValue();
        String intervals = get(serviceUrl + "/api/v1/cables/" + cableId);
        List<double[]> parcelIntervals = new ArrayList<>();
        List<Object> list = JsonPath.read(intervals, "$.properties.intervals[*]");
        for (int i = 0; i < list.size(); i++) {
            Number from = JsonPath.read(intervals, "$.properties.intervals[" + i + "].fiberFromM");
            Number to = JsonPath.read(intervals, "$.properties.intervals[" + i + "].fiberToM");
            Number parcel = JsonPath.read(intervals, "$.properties.intervals[" + i + "].parcelId");
            parcelIntervals.add(new double[] {from.doubleValue(), to.doubleValue(), parcel == null ? -1 : parcel.doubleValue()});
        }
        post(influx + "/query", "application/x-www-form-urlencoded", "q=" + URLEncoder.encode("CREATE DATABASE bench_direct", StandardCharsets.UTF_8));

        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(rounds * traces * 2L + 10, ChronoUnit.MINUTES);
        HeapSampler heap = new HeapSampler(serviceUrl);
        heap.start();
        double[] serviceRates = new double[rounds];
        double[] directRates = new double[rounds];
        int next = 0;
        for (int round = 0; round < rounds; round++) {
            List<Instant> times = new ArrayList<>();
            for (int k = 0; k < traces; k++) {
                times.add(start.plus(next++, ChronoUnit.MINUTES));
            }
            directRates[round] = direct(influx, cableId, parcelIntervals, times);
            List<Instant> serviceTimes = new ArrayList<>();
            for (int k = 0; k < traces; k++) {
                serviceTimes.add(start.plus(next++, ChronoUnit.MINUTES));
            }
            serviceRates[round] = throughService(serviceUrl, influx, projectId, cableId, serviceTimes);
            System.out.printf(Locale.ROOT, "round %d: direct %.0f samples/s, service %.0f samples/s%n", round + 1, directRates[round],
                    serviceRates[round]);
        }
        long roundsPeak = heap.peakBytes();
        String large = largeUpload(serviceUrl, projectId, start.minus(1, ChronoUnit.DAYS), largeFileMb);
        heap.stopSampling();
        double direct = median(directRates);
        double viaService = median(serviceRates);
        String report = String.format(Locale.ROOT, """
                | measure | value |
                |---|---|
                | trace size | %d samples (%.1f km of fiber at %.1f m) |
                | rounds × traces per round | %d × %d |
                | direct /write to InfluxDB (baseline), median | %.0f samples/s |
                | through the service (HTTP CSV → validate → locate → spool → InfluxDB), median | %.0f samples/s |
                | ratio service / direct | %.0f %% |
                | service heap: -Xmx | 256 MB |
                | service heap used, sampled peak during the rounds | %.0f MB |
                %s
                """, SAMPLES, SAMPLES * SPACING_M / 1000, SPACING_M, rounds, traces, direct, viaService, 100 * viaService / direct,
                roundsPeak / 1048576.0, large);
        System.out.println(report);
        Path out = Path.of("target/bench/ingest.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    /**
     * Streams a generated CSV of about {@code megabytes} MB (consecutive 20,000-sample traces) in one request,
     * then waits until it is in InfluxDB. Returns report rows.
     */
    private static String largeUpload(String service, long projectId, Instant first, int megabytes) throws Exception {
        if (megabytes <= 0) {
            return "";
        }
        long bytesWanted = megabytes * 1_048_576L;
        java.util.function.Supplier<java.io.InputStream> body = () -> new java.io.SequenceInputStream(new java.util.Enumeration<>() {
            private long sent;
            private int trace;
            private boolean header = true;

            @Override
            public boolean hasMoreElements() {
                return sent < bytesWanted;
            }

            @Override
            public java.io.InputStream nextElement() {
                String text = csv(first.plus(trace++, ChronoUnit.MINUTES));
                if (!header) {
                    text = text.substring(text.indexOf('\n') + 1);
                }
                header = false;
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                sent += bytes.length;
                return new java.io.ByteArrayInputStream(bytes);
            }
        });
        HeapSampler heap = new HeapSampler(service);
        heap.start();
        long t0 = System.nanoTime();
        HttpResponse<String> r = IngestBenchmark.service.send(HttpRequest.newBuilder(URI.create(service + "/api/v1/projects/" + projectId
                + "/ingest/traces?cable=BENCH-1&format=csv")).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(body)));
        double uploadSeconds = (System.nanoTime() - t0) / 1e9;
        if (r.statusCode() != 202) {
            throw new IllegalStateException("large upload answered " + r.statusCode() + ": " + r.body());
        }
        long samples = ((Number) JsonPath.read(r.body(), "$.samples")).longValue();
        while (((Number) JsonPath.read(get(service + "/api/v1/ingest/status"), "$.pendingBatches")).intValue() > 0) {
            Thread.sleep(200);
        }
        double totalSeconds = (System.nanoTime() - t0) / 1e9;
        heap.stopSampling();
        return String.format(Locale.ROOT, """
                | large upload: one %d MB CSV, %d samples, accepted (202) after | %.1f s (%.0f MB/s) |
                | large upload: all samples in InfluxDB after | %.1f s (%.0f samples/s) |
                | large upload: service heap used, sampled peak | %.0f MB |""", megabytes, samples, uploadSeconds,
                megabytes / uploadSeconds, totalSeconds, samples / totalSeconds, heap.peakBytes() / 1048576.0);
    }

    /** Project with one 10 km trench across four parcels; returns the project id. */
    private static long setUp(String service) throws IOException, InterruptedException {
        String code = "BENCH-" + System.currentTimeMillis();
        long projectId = ((Number) JsonPath.read(post(service + "/api/v1/projects", "application/json",
                "{\"code\": \"" + code + "\", \"name\": \"ingest benchmark\"}"), "$.id")).longValue();
        post(service + "/api/v1/projects/" + projectId + "/phases", "application/json", "{\"ordinal\": 1, \"name\": \"bench\"}");
        StringBuilder fc = new StringBuilder("{\"type\": \"FeatureCollection\", \"features\": [");
        for (int i = 0; i < 4; i++) {
            double e = 450_000 + i * 2500;
            fc.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"type\": \"Feature\", \"properties\": {\"code\": \"P%d\", "
                    + "\"phase\": 1}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[%.1f, 3923000], [%.1f, 3923000], "
                    + "[%.1f, 3925000], [%.1f, 3925000], [%.1f, 3923000]]]}}", i, e, e + 2000, e + 2000, e, e));
        }
        post(service + "/api/v1/projects/" + projectId + "/parcels/import?crs=EPSG:4548", "application/json", fc + "]}");
        post(service + "/api/v1/projects/" + projectId + "/cables?crs=EPSG:4548", "application/json", """
                {"type": "Feature", "properties": {"code": "BENCH-1", "installation": "trench", "fiberLengthM": 10050,
                 "couplingCoefficient": 0.4, "compensation": "temperature", "baselineTemperatureC": 15},
                 "geometry": {"type": "LineString", "coordinates": [[449900, 3924000], [459950, 3924000]]}}""");
        return projectId;
    }

    private static double throughService(String service, String influx, long projectId, long cableId, List<Instant> times)
            throws IOException, InterruptedException {
        long before = count(influx, "goafwatch", cableId);
        long t0 = System.nanoTime();
        for (Instant t : times) {
            String response = post(service + "/api/v1/projects/" + projectId + "/ingest/traces?cable=BENCH-1&format=csv", "text/csv", csv(t));
            if (!response.contains("\"samples\":" + SAMPLES)) {
                throw new IllegalStateException("upload refused: " + response);
            }
        }
        long expected = before + (long) SAMPLES * times.size();
        while (true) {
            String status = get(service + "/api/v1/ingest/status");
            if (((Number) JsonPath.read(status, "$.pendingBatches")).intValue() == 0) {
                break;
            }
            Thread.sleep(5);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long arrived = count(influx, "goafwatch", cableId);
        if (arrived != expected) {
            throw new IllegalStateException("expected " + expected + " points in InfluxDB, found " + arrived);
        }
        return SAMPLES * times.size() / seconds;
    }

    /** The same points as the service writes (tags cable, parcel, pos; five fields), straight to /write. */
    private static double direct(String influx, long cableId, List<double[]> intervals, List<Instant> times)
            throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        for (Instant t : times) {
            StringBuilder chunk = new StringBuilder(LINES_PER_WRITE * 140);
            for (int k = 0; k < SAMPLES; k++) {
                double d = k * SPACING_M;
                double raw = strain(k);
                String parcel = "none";
                for (double[] i : intervals) {
                    if (d >= i[0] && d <= i[1]) {
                        parcel = i[2] < 0 ? "none" : String.valueOf((long) i[2]);
                        break;
                    }
                }
                chunk.append("fiber_strain,cable=").append(cableId).append(",parcel=").append(parcel).append(",pos=")
                        .append(String.format(Locale.ROOT, "%.3f", d)).append(" strain_ue=").append(raw - 20 * (temperature(k) - 15))
                        .append(",strain_raw_ue=").append(raw).append(",temperature_c=").append(temperature(k)).append(",distance_m=")
                        .append(d).append(",chainage_m=").append(Math.max(0, d - 100)).append(' ').append(t.toEpochMilli()).append('\n');
                if ((k + 1) % LINES_PER_WRITE == 0) {
                    post(influx + "/write?db=bench_direct&precision=ms", "text/plain", chunk.toString());
                    chunk.setLength(0);
                }
            }
        }
        return SAMPLES * times.size() / ((System.nanoTime() - t0) / 1e9);
    }

    private static String csv(Instant t) {
        StringBuilder b = new StringBuilder(SAMPLES * 48).append("timestamp,distance_m,strain_ue,temperature_c\n");
        String time = t.toString();
        for (int k = 0; k < SAMPLES; k++) {
            b.append(time).append(',').append(k * SPACING_M).append(',').append(strain(k)).append(',').append(temperature(k)).append('\n');
        }
        return b.toString();
    }

    private static double strain(int k) {
        return Math.round((35 * Math.sin(k / 400.0) + (k % 7) * 0.3) * 100) / 100.0;
    }

    private static double temperature(int k) {
        return Math.round((15 + 2 * Math.sin(k / 3000.0)) * 100) / 100.0;
    }

    private static long count(String influx, String db, long cableId) throws IOException, InterruptedException {
        String body = get(influx + "/query?db=" + db + "&q=" + URLEncoder.encode("SELECT count(strain_ue) FROM fiber_strain WHERE cable = '"
                + cableId + "'", StandardCharsets.UTF_8));
        return body.contains("\"series\"") ? ((Number) JsonPath.read(body, "$.results[0].series[0].values[0][1]")).longValue() : 0;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Service URLs go with the admin token, InfluxDB's /query and /write without. */
    static String get(String url) throws IOException, InterruptedException {
        return client(url).get(url);
    }

    static String post(String url, String type, String body) throws IOException, InterruptedException {
        return client(url).post(url, type, body);
    }

    private static BenchHttp client(String url) {
        return url.contains("/api/") || url.contains("/actuator/") ? service : INFLUX;
    }

    /** Samples the service's used heap every 50 ms through /actuator/metrics. */
    static final class HeapSampler extends Thread {

        private final String service;
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;

        HeapSampler(String service) {
            super("heap-sampler");
            this.service = service;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                try {
                    String body = get(service + "/actuator/metrics/jvm.memory.used?tag=area:heap");
                    long used = ((Number) JsonPath.read(body, "$.measurements[0].value")).longValue();
                    peak.accumulateAndGet(used, Math::max);
                    Thread.sleep(50);
                } catch (IOException e) {
                    // the service is busy; next sample
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stopSampling() {
            running = false;
        }

        long peakBytes() {
            return peak.get();
        }
    }
}
