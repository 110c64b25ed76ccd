package com.goafwatch.timeseries;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;

import com.goafwatch.support.TestInflux;

/**
 * The drainer alone against a throwaway InfluxDB (a benchmark, not a test): a spool backlog of {@code batches} batches
 * of 10,000 fiber samples (the service's stored line format, series that InfluxDB already knows in that shard) drained
 * with several {@code write-lanes} / {@code max-write-size} settings, alternating, {@code rounds} times. Each drain is
 * timed from start until the spool is empty and InfluxDB is quiet again (its snapshots and compactions count); prints
 * points/s and CPU µs per point of InfluxDB and of this JVM (the drainer). Run under {@code flock -x}:
 * {@code java -cp target/test-classes:target/classes:$(cat target/bench.cp) com.goafwatch.timeseries.LanesWriteBench [batches=20] [rounds=2]}
 */
final class LanesWriteBench {

    private static final int LINES = 10_000;
    private static final long WEEK = Duration.ofDays(7).toMillis();

    public static void main(String[] args) throws Exception {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int[][] configs = {{1, 0}, {2, 0}, {1, 16}, {2, 16}, {4, 16}}; // lanes, max-write-size MB
        TestInflux influx = TestInflux.startNew();
        String influxPid = String.valueOf(ProcessHandle.current().children().filter(p -> p.info().command().orElse("").endsWith("influxd"))
                .findFirst().orElseThrow().pid());
        long t0 = System.currentTimeMillis() / WEEK * WEEK + 3_600_000; // one shard for every drain
        try {
            drain(influx, influxPid, batches, t0, 1, 0, "prime (untimed: creates the series)");
            int trace = 1;
            for (int r = 1; r <= rounds; r++) {
                for (int[] c : configs) {
                    drain(influx, influxPid, batches, t0 + trace++ * 60_000L, c[0], c[1], "round " + r);
                }
            }
        } finally {
            influx.stop();
        }
    }

    private static void drain(TestInflux influx, String influxPid, int batches, long time, int lanes, int maxWriteMb, String label)
            throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "lanes-bench-");
        SpoolProperties properties = new SpoolProperties(dir, DataSize.ofGigabytes(4), LINES, DataSize.ofMegabytes(maxWriteMb), lanes,
                Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30));
        SpoolSignal signal = new SpoolSignal();
        Spool spool = new Spool(properties, signal);
        InfluxClient client = new InfluxClient(RestClient.builder(), new InfluxProperties(URI.create(influx.url()), "lanes", "raw",
                Duration.ZERO, null, null, Duration.ofSeconds(5), Duration.ofSeconds(60), true));
        InfluxSchema schema = new InfluxSchema(client);
        schema.ensure();
        StringBuilder line = new StringBuilder();
        for (int b = 0; b < batches; b++) {
            try (Spool.Batch batch = spool.begin()) {
                for (int pos = 0; pos < LINES; pos++) {
                    line.setLength(0);
                    double strain = Math.sin(pos + time) * 300;
                    FiberLine.append(line, 1000 + b, "P-" + (b * 10 + pos / 1000), pos, strain, strain + 1.5, 12.25, pos + 0.5, time);
                    batch.append(line.toString());
                }
                batch.commit();
            }
        }
        awaitQuiet(influxPid);
        double influxBefore = cpuSeconds(influxPid);
        double selfBefore = cpuSeconds("self");
        long start = System.nanoTime();
        SpoolDrainer drainer = new SpoolDrainer(spool, client, schema, signal, properties, e -> { });
        drainer.start();
        while (!spool.pending().isEmpty()) {
            Thread.sleep(10);
        }
        drainer.stop();
        long end = Math.max(System.nanoTime(), awaitQuiet(influxPid));
        double points = (double) batches * LINES;
        System.out.printf(Locale.ROOT, "%-40s lanes %d, max-write-size %2d MB: %8.0f points/s, influxd %5.1f µs/point, drainer JVM %4.1f µs/point%n",
                label, lanes, maxWriteMb, points / ((end - start) / 1e9), (cpuSeconds(influxPid) - influxBefore) * 1e6 / points,
                (cpuSeconds("self") - selfBefore) * 1e6 / points);
        spool.release();
    }

    /** Waits until InfluxDB used under one tick in 100 ms for 500 ms; returns when it was last busy. */
    private static long awaitQuiet(String pid) throws InterruptedException {
        long start = System.nanoTime();
        long lastBusy = start;
        double before = cpuSeconds(pid);
        while (System.nanoTime() - lastBusy < 500_000_000L && System.nanoTime() - start < 60e9) {
            Thread.sleep(100);
            double now = cpuSeconds(pid);
            if (now - before > 0.011) {
                lastBusy = System.nanoTime();
            }
            before = now;
        }
        return lastBusy;
    }

    private static double cpuSeconds(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (Exception e) {
            return 0;
        }
    }
}
