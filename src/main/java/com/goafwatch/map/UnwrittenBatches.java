package com.goafwatch.map;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which project's pages to tell that a spool batch is in InfluxDB. Acceptance (the ingesting thread, after the spool
 * commit) and the write (the drainer, woken by that commit) arrive in either order: a batch accepted after the drainer
 * already wrote it, or a later one, is due at once; otherwise it waits for its write. Without the written-up-to mark
 * such a batch waited for the next batch's write (a site's last reading of the day: until the next day).
 * Thread-safe; no I/O.
 */
final class UnwrittenBatches {

    /** spool batch → project, until the batch is written */
    private final TreeMap<Long, Long> pending = new TreeMap<>();
    /** the highest spool batch written so far (batches are written in sequence order) */
    private long writtenUpTo = -1;

    /** The project to tell now if the batch is already written; empty if it waits for {@link #written}. */
    synchronized Optional<Long> accepted(long batch, long projectId) {
        if (batch > writtenUpTo) {
            pending.put(batch, projectId);
            return Optional.empty();
        }
        return Optional.of(projectId);
    }

    /** Every batch up to {@code sequence} is written: the projects whose accepted batches that completes. */
    synchronized Set<Long> written(long sequence) {
        writtenUpTo = Math.max(writtenUpTo, sequence);
        Map<Long, Long> done = pending.headMap(sequence, true);
        Set<Long> projects = Set.copyOf(done.values());
        done.clear();
        return projects;
    }
}
