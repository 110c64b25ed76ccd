package com.goafwatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.jayway.jsonpath.JsonPath;

/**
 * Soak run (not a test): gateways upload traces of the sample site's cables continuously while map users
 * open parcel panels (parcel, its strain, a cable profile) with a short think time. Reports throughput,
 * latency percentiles per request kind, errors, and checks that every accepted sample reached InfluxDB.
 *
 * <p>Arguments: serviceUrl influxUrl seconds users gateways adminPassword
 */
public final class SoakBenchmark {

    private static final Map<String, List<Long>> LATENCIES = new ConcurrentHashMap<>();
    private static final Map<String, AtomicLong> ERRORS = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        String service = args[0];
        String influx = args[1];
        long seconds = Long.parseLong(args[2]);
        int users = Integer.parseInt(args[3]);
        int gateways = Integer.parseInt(args[4]);
        BenchHttp admin = BenchHttp.basic("admin", args[5]).token(service, "soak-admin", "admin", null);
        long projectId = ((Number) JsonPath.read(admin.get(service + "/api/v1/projects?code=RENCHENG-DEMO"), "$[0].id")).longValue();
        List<Object> cableIds = JsonPath.read(admin.get(service + "/api/v1/projects/" + projectId + "/cables"), "$.features[*].id");
        List<String> cableCodes = JsonPath.read(admin.get(service + "/api/v1/projects/" + projectId + "/cables"),
                "$.features[*].properties.code");
        List<Number> fiberLengths = JsonPath.read(admin.get(service + "/api/v1/projects/" + projectId + "/cables"),
                "$.features[*].properties.fiberLengthM");
        List<Object> parcelIds = JsonPath.read(admin.get(service + "/api/v1/parcels?project=" + projectId + "&limit=100"), "$.features[*].id");

        List<Number> extent = JsonPath.read(admin.get(service + "/ogcapi/collections/parcels"), "$.extent.spatial.bbox[0]");

