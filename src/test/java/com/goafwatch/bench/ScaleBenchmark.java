package com.goafwatch.bench;

import static com.goafwatch.support.Stats.median;
import static com.goafwatch.support.Stats.min;
import static com.goafwatch.support.Stats.max;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.jayway.jsonpath.JsonPath;
import com.goafwatch.support.JitCompilerCpu;

/**
 * The ten-times site benchmark of issue 15 (not a test; run by scripts/bench-scale.sh, which starts InfluxDB and two
 * service instances on one PostgreSQL). Builds {@link ScaleSite} ({@code km} km of fiber at 1 m, 10 parcels and 4
 * markers per km), then in the same run:
 * <ol>
 * <li>ingestion: the site's hourly traces through one instance and through both (gateways alternating between
 * them), in alternating blocks, each timed from the first request until the last write InfluxDB acknowledged
 * (the status's lastWriteAt once the spools are empty), after untimed traces through each instance alone (JIT); between
 * the blocks, the InfluxDB write ceiling: blocks of as many traces of the same samples in the service's stored line
 * format straight to {@code /write}, with as many writers as gateways (at older times, so they are history the rules
 * do not read);</li>
 * <li>evaluation: full cycles of the project on instance A while B runs (five rules: fiber strain, strain rate,
 * cable temperature, settlement, settlement rate), with the time spent waiting for InfluxDB; and, bare against
 * InfluxDB, the rate rule's reads as they were before the bin rollup (four whole raw traces) and as they are.</li>
 * </ol>
 * Arguments: serviceA serviceB influxUrl km traces gateways evalRounds adminPassword
 */
public final class ScaleBenchmark {

    private static final BenchHttp INFLUX = BenchHttp.none();
    private static final int CABLES_PER_REQUEST = 10;

