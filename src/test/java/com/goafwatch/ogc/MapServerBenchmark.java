package com.goafwatch.ogc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import com.goafwatch.support.JitCompilerCpu;
import com.goafwatch.support.SlippyTiles;

/**
 * This service against MapServer 8 (FastCGI behind lighttpd) over the same PostGIS tables (not a test; run by
 * scripts/bench-mapserver.sh). Per request kind — the parcels' items, one parcel, every parcel tile of the site at
 * z14–17 — the three clients (MapServer, this service with a token, this service with HTTP Basic) take turns on
 * the same request, the order rotating, after unrecorded warm-up rounds: at least argument 6 (default 1), then more
 * until the JIT compilers of the service (argument 7, its pid) and of this client are idle. Writes target/bench/mapserver.md.
 *
 * <p>Arguments: serviceUrl mapserverUrl jdbcUrl adminPassword rounds [minWarmUpRounds [servicePid]]
 */
public final class MapServerBenchmark {

    private record Request(String kind, String ours, String mapserver) {
    }

    private record Timing(long startNanos, long nanos, int bytes, int status) {
    }

    private static final String[] CLIENTS = {"MapServer FastCGI", "service, token", "service, Basic"};

    public static void main(String[] args) throws Exception {
        String service = args[0];
        String mapserver = args[1];
        String jdbcUrl = args[2];
        String adminPassword = args[3];
        int rounds = Integer.parseInt(args[4]);
        // unrecorded rounds first: MapServer is native code, warm from its first request; the JVM's JIT keeps compiling
        // the request path for tens of seconds (jstat -compiler: ~14,000 methods by 25 s, still rising), and a warm
        // FastCGI server is the comparison, so both are timed at steady state
        int warmUpRounds = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        // and beyond those, more while either JVM's JIT compilers still took more than this share of a core in a round
        // (the service's C2 alone used 20–40 % of a core through 25 s of timed rounds after 5 warm-up rounds, a slow
        // moment for all three clients alike); at most this many warm-up rounds in all
        JitCompilerCpu serviceJit = args.length > 6 ? new JitCompilerCpu(Long.parseLong(args[6])) : null;
        double settledShare = Double.parseDouble(System.getProperty("bench.jitSettledShare", "0.05"));
        int maxWarmUpRounds = Integer.getInteger("bench.maxWarmUpRounds", 80);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String token = "Bearer " + token(http, service, adminPassword);
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));

        List<Request> requests = new ArrayList<>();
        // the page as often as there are single features, so both have as many samples
        int parcels;
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "");
                ResultSet rs = db.createStatement().executeQuery("SELECT count(*) FROM parcel")) {
            rs.next();
            parcels = rs.getInt(1);
        }
        for (int i = 0; i < parcels; i++) {
            requests.add(new Request("items, parcels", "/ogcapi/collections/parcels/items?limit=100",
                    "/goafwatch/ogcapi/collections/parcels/items?f=json&limit=100"));
        }
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            try (ResultSet rs = db.createStatement().executeQuery("SELECT id FROM parcel ORDER BY id")) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    requests.add(new Request("one feature", "/ogcapi/collections/parcels/items/" + id,
                            "/goafwatch/ogcapi/collections/parcels/items/" + id + "?f=json"));
                }
            }
            requests.addAll(tiles(db));
        }

        Map<String, List<List<Timing>>> byKind = new LinkedHashMap<>();
        // every recorded request (start since the first, kind, server, ms), to see whether slow ones cluster in time
        StringBuilder raw = new StringBuilder("start_ms,kind,server,ms,order_in_turn\n");
        long origin = System.nanoTime();
        System.out.printf(Locale.ROOT, "timing origin (start of the warm-up): client JVM uptime %.3f s, epoch %d ms%n",
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3, System.currentTimeMillis());
        Turns turns = new Turns(http, mapserver, service, token, basic, requests);
        WarmUp warmUp = WarmUp.run(turns, warmUpRounds, maxWarmUpRounds, settledShare, serviceJit, JitCompilerCpu.ofThisJvm());
        JitShare timedJit = new JitShare(serviceJit, JitCompilerCpu.ofThisJvm());
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < requests.size(); i++) {
                Request r = requests.get(i);
                Timing[] t = turns.take(i, round);
                List<List<Timing>> lists = byKind.computeIfAbsent(r.kind(), x -> List.of(new ArrayList<>(), new ArrayList<>(),
                        new ArrayList<>()));
                for (int c = 0; c < 3; c++) {
                    lists.get(c).add(t[c]);
                    raw.append(String.format(Locale.ROOT, "%.3f,%s,%s,%.3f,%d%n", (t[c].startNanos() - origin) / 1e6, r.kind(),
                            CLIENTS[c], ms(t[c].nanos()), Math.floorMod(c - i - round, 3)));
                }
            }
        }
        String report = report(byKind, rounds, warmUp) + timedJit.sentence("the timed rounds") + "\n";
        System.out.print(report);
        Path out = Path.of("target/bench/mapserver.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        Files.writeString(out.resolveSibling("mapserver-raw.csv"), raw);
    }

    /** Every parcels tile over the parcels' extent at z14–17. */
    private static List<Request> tiles(Connection db) throws Exception {
        List<Request> tiles = new ArrayList<>();
        for (SlippyTiles.Tile t : SlippyTiles.overParcels(db, 14, 17)) {
            tiles.add(new Request("vector tile z14-17", "/ogcapi/collections/parcels/tiles/WebMercatorQuad/" + t.z() + "/" + t.y() + "/" + t.x(),
                    "?map=goafwatch&mode=tile&tilemode=gmap&tile=" + t.x() + "+" + t.y() + "+" + t.z() + "&layers=parcels&map.imagetype=mvt"));
        }
        return tiles;
    }

    /** One request of the list by all three clients in turn, who goes first rotating with the request and the round. */
    private record Turns(HttpClient http, String mapserver, String service, String token, String basic, List<Request> requests) {

        Timing[] take(int i, int round) throws Exception {
            Request r = requests.get(i);
            Timing[] t = new Timing[3];
            for (int k = 0; k < 3; k++) {
                int client = (i + k + round) % 3;
                t[client] = switch (client) {
                    case 0 -> get(http, mapserver + r.mapserver(), null);
                    case 1 -> get(http, service + r.ours(), token);
                    default -> get(http, service + r.ours(), basic);
                };
            }
            return t;
        }

        void all(int round) throws Exception {
            for (int i = 0; i < requests.size(); i++) {
                take(i, round);
            }
        }
    }

    /** The JIT compilers' CPU of the service (when its pid is known) and of this client over a span, as a share of one core. */
    private static final class JitShare {
        private final JitCompilerCpu service;
        private final JitCompilerCpu client;
        private final long serviceStart;
        private final long clientStart;
        private final long startNanos = System.nanoTime();

        JitShare(JitCompilerCpu service, JitCompilerCpu client) {
            this.service = service;
            this.client = client;
            this.serviceStart = service == null ? 0 : service.millis();
            this.clientStart = client.millis();
        }

        double service() {
            return service == null ? Double.NaN : (service.millis() - serviceStart) / wallMillis();
        }

        double client() {
            return (client.millis() - clientStart) / wallMillis();
        }

        private double wallMillis() {
            return Math.max(1, (System.nanoTime() - startNanos) / 1e6);
        }

        String sentence(String span) {
            return String.format(Locale.ROOT, "JIT compilers during %s: service %s of a core, this client %.0f %%.%n", span,
                    service == null ? "not read (no pid given)" : String.format(Locale.ROOT, "%.0f %%", 100 * service()), 100 * client());
        }
    }

    /**
     * The warm-up: at least {@code min} rounds, then more until both JITs stayed idle enough for {@link #IDLE_ROUNDS}
     * rounds in a row (C2 compiles in bursts, with quiet rounds between), at most {@code max}.
     */
    private record WarmUp(int rounds, boolean settled, String lastRound) {

        static final int IDLE_ROUNDS = 3;

        static WarmUp run(Turns turns, int min, int max, double settledShare, JitCompilerCpu service, JitCompilerCpu client)
                throws Exception {
            int idleInARow = 0;
            String last = "";
            for (int round = 0; round < max; round++) {
                JitShare jit = new JitShare(service, client);
                turns.all(round);
                boolean idle = (service == null || jit.service() < settledShare) && jit.client() < settledShare;
                idleInARow = idle ? idleInARow + 1 : 0;
                last = jit.sentence("the last warm-up round");
                if (round + 1 >= min && idleInARow >= IDLE_ROUNDS) {
                    return new WarmUp(round + 1, true, last);
                }
            }
            return new WarmUp(max, max == 0, last);
        }
    }

    private static Timing get(HttpClient http, String url, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpRequest request = b.build();
        long t0 = System.nanoTime();
        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        long t = System.nanoTime() - t0;
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return new Timing(t0, t, r.body().length, r.statusCode());
    }

    private static String token(HttpClient http, String service, String adminPassword) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(service + "/api/v1/admin/tokens"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"mapserver-bench\", \"role\": \"admin\", \"validDays\": 1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JsonPath.read(r.body(), "$.secret");
    }

    private static String report(Map<String, List<List<Timing>>> byKind, int rounds, WarmUp warmUp) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Side by side, %d rounds after %d unrecorded%s, p50 / p95 in ms (bytes: mean body size)%n%n", rounds, warmUp.rounds(),
                warmUp.settled() ? "" : " (**the JIT had not settled**: the cap of warm-up rounds was reached)"));
        out.append("| request | n | MapServer FastCGI | service, token | service, Basic | token/MapServer p50 | Basic/token p50 | bytes MapServer / service |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        byKind.forEach((kind, lists) -> {
            double[] p50 = new double[3];
            String[] cells = new String[3];
            for (int c = 0; c < 3; c++) {
                List<Long> nanos = new ArrayList<>(lists.get(c).stream().map(Timing::nanos).toList());
                p50[c] = ms(percentile(nanos, 50));
                cells[c] = String.format(Locale.ROOT, "%.1f / %.1f", p50[c], ms(percentile(nanos, 95)));
            }
            out.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %.2f | %.2f | %.0f / %.0f |%n", kind, lists.get(0).size(), cells[0],
                    cells[1], cells[2], p50[1] / p50[0], p50[2] / p50[1], mean(lists.get(0)), mean(lists.get(1))));
        });
        out.append('\n').append(warmUp.lastRound());
        return out.toString();
    }

    private static double mean(List<Timing> t) {
        return t.stream().mapToInt(Timing::bytes).average().orElse(0);
    }

    private static long percentile(List<Long> values, int p) {
        Collections.sort(values);
        return values.get(Math.max(0, (int) Math.ceil(p / 100.0 * values.size()) - 1));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
