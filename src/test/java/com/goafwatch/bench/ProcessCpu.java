package com.goafwatch.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CPU seconds (user + system, from /proc/PID/stat) of the benchmark's processes, so a block can say where the machine's
 * cores went per sample: InfluxDB, each instance, the load generator. Processes come from CPU_PIDS ("name:pid,...");
 * the benchmark itself is always counted as "bench".
 */
final class ProcessCpu {

    private final Map<String, String> pids = new LinkedHashMap<>();

    ProcessCpu(String spec) {
        if (spec != null) {
            for (String part : spec.split(",")) {
                String[] kv = part.trim().split(":");
                if (kv.length == 2) {
                    pids.put(kv[0], kv[1]);
                }
            }
        }
        pids.put("bench", "self");
    }

    /**
     * Waits until process {@code name} has used under 10 % of a core for 500 ms in a row (at most {@code limitSeconds});
     * returns the System.nanoTime() at which it was last busy (InfluxDB's cache snapshots and compactions run after
     * the writes that caused them have been answered).
     */
    long awaitQuiet(String name, double limitSeconds) throws InterruptedException {
        String pid = pids.get(name);
        long start = System.nanoTime();
        long lastBusy = start;
        double before = seconds(pid);
        while (System.nanoTime() - lastBusy < 500_000_000L && System.nanoTime() - start < limitSeconds * 1e9) {
            Thread.sleep(100);
            double now = seconds(pid);
            if (now - before > 0.011) { // more than one tick in 100 ms
                lastBusy = System.nanoTime();
            }
            before = now;
        }
        return lastBusy;
    }

    /** The pid given for {@code name} in CPU_PIDS. */
    java.util.Optional<Long> pid(String name) {
        String pid = pids.get(name);
        return pid == null || pid.equals("self") ? java.util.Optional.empty() : java.util.Optional.of(Long.parseLong(pid));
    }

    Map<String, Double> now() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        pids.forEach((name, pid) -> cpu.put(name, seconds(pid)));
        return cpu;
    }

    /** "influx 12.3 µs, a 8.1 µs, ..." per sample between two readings. */
    static String perSample(Map<String, Double> before, Map<String, Double> after, long samples) {
        StringBuilder s = new StringBuilder("cpu µs/sample:");
        double total = 0;
        for (var e : after.entrySet()) {
            double d = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
            total += d;
            s.append(String.format(Locale.ROOT, " %s %.1f", e.getKey(), d * 1e6 / samples));
        }
        return s.append(String.format(Locale.ROOT, " (sum %.1f)", total * 1e6 / samples)).toString();
    }

    private static double seconds(String pid) {
        try {
            return com.goafwatch.support.ProcStat.cpuMillis(Path.of("/proc", pid, "stat")) / 1000.0;
        } catch (Exception e) {
            return 0;
        }
    }
}
