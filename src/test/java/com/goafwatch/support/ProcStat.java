package com.goafwatch.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU a Linux process or thread has used, from its {@code /proc/…/stat} file (benchmarks only). */
public final class ProcStat {

    private ProcStat() {
    }

    /** User plus system CPU in milliseconds; Linux counts it in USER_HZ, 100 a second on every architecture the JDK runs on. */
    public static long cpuMillis(Path statFile) throws IOException {
        String stat = Files.readString(statFile);
        // the fields after the command (which may hold spaces) start after its closing parenthesis: state is field 3,
        // utime field 14, stime field 15
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }
}
