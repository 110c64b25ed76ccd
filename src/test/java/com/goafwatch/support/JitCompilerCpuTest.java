package com.goafwatch.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * The benchmarks' reading of a JVM's compiler threads, against the JVM's own account of its compiling
 * ({@link CompilationMXBean}: the time its compilations took).
 */
class JitCompilerCpuTest {

    @Test
    void readsThisJvmsCompilerThreadsWithinTheTimeItsCompilationsTook() throws Exception {
        CompilationMXBean compilation = ManagementFactory.getCompilationMXBean();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        double sink = 0;
        // give the JIT something to compile until it has spent at least half a second on it (a fresh fork may not have)
        while (compilation.getTotalCompilationTime() < 500 && System.nanoTime() < deadline) {
            sink += busyWork(sink);
        }
        long before = compilation.getTotalCompilationTime();
        long cpu = JitCompilerCpu.ofThisJvm().millis();
        long after = compilation.getTotalCompilationTime();
        assertThat(before).as("compilation time (sink %s)", sink).isGreaterThanOrEqualTo(500);
        // CPU used cannot exceed the time the compilations took (a compiling thread may wait, never run longer), save
        // the kernel's 10 ms ticks and what the compiler threads do between compilations
        assertThat(cpu).isPositive().isLessThanOrEqualTo(after + 500);
    }

    @Test
    void aProcessThatHasEndedHasNoCompilerTime() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        assertThat(new JitCompilerCpu(ended.pid()).millis()).isZero();
    }

    private static double busyWork(double seed) {
        double x = seed;
        for (int i = 0; i < 100_000; i++) {
            x = Math.sin(x + i) * 0.5 + Long.toString(i).hashCode() % 7;
        }
        return x;
    }
}
