package com.goafwatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.jayway.jsonpath.JsonPath;

/**
 * Full evaluation cycles again on the site a previous {@link ScaleBenchmark} run left (its PostgreSQL database and InfluxDB
 * data are kept until the next run): {@code scripts/bench-scale.sh cycles [rounds]} measures a changed evaluator at full
 * size without building and ingesting the site again. Arguments: serviceA rounds adminPassword
 */
public final class ScaleCycles {

    public static void main(String[] args) throws Exception {
        String a = args[0];
        int rounds = Integer.parseInt(args[1]);
        BenchHttp api = BenchHttp.basic("admin", args[2]).token(a, "scale-cycles", "admin", null);
        List<Number> ids = JsonPath.read(api.get(a + "/api/v1/projects"), "$..[?(@.code =~ /SCALE-.*/)].id");
        long projectId = ids.get(0).longValue();
        String evaluate = a + "/api/v1/projects/" + projectId + "/evaluate";
        String warm = api.post(evaluate, "application/json", "");
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < rounds; i++) {
            String r = api.post(evaluate, "application/json", "");
            rows.append(String.format(Locale.ROOT, "| %d | %.0f | %.0f | %s |%n", i + 1, ((Number) JsonPath.read(r, "$.totalMs")).doubleValue(),
                    ((Number) JsonPath.read(r, "$.influxMs")).doubleValue(), Files.readString(Path.of("/proc/loadavg")).split(" ")[0]));
        }
        String result = String.format(Locale.ROOT, """
                ## Ten-times site, cycles again (%s)

                Warm-up: %s

                | round | cycle ms | waiting for InfluxDB ms | load |
                |---:|---:|---:|---:|
                %s""", Instant.now(), warm, rows);
        System.out.println(result);
        Files.createDirectories(Path.of("target/bench"));
        Files.writeString(Path.of("target/bench/scale-cycles.md"), result);
    }
}