        long deadline = System.currentTimeMillis() + seconds * 1000;
        AtomicLong accepted = new AtomicLong();
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(2, ChronoUnit.HOURS); // recent, as live traces are
        List<Thread> threads = new ArrayList<>();
        for (int g = 0; g < gateways; g++) {
            BenchHttp token = admin.token(service, "soak-gateway-" + g, "ingest", projectId);
            int gateway = g;
            threads.add(start(() -> {
                for (int k = 0; System.currentTimeMillis() < deadline; k++) {
                    int c = (k * gateways + gateway) % cableCodes.size();
                    Instant t = base.plusSeconds((long) k * gateways + gateway);
                    String csv = trace(t, fiberLengths.get(c).doubleValue());
                    String body = timed("gateway: upload trace", () -> token.post(service + "/api/v1/projects/" + projectId
                            + "/ingest/traces?cable=" + cableCodes.get(c) + "&format=csv", "text/csv", csv));
                    if (body != null) {
                        accepted.addAndGet(((Number) JsonPath.read(body, "$.samples")).longValue());
                    }
                }
            }));
        }
        for (int u = 0; u < users; u++) {
            BenchHttp token = admin.token(service, "soak-user-" + u, "viewer", projectId);
            Random random = new Random(u);
            threads.add(start(() -> {
                timed("map: parcel layer (100 parcels)", () -> token.get(service + "/api/v1/parcels?project=" + projectId + "&limit=100"));
                while (System.currentTimeMillis() < deadline) {
                    Object parcel = parcelIds.get(random.nextInt(parcelIds.size()));
                    Object cable = cableIds.get(random.nextInt(cableIds.size()));
                    String tile = randomTile(random, extent);
                    timed("map: parcel vector tile (z14-16)", () -> token.get(service + "/tiles/parcels/" + tile + ".mvt"));
                    timed("map: cable vector tile (z14-16)", () -> token.get(service + "/tiles/cables/" + tile + ".mvt"));
                    timed("panel: parcel feature", () -> token.get(service + "/api/v1/parcels/" + parcel));
                    timed("panel: parcel strain (1 day)", () -> token.get(service + "/api/v1/parcels/" + parcel + "/strain"));
                    timed("panel: cable strain profile", () -> token.get(service + "/api/v1/cables/" + cable + "/profile"));
                    try {
                        Thread.sleep(250); // the engineer looks at the panel
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        long drainStart = System.currentTimeMillis();
        while (((Number) JsonPath.read(admin.get(service + "/api/v1/ingest/status"), "$.pendingBatches")).intValue() > 0) {
            Thread.sleep(200);
        }
        double drainSeconds = (System.currentTimeMillis() - drainStart) / 1000.0;
        String where = "cable =~ /^(" + String.join("|", cableIds.stream().map(String::valueOf).toList()) + ")$/";
        String counted = BenchHttp.none().get(influx + "/query?db=goafwatch&q=" + java.net.URLEncoder.encode(
                "SELECT count(strain_ue) FROM fiber_strain WHERE " + where, java.nio.charset.StandardCharsets.UTF_8));
        long inInflux = ((Number) JsonPath.read(counted, "$.results[0].series[0].values[0][1]")).longValue();

        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, """
                | soak: %d s, %d map users, %d gateways | |
                |---|---|
                | samples accepted (202) | %d (%.0f samples/s) |
                | samples in InfluxDB at the end | %d (%s) |
                | backlog drained after the load stopped in | %.1f s |
                """, seconds, users, gateways, accepted.get(), accepted.get() / (double) seconds, inInflux,
                inInflux == accepted.get() ? "all, exactly once" : "MISMATCH", drainSeconds));
        report.append("\n| request | count | per s | p50 ms | p95 ms | p99 ms | errors |\n|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, List<Long>> e : new TreeMap<>(LATENCIES).entrySet()) {
            List<Long> v = new ArrayList<>(e.getValue());
            Collections.sort(v);
            report.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %d | %d | %d | %d |%n", e.getKey(), v.size(),
                    v.size() / (double) seconds, pct(v, 50), pct(v, 95), pct(v, 99),
                    ERRORS.getOrDefault(e.getKey(), new AtomicLong()).get()));
        }
        System.out.println(report);
        Path out = Path.of("target/bench/soak.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        if (inInflux != accepted.get()) {
            System.exit(1);
        }
    }

    /** z/x/y of a random tile at zoom 14-16 inside the site's extent (CRS84), as a panning map asks for them. */
    private static String randomTile(Random random, List<Number> extent) {
        int z = 14 + random.nextInt(3);
        double lon = extent.get(0).doubleValue() + random.nextDouble() * (extent.get(2).doubleValue() - extent.get(0).doubleValue());
        double lat = Math.toRadians(extent.get(1).doubleValue() + random.nextDouble() * (extent.get(3).doubleValue() - extent.get(1).doubleValue()));
        int x = (int) Math.floor((lon + 180) / 360 * (1 << z));
        int y = (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * (1 << z));
        return z + "/" + x + "/" + y;
    }

    private static Thread start(Runnable work) {
        Thread t = new Thread(work);
        t.start();
        return t;
    }

    private interface Call {
        String run() throws Exception;
    }

    private static String timed(String kind, Call call) {
        long t0 = System.nanoTime();
        try {
            String body = call.run();
            LATENCIES.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>())).add((System.nanoTime() - t0) / 1_000_000);
            return body;
        } catch (Exception e) {
            ERRORS.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
            return null;
        }
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** A trace at 1 m spacing with a little strain and 16 °C (the sample cables are temperature-compensated). */
    private static String trace(Instant t, double fiberLengthM) {
        StringBuilder b = new StringBuilder("timestamp,distance_m,strain_ue,temperature_c\n");
        String time = t.toString();
        for (int d = 0; d <= (int) fiberLengthM; d++) {
            b.append(time).append(',').append(d).append(',').append(20 + (d % 37) * 0.5).append(",16.0\n");
        }
        return b.toString();
    }
}