    public static void main(String[] args) throws Exception {
        String a = args[0];
        String b = args[1];
        String influx = args[2];
        int km = Integer.parseInt(args[3]);
        int traces = Integer.parseInt(args[4]);
        int gateways = Integer.parseInt(args[5]);
        int evalRounds = Integer.parseInt(args[6]);
        BenchHttp api = BenchHttp.basic("admin", args[7]).token(a, "scale-benchmark", "admin", null);
        StringBuilder log = new StringBuilder();
        long t0 = System.nanoTime();
        ScaleSite site = ScaleSite.create(api, a, b, km);
        note(log, "site built through the API in %.0f s: %d parcels, %d cables (%d km), %d markers", (System.nanoTime() - t0) / 1e9,
                km * ScaleSite.COLUMNS, km, km, km * ScaleSite.MARKERS_PER_ROW);

        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant directBase = end.minus(10, ChronoUnit.DAYS);
        // not timed: a first trace straight to InfluxDB creates the site's series (half a million at 500 km), which
        // InfluxDB 1.x does slowly enough to time writes out; whichever path came first would pay for it
        double warmUp = timed(() -> direct(site, influx, directBase.minus(1, ChronoUnit.HOURS), gateways));
        note(log, "series created by an untimed first trace straight to InfluxDB in %.0f s", warmUp);
        // InfluxDB 1.x also pays for a series the first time it enters a shard (shard groups of 7 days: the direct
        // traces, ten days back, are in another one than the service's); an untimed trace an hour before the service's
        // first gives its shard the series too, so neither path pays that
        double serviceShard = timed(() -> direct(site, influx, end.minus(traces, ChronoUnit.HOURS), gateways));
        note(log, "the same series entered the service traces' shard by an untimed trace straight to InfluxDB in %.0f s", serviceShard);
        // not timed: at least WARMUP_TRACES traces through each instance alone, then more until its JIT compilers are idle
        // (under 5 % of a core through 2 traces in a row; at most WARMUP_MAX_TRACES), so that no timed block pays for
        // C2 compiling the ingestion path (it keeps compiling for a minute or more after a JVM's first requests and takes
        // a good part of a core meanwhile; the direct path's InfluxDB was warmed by the two traces above). In a shard of
        // their own (20 days back), in ascending time: before 2026-12-01 they went into the timed service traces' shard,
        // each an hour older than the one before, so that shard held more data than the direct one and out of order
        // (overlapping TSM blocks), and InfluxDB's compactions of it counted for the service blocks.
        int warmUpTraces = Integer.parseInt(System.getenv().getOrDefault("WARMUP_TRACES", "2"));
        int maxWarmUpTraces = Math.max(warmUpTraces, Integer.parseInt(System.getenv().getOrDefault("WARMUP_MAX_TRACES", "30")));
        ProcessCpu cpu = new ProcessCpu(System.getenv("CPU_PIDS"));
        Instant warmUpBase = end.minus(20, ChronoUnit.DAYS);
        int warmUpHour = 0;
        for (String instance : List.of(a, b)) {
            JitCompilerCpu jit = cpu.pid(instance.equals(a) ? "a" : "b").map(JitCompilerCpu::new).orElse(null);
            int idleInARow = 0;
            int n = 0;
            double warmed = 0;
            double share = Double.NaN;
            while (n < maxWarmUpTraces && (n < warmUpTraces || (jit != null && idleInARow < 2))) {
                long jit0 = jit == null ? 0 : jit.millis();
                Instant time = warmUpBase.plus(warmUpHour++, ChronoUnit.HOURS);
                int k = n;
                double s = timed(() -> {
                    gateway(api, site, List.of(instance), time, k, gateways);
                    awaitDrained(api, List.of(instance));
                });
                warmed += s;
                share = jit == null ? Double.NaN : (jit.millis() - jit0) / (s * 1000);
                idleInARow = share < 0.05 ? idleInARow + 1 : 0;
                n++;
            }
            note(log, "%s warmed up by %d untimed traces through it alone in %.0f s; its JIT compilers took %.0f %% of a core in the last%s",
                    instance, n, warmed, 100 * share, jit != null && idleInARow < 2 ? " (NOT settled: WARMUP_MAX_TRACES reached)" : "");
        }
        JitCompilerCpu jitA = cpu.pid("a").map(JitCompilerCpu::new).orElse(null);
        JitCompilerCpu jitB = cpu.pid("b").map(JitCompilerCpu::new).orElse(null);
        long jitA0 = jitA == null ? 0 : jitA.millis();
        long jitB0 = jitB == null ? 0 : jitB.millis();
        long timed0 = System.nanoTime();
        int block = Math.max(1, traces / 6);
        double[] seconds = new double[3];
        long[] samples = new long[3];
        int next = 0;
        int directNext = 0;
        int blockNo = 0;
        List<String> blocks = new ArrayList<>();
        List<java.util.Map<String, Double>> cpuUsed = List.of(new java.util.LinkedHashMap<>(), new java.util.LinkedHashMap<>(),
                new java.util.LinkedHashMap<>());
        while (next < traces) {
            if (blockNo % 2 == 0) {
                // as many traces as a service block: InfluxDB snapshots its cache (and compacts) only once the cache
                // holds 25 MB, so a smaller direct block leaves that work to a later block and looks cheaper per sample
                int first = directNext;
                directNext += block;
                settle(cpu);
                var c0 = cpu.now();
                double s = settled(cpu, timed(() -> {
                    for (int k = first; k < first + block; k++) {
                        direct(site, influx, directBase.plus(k, ChronoUnit.HOURS), gateways);
                    }
                }));
                add(cpuUsed.get(0), c0, cpu.now());
                seconds[0] += s;
                samples[0] += (long) block * km * ScaleSite.FIBER_M;
                blocks.add(String.format(Locale.ROOT, "direct %d traces %.1f s (load %s)", block, s, load()));
            }
            int instances = blockNo % 2 == 0 ? 1 : 2;
            int from = next;
            int to = Math.min(traces, next + block);
            settle(cpu);
            var c0 = cpu.now();
            // timed from the first request until the last write InfluxDB acknowledged (the instances' lastWriteAt, same
            // machine clock), so the status poll's interval adds nothing to the service's time
            Instant wall0 = Instant.now();
            for (int k = from; k < to; k++) {
                gateway(api, site, instances == 1 ? List.of(a) : List.of(a, b), end.minus(traces - 1 - k, ChronoUnit.HOURS), k, gateways);
            }
            Instant answered = Instant.now();
            Instant lastWrite = awaitDrained(api, instances == 1 ? List.of(a) : List.of(a, b));
            Instant blockEnd = lastWrite != null && lastWrite.isAfter(answered) ? lastWrite : answered;
            double s = settled(cpu, java.time.Duration.between(wall0, blockEnd).toNanos() / 1e9);
            add(cpuUsed.get(instances), c0, cpu.now());
            seconds[instances] += s;
            samples[instances] += (long) (to - from) * km * ScaleSite.FIBER_M;
            blocks.add(String.format(Locale.ROOT, "%d instance(s) %d traces %.1f s (load %s)", instances, to - from, s, load()));
            next = to;
            blockNo++;
        }
        awaitDrained(api, List.of(a, b));
        if (jitA != null && jitB != null) {
            note(log, "JIT compilers during the %.0f s of timed blocks: instance A %.1f s, B %.1f s of CPU", (System.nanoTime() - timed0) / 1e9,
                    (jitA.millis() - jitA0) / 1e3, (jitB.millis() - jitB0) / 1e3);
        }
        for (int p = 0; p < 3; p++) {
            note(log, "%s: %s", p == 0 ? "direct" : p + " instance(s)", ProcessCpu.perSample(java.util.Map.of(), cpuUsed.get(p), samples[p]));
        }
        double direct = samples[0] / seconds[0];
        double one = samples[1] / seconds[1];
        double two = samples[2] / seconds[2];
        String placement = System.getenv().getOrDefault("PLACEMENT", "shared") + (SETTLE ? "; SETTLE: each block timed until InfluxDB is quiet" : "");
        String ratio = String.format(Locale.ROOT, "RESULT (%s): direct %.0f/s, 1 instance %.0f/s (%.2fx), 2 instances %.0f/s (%.2fx direct, "
                + "goal >= 0.90x %s); 1 -> 2 instances x%.2f", placement, direct, one, one / direct, two, two / direct,
                two / direct >= 0.9 ? "MET" : "NOT met", two / one)
                + (DIRECT_RETRIES.get() > 0 ? "; CAUTION: " + DIRECT_RETRIES.get() + " direct writes timed out in InfluxDB and were retried, "
                        + "so the baseline is below the real ceiling and the ratios overstate the service (re-run on a quieter machine)" : "");
        if (evalRounds == 0) {
            String result = String.format(Locale.ROOT, """
                    ## Ten-times site benchmark, ingestion only (%s)

                    %d km of fiber at 1 m, %d hourly traces, %d gateways; %s.

                    | ingestion | samples | s | samples/s | ÷ direct |
                    |---|---:|---:|---:|---:|
                    | direct `/write` to InfluxDB, %d writers (ceiling) | %,d | %.1f | %.0f | 1.00 |
                    | through 1 instance | %,d | %.1f | %.0f | %.2f |
                    | through 2 instances | %,d | %.1f | %.0f | %.2f |

                    Blocks: %s
                    Direct writes retried after an InfluxDB timeout: %d.
                    %s
                    %s""", Instant.now(), km, traces, gateways, placement, gateways, samples[0], seconds[0], direct, samples[1], seconds[1],
                    one, one / direct, samples[2], seconds[2], two, two / direct, String.join("; ", blocks), DIRECT_RETRIES.get(), log, ratio);
            System.out.println(result);
            Path out = Path.of("target/bench/scale-ingest.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, result);
            return;
        }

        for (String rule : List.of(
                "{\"name\": \"strain\", \"metric\": \"fiber_strain\", \"statistic\": \"max_abs\", \"windowSeconds\": 86400, \"unit\": \"ue\", \"yellow\": 1000, \"orange\": 1500, \"red\": 2000}",
                "{\"name\": \"strain rate\", \"metric\": \"fiber_strain_rate\", \"statistic\": \"max_abs\", \"windowSeconds\": 86400, \"unit\": \"ue/d\", \"yellow\": 300, \"red\": 600}",
                "{\"name\": \"cable temperature\", \"metric\": \"fiber_temperature\", \"statistic\": \"max\", \"windowSeconds\": 86400, \"unit\": \"degC\", \"red\": 60}",
                "{\"name\": \"settlement\", \"metric\": \"settlement\", \"statistic\": \"max\", \"windowSeconds\": 2592000, \"unit\": \"mm\", \"yellow\": 10, \"red\": 30, \"spikeFilter\": false}",
                "{\"name\": \"settlement rate\", \"metric\": \"settlement_rate\", \"statistic\": \"max_abs\", \"windowSeconds\": 3024000, \"unit\": \"mm/d\", \"yellow\": 0.05, \"red\": 1.67}")) {
            api.post(a + "/api/v1/projects/" + site.projectId + "/rules", "application/json", rule);
        }
        String evaluate = a + "/api/v1/projects/" + site.projectId + "/evaluate";
        String warm = api.post(evaluate, "application/json", "");
        note(log, "warm-up cycle: %s", warm);
        double[] total = new double[evalRounds];
        double[] inInflux = new double[evalRounds];
        String report = warm;
        for (int i = 0; i < evalRounds; i++) {
            report = api.post(evaluate, "application/json", "");
            total[i] = ((Number) JsonPath.read(report, "$.totalMs")).doubleValue();
            inInflux[i] = ((Number) JsonPath.read(report, "$.influxMs")).doubleValue();
        }
        String loadAfterEval = load();
        // the rate rule's reads, bare: four of the 25 hourly traces (thinned evenly: 0, 8, 16, 24), raw as before, binned as now
        List<Instant> rateTimes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rateTimes.add(end.minus(traces - 1 - Math.round(i * (traces - 1) / 3.0), ChronoUnit.HOURS));
        }
        StringBuilder raw = new StringBuilder();
        StringBuilder bins = new StringBuilder();
        for (int i = 0; i < rateTimes.size(); i++) {
            long ms = rateTimes.get(i).toEpochMilli();
            boolean newest = i == rateTimes.size() - 1;
            raw.append(raw.isEmpty() ? "" : ";").append("SELECT \"strain_ue\", \"pos\"").append(newest ? ", \"chainage_m\", \"distance_m\"" : "")
                    .append(" FROM \"fiber_strain\" WHERE time = ").append(ms).append("ms GROUP BY \"cable\", \"parcel\"");
            bins.append(bins.isEmpty() ? "" : ";").append("SELECT \"bin_m\", \"means\"").append(newest ? ", \"places\"" : "")
                    .append(" FROM \"fiber_rate_bins\" WHERE time = ").append(ms).append("ms GROUP BY \"cable\", \"parcel\"");
        }
        long[] rawBytes = new long[1];
        long[] binBytes = new long[1];
        double rawMs = timed(() -> rawBytes[0] = query(influx, raw.toString()).length()) * 1000;
        double binMs = timed(() -> binBytes[0] = query(influx, bins.toString()).length()) * 1000;
        String series = query(influx, "SHOW SERIES CARDINALITY");
        String result = String.format(Locale.ROOT, """
                ## Ten-times site benchmark (%s)

                %d km of fiber at 1 m (%d cables), %d parcels, %d markers levelled half-monthly; %d hourly traces; two
                instances on one PostgreSQL and one InfluxDB; %d gateways (line protocol, %d cables = %,d samples per request).

                | ingestion | samples | s | samples/s | ÷ direct |
                |---|---:|---:|---:|---:|
                | direct `/write` to InfluxDB, %d writers (ceiling) | %,d | %.1f | %.0f | 1.00 |
                | through 1 instance | %,d | %.1f | %.0f | %.2f |
                | through 2 instances | %,d | %.1f | %.0f | %.2f |

                Scaling 1 → 2 instances: ×%.2f.

                | evaluation cycle on A (B running), %d rounds | median ms | min ms | max ms |
                |---|---:|---:|---:|
                | full cycle | %.0f | %.0f | %.0f |
                | of which waiting for InfluxDB | %.0f | %.0f | %.0f |

                InfluxDB share of the cycle: %.0f %%. Last cycle: %s

                | rate rule's reads, bare (4 traces) | ms | response bytes |
                |---|---:|---:|
                | whole raw traces (before the bin rollup) | %.0f | %,d |
                | bin rollups (now) | %.0f | %,d |

                Load average after the cycles: %s. InfluxDB series: %s

                Blocks: %s
                Direct writes retried after an InfluxDB timeout: %d.
                %s
                %s""", Instant.now(), km, km, km * ScaleSite.COLUMNS, km * ScaleSite.MARKERS_PER_ROW, traces, gateways, CABLES_PER_REQUEST,
                CABLES_PER_REQUEST * ScaleSite.FIBER_M, gateways, samples[0], seconds[0], direct, samples[1], seconds[1], one, one / direct,
                samples[2], seconds[2], two, two / direct, two / one, evalRounds, median(total), min(total), max(total), median(inInflux),
                min(inInflux), max(inInflux), 100 * median(inInflux) / median(total), report, rawMs, rawBytes[0], binMs, binBytes[0],
                loadAfterEval, series.replaceAll("\\s+", ""), String.join("; ", blocks), DIRECT_RETRIES.get(), log, ratio);
        System.out.println(result);
        Path out = Path.of("target/bench/scale.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, result);
    }

    /**
     * SETTLE=1: InfluxDB's background work (cache snapshots, compactions) belongs to the block whose writes caused it:
     * before a block, an untimed wait until InfluxDB is quiet (no block pays for the one before); after it, the block's
     * time runs on until InfluxDB was last busy. Without it, short direct blocks leave their compactions to the service
     * block after them.
     */
    private static final boolean SETTLE = System.getenv("SETTLE") != null;
    private static long blockStart;

    private static void settle(ProcessCpu cpu) throws InterruptedException {
        if (SETTLE) {
            cpu.awaitQuiet("influx", 120);
        }
        blockStart = System.nanoTime();
    }

    private static double settled(ProcessCpu cpu, double seconds) throws InterruptedException {
        return SETTLE ? Math.max(seconds, (cpu.awaitQuiet("influx", 120) - blockStart) / 1e9) : seconds;
    }

    private static void add(java.util.Map<String, Double> sum, java.util.Map<String, Double> before, java.util.Map<String, Double> after) {
        after.forEach((k, v) -> sum.merge(k, v - before.getOrDefault(k, 0.0), Double::sum));
    }

    interface Step {
        void run() throws Exception;
    }

    private static double timed(Step step) throws Exception {
        long t0 = System.nanoTime();
        step.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    /** One trace of every cable, requests of {@link #CABLES_PER_REQUEST} cables spread over the gateways and instances. */
    private static void gateway(BenchHttp api, ScaleSite site, List<String> instances, Instant time, int hour, int gateways) throws Exception {
        parallel(site.rows, gateways, (fromRow, toRow, g) -> {
            String service = instances.get(g % instances.size());
            String body = api.post(service + "/api/v1/projects/" + site.projectId + "/ingest/line-protocol?precision=ns", "text/plain",
                    site.gatewayLines(time, hour, fromRow, toRow));
            if (!body.contains("\"fiberSamples\":" + (toRow - fromRow) * ScaleSite.FIBER_M)) {
                throw new IllegalStateException("ingestion refused: " + body);
            }
        });
    }

    /** Retries what InfluxDB answers 500 (its write timeout; the same points again are idempotent), counting the retries. */
    private static void direct(ScaleSite site, String influx, Instant time, int writers) throws Exception {
        parallel(site.rows, writers, (fromRow, toRow, g) -> {
            String lines = site.storedLines(time, 0, fromRow, toRow);
            for (int attempt = 1; ; attempt++) {
                var r = INFLUX.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(influx + "/write?db=goafwatch&precision=ms"))
                        .header("Content-Type", "text/plain").POST(java.net.http.HttpRequest.BodyPublishers.ofString(lines)));
                if (r.statusCode() < 300) {
                    return;
                }
                if (r.statusCode() < 500 || attempt == 20) {
                    throw new IllegalStateException("/write answered " + r.statusCode() + ": " + r.body());
                }
                DIRECT_RETRIES.incrementAndGet();
            }
        });
    }

