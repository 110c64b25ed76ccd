package com.goafwatch.report;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.jayway.jsonpath.JsonPath;

/**
 * Report generation (not a test): a phase of 100 parcels (10 × 10 squares of 100 m) with 400 boreholes,
 * 200 QA tests, one settlement marker per parcel and ten cables across the rows, and one year of
 * 15-minute data (settlement readings and the per-trace strain rollups, 7 million points written straight
 * to InfluxDB in the service's schema to keep the set-up short). Times the report in each format, the
 * share spent waiting for InfluxDB, and the service's peak heap while generating (it runs with -Xmx512m).
 *
 * <p>Arguments: serviceUrl influxUrl adminPassword rounds
 */
public final class ReportBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final double E0 = 454_000;
    private static final double N0 = 3_924_000;

    public static void main(String[] args) throws Exception {
        String service = args[0];
        String influx = args[1];
        String admin = "Basic " + Base64.getEncoder().encodeToString(("admin:" + args[2]).getBytes(StandardCharsets.UTF_8));
        int rounds = Integer.parseInt(args[3]);

        long project = id(post(service + "/api/v1/projects", admin, "application/json",
                "{\"code\": \"BENCH-REPORT\", \"name\": \"Report benchmark\", \"surveyCrs\": \"EPSG:4548\"}"));
        long phase = id(post(service + "/api/v1/projects/" + project + "/phases", admin, "application/json",
                "{\"ordinal\": 1, \"name\": \"Phase 1\", \"status\": \"monitoring\"}"));
        StringBuilder parcels = new StringBuilder("{\"type\": \"FeatureCollection\", \"features\": [");
        StringBuilder holes = new StringBuilder("code,type,order,easting,northing,measured_depth_m,depth_to_goaf_m,grouted_on,grout_take_m3,waste_share\n");
        StringBuilder qa = new StringBuilder("code,type,borehole,tested_on,core_strength_mpa,fluid_loss,reinjection_m3\n");
        for (int r = 0; r < 10; r++) {
            for (int c = 0; c < 10; c++) {
                double e = E0 + c * 100;
                double n = N0 + r * 100;
                String code = String.format(Locale.ROOT, "B-%02d", r * 10 + c);
                parcels.append(r + c == 0 ? "" : ",").append(String.format(Locale.ROOT, """
                        {"type": "Feature", "properties": {"code": "%s", "phase": 1, "status": "monitoring"},
                         "geometry": {"type": "Polygon", "coordinates": [[[%.1f,%.1f],[%.1f,%.1f],[%.1f,%.1f],[%.1f,%.1f],[%.1f,%.1f]]]}}""",
                        code, e, n, e + 100, n, e + 100, n + 100, e, n + 100, e, n));
                for (int h = 0; h < 3; h++) {
                    holes.append(String.format(Locale.ROOT, "G%s-%d,grouting,%d,%.1f,%.1f,90,65,2025-05-%02d,%.1f,0.3%n", code, h, h + 1,
                            e + 20 + h * 30, n + 30, 1 + h, 150.0 + h * 10));
                }
                holes.append(String.format(Locale.ROOT, "K%s,check,,%.1f,%.1f,80,65,,,%n", code, e + 50, n + 60));
                qa.append(String.format(Locale.ROOT, "Q%s-1,core_strength,K%s,2025-08-01,%.1f,,%n", code, code, 10.0 + (r + c) % 5));
                qa.append(String.format(Locale.ROOT, "Q%s-2,check_hole,K%s,2025-08-01,,minor,%.1f%n", code, code, 10.0 + c));
            }
        }
        post(service + "/api/v1/projects/" + project + "/parcels/import?crs=EPSG:4548", admin, "application/json", parcels.append("]}").toString());
        post(service + "/api/v1/projects/" + project + "/boreholes/import?crs=EPSG:4548", admin, "text/csv", holes.toString());
        post(service + "/api/v1/projects/" + project + "/qa-tests/import", admin, "text/csv", qa.toString());
        for (int r = 0; r < 10; r++) {
            post(service + "/api/v1/projects/" + project + "/cables?crs=EPSG:4548", admin, "application/json", String.format(Locale.ROOT, """
                    {"type": "Feature", "properties": {"code": "F-%d", "installation": "trench", "fiberLengthM": 1100, "couplingCoefficient": 0.4},
                     "geometry": {"type": "LineString", "coordinates": [[%.1f, %.1f], [%.1f, %.1f]]}}""", r, E0 - 50, N0 + r * 100 + 50,
                    E0 + 1050, N0 + r * 100 + 50));
            for (int c = 0; c < 10; c++) {
                post(service + "/api/v1/projects/" + project + "/sensors?crs=EPSG:4548", admin, "application/json", String.format(Locale.ROOT, """
                        {"type": "Feature", "properties": {"code": "M-%02d", "type": "settlement-marker"},
                         "geometry": {"type": "Point", "coordinates": [%.1f, %.1f]}}""", r * 10 + c, E0 + c * 100 + 50, N0 + r * 100 + 20));
            }
        }
        List<Number> sensorIds = JsonPath.read(get(service + "/api/v1/projects/" + project + "/sensors", admin), "$[*].id");
        List<Number> sensorParcels = JsonPath.read(get(service + "/api/v1/projects/" + project + "/sensors", admin), "$[*].parcelId");
        String cablesJson = get(service + "/api/v1/projects/" + project + "/cables", admin);
        List<Number> cableIds = JsonPath.read(cablesJson, "$.features[*].id");
        List<List<Number>> crossed = new ArrayList<>();
        for (Number id : cableIds) {
            crossed.add(JsonPath.read(get(service + "/api/v1/cables/" + id, admin), "$.properties.intervals[*].parcelId"));
        }

        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant start = end.minus(365, ChronoUnit.DAYS);
        long t0 = System.nanoTime();
        long points = write(influx, start, end, sensorIds, sensorParcels, cableIds, crossed);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "set-up: %d points (1 year at 15 min) written in %.0f s%n", points, loadSeconds);

        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, """
                Report generation: 100 parcels, 400 boreholes, 200 QA tests, 100 markers, 10 cables; one year of 15-minute data
                (%,d points in InfluxDB); service -Xmx512m

                | format | round | generation (service) | of which InfluxDB | share | wall time (HTTP) | size | peak heap used during |
                |---|---|---|---|---|---|---|---|
                """, points));
        List<String> formats = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            formats.add("pdf");
        }
        formats.addAll(List.of("json", "xlsx", "docx"));
        int round = 0;
        for (String format : formats) {
            round++;
            AtomicLong peak = new AtomicLong();
            Thread sampler = heapSampler(service, admin, peak);
            long w0 = System.nanoTime();
            String body = post(service + "/api/v1/phases/" + phase + "/reports?format=" + format + "&language=zh&at=" + end, admin,
                    "application/json", "{}");
            double wall = (System.nanoTime() - w0) / 1e6;
            sampler.interrupt();
            sampler.join();
            Map<String, Object> r = JsonPath.read(body, "$");
            double gen = ((Number) r.get("generationMillis")).doubleValue();
            double inf = ((Number) r.get("influxMillis")).doubleValue();
            report.append(String.format(Locale.ROOT, "| %s | %d | %.0f ms | %.0f ms | %.0f %% | %.0f ms | %.0f kB | %.0f MB |%n", format, round, gen,
                    inf, inf / gen * 100, wall, ((Number) r.get("sizeBytes")).doubleValue() / 1024, peak.get() / 1048576.0));
        }
        Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(Path.of("target", "bench", "report.md"), report.toString());
        System.out.println(report);
    }

    /** Settlement per marker and strain rollups per cable and parcel, every 15 minutes, straight to /write in the service's schema. */
    private static long write(String influx, Instant start, Instant end, List<Number> sensors, List<Number> sensorParcels, List<Number> cables,
            List<List<Number>> crossed) throws Exception {
        long points = 0;
        StringBuilder batch = new StringBuilder();
        int lines = 0;
        for (Instant t = start; t.isBefore(end); t = t.plus(15, ChronoUnit.MINUTES)) {
            long ms = t.toEpochMilli();
            double days = (ms - start.toEpochMilli()) / 86_400_000.0;
            for (int i = 0; i < sensors.size(); i++) {
                double mm = 10 + 8 * (1 - Math.exp(-days / 90)) + 0.4 * Math.sin(days / 3 + i);
                batch.append("settlement,parcel=").append(sensorParcels.get(i)).append(",sensor=").append(sensors.get(i))
                        .append(" settlement_mm=").append(String.format(Locale.ROOT, "%.3f", mm)).append(' ').append(ms).append('\n');
                lines++;
            }
            for (int c = 0; c < cables.size(); c++) {
                for (Number parcel : crossed.get(c)) {
                    double base = 60 * Math.sin(days / 30 + c) + 20 * Math.sin(days * 6.28);
                    batch.append("fiber_trace_stats,cable=").append(cables.get(c)).append(",parcel=").append(parcel).append(",part=0 max_ue=")
                            .append(String.format(Locale.ROOT, "%.2f", base + 25)).append(",min_ue=").append(String.format(Locale.ROOT, "%.2f", base - 25))
                            .append(",sum_ue=").append(String.format(Locale.ROOT, "%.1f", base * 100)).append(",n=100i ").append(ms).append('\n');
                    lines++;
                }
            }
            if (lines >= 20_000) {
                points += lines;
                influxWrite(influx, batch.toString());
                batch.setLength(0);
                lines = 0;
            }
        }
        if (lines > 0) {
            points += lines;
            influxWrite(influx, batch.toString());
        }
        return points;
    }

    private static void influxWrite(String influx, String lines) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(influx + "/write?db=goafwatch&rp=raw&precision=ms"))
                .POST(HttpRequest.BodyPublishers.ofString(lines)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 204) {
            throw new IllegalStateException("InfluxDB /write answered " + r.statusCode() + ": " + r.body());
        }
    }

    private static Thread heapSampler(String service, String admin, AtomicLong peak) {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    String m = get(service + "/actuator/metrics/jvm.memory.used?tag=area:heap", admin);
                    long used = ((Number) JsonPath.read(m, "$.measurements[0].value")).longValue();
                    peak.accumulateAndGet(used, Math::max);
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // a missed sample
                }
            }
        });
        t.start();
        return t;
    }

    private static long id(String body) {
        return ((Number) JsonPath.read(body, "$.id")).longValue();
    }

    private static String get(String url, String auth) throws Exception {
        return check(url, HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    private static String post(String url, String auth, String type, String body) throws Exception {
        return check(url, HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static String check(String url, HttpResponse<String> r) {
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
