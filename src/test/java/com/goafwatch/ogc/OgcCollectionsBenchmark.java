package com.goafwatch.ogc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.goafwatch.map.WebMapBenchmark;
import com.goafwatch.support.Fixtures;

/**
 * OGC collection metadata and the phases layer at a site of 5,000 parcels (not a test): the same site in two services,
 * the baseline build and this one, requests interleaved in one run. Each round first adds a parcel (an edit: every
 * remembered extent is then out of date), then times, per service and caller (admin, a viewer granted the project),
 * GET /ogcapi/collections twice (after the edit, then again) and GET /ogcapi/collections/phases/items. Writes
 * target/bench/ogc-collections.md. Run by scripts/bench-ogc.sh.
 */
public final class OgcCollectionsBenchmark {

    private record Caller(String name, String authorization) {
    }

    public static void main(String[] args) throws Exception {
        String[] services = {args[0], args[1]};
        String[] labels = {"baseline", "this build"};
        String adminPassword = args[2];
        int rounds = Integer.parseInt(args[3]);
        int parcels = Integer.parseInt(args[4]);
        HttpClient http = HttpClient.newHttpClient();
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
        long[] projects = new long[2];
        List<List<Caller>> callers = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            projects[s] = WebMapBenchmark.site(services[s], adminPassword, parcels);
            String admin = send(http, services[s], basic, "POST", "/api/v1/admin/tokens", "{\"name\": \"bench-admin\", \"role\": \"admin\"}", 201);
            String viewer = send(http, services[s], basic, "POST", "/api/v1/admin/tokens", "{\"name\": \"bench-viewer\", \"role\": \"viewer\", "
                    + "\"projectId\": " + projects[s] + ", \"validDays\": 1}", 201);
            callers.add(List.of(new Caller("admin", "Bearer " + secret(admin)), new Caller("viewer", "Bearer " + secret(viewer))));
        }
        String[] steps = {"edit: add 1 parcel (import)", "collections after the edit", "collections again", "phases/items"};
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (int round = -1; round < rounds; round++) { // round -1 warms both services
            for (int k = 0; k < 2; k++) {
                int s = (round + k) % 2 == 0 ? 0 : 1; // alternate which service goes first
                for (Caller c : callers.get(s)) {
                    double[] ms = new double[4];
                    String code = String.format(Locale.ROOT, "X%s%03d", c.name().substring(0, 1), round + 1);
                    String body = Fixtures.collection(Fixtures.feature(code, 1, "Polygon",
                            Fixtures.square(Fixtures.E0 - 500 - 100 * (round + 1), Fixtures.N0 - 500, 50)));
                    ms[0] = timed(() -> send(http, services[s], basic, "POST", "/api/v1/projects/" + projects[s]
                            + "/parcels/import?crs=EPSG:4548", body, 200));
                    ms[1] = timed(() -> send(http, services[s], c.authorization(), "GET", "/ogcapi/collections", null, 200));
                    ms[2] = timed(() -> send(http, services[s], c.authorization(), "GET", "/ogcapi/collections", null, 200));
                    ms[3] = timed(() -> send(http, services[s], c.authorization(), "GET", "/ogcapi/collections/phases/items", null, 200));
                    if (round >= 0) {
                        for (int i = 0; i < 4; i++) {
                            times.computeIfAbsent(labels[s] + "|" + c.name() + "|" + steps[i], x -> new ArrayList<>()).add(ms[i]);
                        }
                    }
                    System.err.printf(Locale.ROOT, "round %d %s %s: %.0f %.0f %.0f %.0f ms%n", round, labels[s], c.name(), ms[0], ms[1], ms[2], ms[3]);
                }
            }
        }
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "OGC API at %d parcels in one phase, %d rounds interleaved; "
                + "median (max) ms per request, and baseline / this build of the medians.%n%n| caller | request | baseline | this build | ratio |%n"
                + "|---|---|---|---|---|%n", parcels, rounds));
        for (String caller : List.of("admin", "viewer")) {
            for (String step : steps) {
                List<Double> base = times.get(labels[0] + "|" + caller + "|" + step);
                List<Double> mine = times.get(labels[1] + "|" + caller + "|" + step);
                md.append(String.format(Locale.ROOT, "| %s | %s | %.0f (%.0f) | %.0f (%.0f) | %.2f |%n", caller, step, median(base),
                        Collections.max(base), median(mine), Collections.max(mine), median(base) / median(mine)));
            }
        }
        Path out = Path.of("target/bench/ogc-collections.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        System.out.print(md);
    }

    private interface Call {
        void run() throws Exception;
    }

    private static double timed(Call call) throws Exception {
        long t0 = System.nanoTime();
        call.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    private static String send(HttpClient http, String service, String authorization, String method, String path, String body, int expected)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service + path)).header("Authorization", authorization);
        b = body == null ? b.GET() : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body().substring(0, Math.min(400, r.body().length())));
        }
        return r.body();
    }

    private static String secret(String json) {
        return com.jayway.jsonpath.JsonPath.read(json, "$.secret");
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