    private static final java.util.concurrent.atomic.AtomicInteger DIRECT_RETRIES = new java.util.concurrent.atomic.AtomicInteger();

    interface Chunk {
        void run(int fromRow, int toRow, int worker) throws Exception;
    }

    /** Rows in chunks of {@link #CABLES_PER_REQUEST}, taken in turn by {@code workers} threads. */
    private static void parallel(int rows, int workers, Chunk chunk) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            java.util.concurrent.atomic.AtomicInteger nextRow = new java.util.concurrent.atomic.AtomicInteger();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                futures.add(pool.submit(() -> {
                    for (int from = nextRow.getAndAdd(CABLES_PER_REQUEST); from < rows; from = nextRow.getAndAdd(CABLES_PER_REQUEST)) {
                        chunk.run(from, Math.min(rows, from + CABLES_PER_REQUEST), worker);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Waits until no live instance has a batch waiting (the status is cluster-wide); returns the latest write InfluxDB
     * acknowledged ({@code lastWriteAt}, null if none). Polled every 100 ms: the poll costs the instances CPU, and the
     * block's time comes from lastWriteAt, not from when the poll saw the spools empty.
     */
    private static Instant awaitDrained(BenchHttp api, List<String> instances) throws Exception {
        Instant last = null;
        for (String service : instances) {
            long deadline = System.nanoTime() + 3_600_000_000_000L;
            while (true) {
                String status = api.get(service + "/api/v1/ingest/status");
                if (((Number) JsonPath.read(status, "$.pendingBatches")).intValue() == 0) {
                    Object at = JsonPath.read(status, "$.lastWriteAt"); // ISO text, or epoch seconds as a number
                    Instant written = at == null ? null : at instanceof Number n
                            ? Instant.ofEpochSecond(0, Math.round(n.doubleValue() * 1e9)) : Instant.parse(at.toString());
                    last = last == null || (written != null && written.isAfter(last)) ? written : last;
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(service + " did not drain its spool within an hour");
                }
                Thread.sleep(100);
            }
        }
        return last;
    }

    private static String query(String influx, String statements) throws Exception {
        return INFLUX.post(influx + "/query?db=goafwatch&epoch=ms", "application/x-www-form-urlencoded",
                "q=" + URLEncoder.encode(statements, StandardCharsets.UTF_8));
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static void note(StringBuilder log, String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println(line);
        log.append("\n").append(line);
    }
}
