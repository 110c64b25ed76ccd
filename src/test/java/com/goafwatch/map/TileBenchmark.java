package com.goafwatch.map;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.jayway.jsonpath.JsonPath;
import com.goafwatch.support.SlippyTiles;

/**
 * Tile latency (not a test): every tile of the sample site at zooms 12–17, for each layer, through the
 * service (HTTP, token check, version, ST_AsMVT) and as the same ST_AsMVT statement run bare over JDBC,
 * interleaved in the same run. Reports p50/p95 per zoom and the service's overhead; writes
 * target/bench/tiles.md.
 *
 * <p>Arguments: serviceUrl jdbcUrl adminPassword rounds
 */
public final class TileBenchmark {

    private record Address(TileLayer layer, int z, int x, int y) {
    }

    public static void main(String[] args) throws Exception {
        String service = args[0];
        String jdbcUrl = args[1];
        String adminPassword = args[2];
        int rounds = Integer.parseInt(args[3]);
        // HTTP/1.1 as map clients speak it to this server (the JDK client would otherwise offer h2c on every connection)
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String token = token(http, service, adminPassword);
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
        List<Long> withToken = new ArrayList<>();
        List<Long> withBasic = new ArrayList<>();

        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            List<Address> tiles = tilesOfTheSite(db);
            Map<Integer, List<Long>> viaService = new TreeMap<>();
            Map<Integer, List<Long>> bare = new TreeMap<>();
            List<Long> revalidate = new ArrayList<>();
            List<Long> floor = new ArrayList<>();
            long bytes = 0;
            int empty = 0;
            for (int round = -1; round < rounds; round++) { // round -1 warms caches and the JIT, unrecorded
                for (int i = 0; i < tiles.size(); i++) {
                    Address a = tiles.get(i);
                    // alternate which goes first so neither always finds the other's warm buffers
                    long[] s;
                    long b;
                    if (i % 2 == 0) {
                        s = viaService(http, service, token, a);
                        b = bare(db, a);
                    } else {
                        b = bare(db, a);
                        s = viaService(http, service, token, a);
                    }
                    if (round >= 0) {
                        viaService.computeIfAbsent(a.z(), k -> new ArrayList<>()).add(s[0]);
                        bare.computeIfAbsent(a.z(), k -> new ArrayList<>()).add(b);
                        floor.add(floor(http, service, token));
                        // the same tile with HTTP Basic and with the token, alternating which goes first
                        if (i % 2 == 0) {
                            withBasic.add(viaServiceAs(http, service, basic, a)[0]);
                            withToken.add(viaService(http, service, token, a)[0]);
                        } else {
                            withToken.add(viaService(http, service, token, a)[0]);
                            withBasic.add(viaServiceAs(http, service, basic, a)[0]);
                        }
                        if (round == 0) {
                            bytes += s[1];
                            empty += s[1] == 0 ? 1 : 0;
                            revalidate.add(revalidation(http, service, token, a));
                        }
                    }
                }
            }
            String report = report(tiles.size(), rounds, viaService, bare, revalidate, floor, bytes, empty)
                    + String.format(Locale.ROOT, "%nThe same tiles with HTTP Basic (verified password remembered) and with a token: Basic p50 %.2f ms, "
                            + "p95 %.2f ms; token p50 %.2f ms, p95 %.2f ms; Basic/token p50 %.2f (goal ≤ 1.2)%n", ms(percentile(withBasic, 50)),
                            ms(percentile(withBasic, 95)), ms(percentile(withToken, 50)), ms(percentile(withToken, 95)),
                            (double) percentile(withBasic, 50) / percentile(withToken, 50));
            Files.createDirectories(Path.of("target", "bench"));
            Files.writeString(Path.of("target", "bench", "tiles.md"), report);
            System.out.println(report);
        }
    }

    private static List<Address> tilesOfTheSite(Connection db) throws Exception {
        List<Address> tiles = new ArrayList<>();
        for (SlippyTiles.Tile t : SlippyTiles.overParcels(db, 12, 17)) {
            for (TileLayer layer : TileLayer.values()) {
                tiles.add(new Address(layer, t.z(), t.x(), t.y()));
            }
        }
        return tiles;
    }

    /** @return nanoseconds, body bytes */
    private static long[] viaService(HttpClient http, String service, String token, Address a) throws Exception {
        return viaServiceAs(http, service, "Bearer " + token, a);
    }

    /** The same tile with any Authorization header (HTTP Basic as GDAL and QGIS send it). */
    private static long[] viaServiceAs(HttpClient http, String service, String authorization, Address a) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service + "/tiles/" + a.layer().urlName() + "/" + a.z() + "/" + a.x() + "/"
                + a.y() + ".mvt")).header("Authorization", authorization).build();
        long t = System.nanoTime();
        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        long elapsed = System.nanoTime() - t;
        if (r.statusCode() != 200 && r.statusCode() != 204) {
            throw new IllegalStateException(a + " answered " + r.statusCode());
        }
        return new long[] {elapsed, r.body().length};
    }

    private static long floor(HttpClient http, String service, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service + "/api/v1/session")).header("Authorization", "Bearer " + token).build();
        long t = System.nanoTime();
        http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return System.nanoTime() - t;
    }

    private static long revalidation(HttpClient http, String service, String token, Address a) throws Exception {
        URI uri = URI.create(service + "/tiles/" + a.layer().urlName() + "/" + a.z() + "/" + a.x() + "/" + a.y() + ".mvt");
        String etag = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.discarding()).headers().firstValue("ETag").orElseThrow();
        long t = System.nanoTime();
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.discarding());
        long elapsed = System.nanoTime() - t;
        if (r.statusCode() != 304) {
            throw new IllegalStateException(a + " revalidation answered " + r.statusCode());
        }
        return elapsed;
    }

    private static long bare(Connection db, Address a) throws Exception {
        long t = System.nanoTime();
        try (PreparedStatement st = db.prepareStatement(TileRepository.sql(a.layer(), ""))) {
            st.setInt(1, a.z());
            st.setInt(2, a.x());
            st.setInt(3, a.y());
            st.setString(4, a.layer().versionKey());
            st.setString(5, a.layer().urlName());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                rs.getBytes(2);
            }
        }
        return System.nanoTime() - t;
    }

    private static String token(HttpClient http, String service, String adminPassword) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(service + "/api/v1/admin/tokens"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"tile-bench\", \"role\": \"admin\", \"validDays\": 1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JsonPath.read(r.body(), "$.secret");
    }

    private static String report(int tiles, int rounds, Map<Integer, List<Long>> service, Map<Integer, List<Long>> bare,
            List<Long> revalidate, List<Long> floor, long bytes, int empty) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Tile latency, sample site, zooms 12-17: %d tiles (3 layers), %d rounds; %d empty (204); "
                + "%.1f kB of tiles per round%n%n", tiles, rounds, empty, bytes / 1024.0));
        out.append("| zoom | tiles | bare SQL p50 | bare SQL p95 | service p50 | service p95 | overhead p50 | overhead p95 |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        List<Long> allService = new ArrayList<>();
        List<Long> allBare = new ArrayList<>();
        for (int z : service.keySet()) {
            row(out, String.valueOf(z), service.get(z), bare.get(z), rounds);
            allService.addAll(service.get(z));
            allBare.addAll(bare.get(z));
        }
        row(out, "all", allService, allBare, rounds);
        out.append(String.format(Locale.ROOT, "%nPer-request floor of the service (an authenticated GET /api/v1/session: HTTP on loopback, "
                + "token check, JSON; no tile work): p50 %.2f ms, p95 %.2f ms%n", ms(percentile(floor, 50)), ms(percentile(floor, 95))));
        out.append(String.format(Locale.ROOT, "%nRevalidation of an unchanged tile (If-None-Match → 304): p50 %.2f ms, p95 %.2f ms%n",
                ms(percentile(revalidate, 50)), ms(percentile(revalidate, 95))));
        return out.toString();
    }

    private static void row(StringBuilder out, String zoom, List<Long> service, List<Long> bare, int rounds) {
        double s50 = ms(percentile(service, 50));
        double s95 = ms(percentile(service, 95));
        double b50 = ms(percentile(bare, 50));
        double b95 = ms(percentile(bare, 95));
        out.append(String.format(Locale.ROOT, "| %s | %d | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %+.0f %% (%+.2f ms) | %+.0f %% (%+.2f ms) |%n",
                zoom, service.size() / rounds, b50, b95, s50, s95, (s50 / b50 - 1) * 100, s50 - b50, (s95 / b95 - 1) * 100, s95 - b95));
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
