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
        long ticks = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                ticks += compilerTicks(thread);
            }
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Linux reports thread times in USER_HZ, 100 a second on every architecture the JDK runs on
        return ticks * 10;
    }

    private static long compilerTicks(Path thread) {
        try {
            String name = Files.readString(thread.resolve("comm"));
            if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
                return 0;
            }
            String stat = Files.readString(thread.resolve("stat"));
            // fields after the command (which may hold spaces) start after its closing parenthesis: state is field 3,
            // utime field 14, stime field 15
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (NoSuchFileException e) {
            return 0; // the thread ended between listing and reading
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
