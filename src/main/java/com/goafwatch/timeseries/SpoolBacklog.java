package com.goafwatch.timeseries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Measures of the waiting batches for the status: samples (lines) per batch, known at commit for new batches and
 * counted once for those found at start (a file is never changed once committed), and when the oldest was committed.
 */
final class SpoolBacklog {

    private final Map<Path, Long> linesOf = new ConcurrentHashMap<>();

    void remember(Path committed, long lines) {
        linesOf.put(committed, lines);
    }

    long samples(List<Path> pending) {
        long sum = 0;
        for (Path p : pending) {
            sum += linesOf.computeIfAbsent(p, SpoolBacklog::countLines);
        }
        linesOf.keySet().retainAll(Set.copyOf(pending)); // drained or refused since
        return sum;
    }

    /** The modification time of the first batch still there (the rename keeps the time it was written), or null. */
    static Instant oldestCommitted(List<Path> pending) {
        for (Path p : pending) {
            try {
                return Files.getLastModifiedTime(p).toInstant();
            } catch (IOException e) {
                // drained meanwhile: the next one is the oldest
            }
        }
        return null;
    }

    private static long countLines(Path p) {
        try (Stream<String> lines = Files.lines(p, StandardCharsets.UTF_8)) {
            return lines.count();
        } catch (IOException | UncheckedIOException e) {
            return 0; // drained meanwhile
        }
    }
}
