package com.goafwatch.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** GDAL's own command-line tools as an independent GIS client: the tests read what GDAL reads, not what the service says. */
public final class Gdal {

    private Gdal() {
    }

    /** Runs {@code ogrinfo} with the arguments; fails the test unless it exits 0 within two minutes. Returns its output. */
    public static String ogrinfo(String... args) throws Exception {
        return ogrinfo(Map.of(), args);
    }

    /** As {@link #ogrinfo(String...)}, with extra environment (e.g. {@code GDAL_HTTP_HEADERS} for a token). */
    public static String ogrinfo(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ogrinfo"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(environment);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
