package com.goafwatch.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * CPU time a HotSpot JVM's JIT compiler threads ({@code C1 CompilerThre…}, {@code C2 CompilerThre…}) have used, read
 * from Linux's {@code /proc/<pid>/task/*} (benchmarks only). A JVM whose C2 still compiles takes a good part of a core
 * for tens of seconds; on a two-core machine that is a slow moment for every process, so benchmarks time servers
 * once their compilers are idle.
 */
public final class JitCompilerCpu {

    private final Path tasks;

    public JitCompilerCpu(long pid) {
        this.tasks = Path.of("/proc", Long.toString(pid), "task");
    }

    public static JitCompilerCpu ofThisJvm() {
        return new JitCompilerCpu(ProcessHandle.current().pid());
    }

    /** Milliseconds of CPU (user + system) all compiler threads have used so far; 0 when the process is gone. */
    public long millis() {
        long millis = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                millis += compilerMillis(thread);
            }
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return millis;
    }

    private static long compilerMillis(Path thread) {
        try {
            String name = Files.readString(thread.resolve("comm"));
            if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
                return 0;
            }
            return ProcStat.cpuMillis(thread.resolve("stat"));
        } catch (NoSuchFileException e) {
            return 0; // the thread ended between listing and reading
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
