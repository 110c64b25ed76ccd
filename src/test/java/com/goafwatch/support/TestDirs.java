package com.goafwatch.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Temporary folders of the test JVM. */
public final class TestDirs {

    private static Path spool;

    private TestDirs() {
    }

    /** The spool folder of the shared test context. */
    public static synchronized String spool() {
        if (spool == null) {
            try {
                spool = Files.createTempDirectory("goafwatch-spool-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return spool.toString();
    }

    /** A new empty folder, for a service started on its own. */
    public static String fresh(String prefix) {
        try {
            return Files.createTempDirectory("goafwatch-" + prefix + "-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
