package com.goafwatch.timeseries;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * Durable write-ahead spool of accepted sensor batches, as line-protocol files named by a rising
 * sequence number. A batch is written to a temporary file while it is validated and encoded; only
 * {@link Batch#commit()} (fsync, atomic rename, fsync of the folder) makes it part of the spool, so a
 * rejected or interrupted batch leaves nothing behind and an accepted one survives a crash. The
 * {@link SpoolDrainer} sends committed batches to InfluxDB in sequence order and deletes them after.
 */
@Component
public class Spool {

    static final String SUFFIX = ".lp";
    /** compiled once: the status lists the folder after every written batch and on every poll */
    private static final java.util.regex.Pattern COMMITTED = java.util.regex.Pattern.compile("\\d{16}\\.lp");

    private final Path dir;
    private final Path rejectedDir;
    private final long maxBytes;
    private final AtomicLong sequence = new AtomicLong();
    private final SpoolSignal signal;
    private final SpoolOwnership ownership;
    private final String holder;
    private final SpoolBacklog backlog = new SpoolBacklog();

    Spool(SpoolProperties properties, SpoolSignal signal) throws IOException {
        this.dir = properties.dir().toAbsolutePath();
        this.rejectedDir = dir.resolve("rejected");
        this.maxBytes = properties.maxSize().toBytes();
        this.signal = signal;
        // before anything else: the clean-up below must never touch a live instance's half-written batches
        this.holder = "pid " + ProcessHandle.current().pid() + " on " + InstanceName.host();
        this.ownership = SpoolOwnership.claim(dir, holder);
        try {
            Files.createDirectories(rejectedDir);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    String name = p.getFileName().toString();
                    if (name.startsWith("tmp-")) {
                        Files.deleteIfExists(p); // an interrupted, never-acknowledged batch
                    } else if (name.endsWith(SUFFIX)) {
                        sequence.accumulateAndGet(sequenceOf(p), Math::max);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            ownership.close(); // no bean, no @PreDestroy: give the folder up here
            throw e;
        }
    }

    /** The folder's absolute path. */
    public Path dir() {
        return dir;
    }

    /** The id of the volume (kept in the folder): the same for every instance that drains it in turn. */
    public String volumeId() {
        return ownership.volumeId();
    }

    public String holder() {
        return holder;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Gives the folder up (the context is closing; the drainer has stopped before, it depends on this bean). */
    @PreDestroy
    void release() {
        ownership.close();
    }

    /** Starts a batch; append lines, then commit (acknowledge) or discard (reject). */
    public Batch begin() {
        try {
            return new Batch(dir.resolve("tmp-" + UUID.randomUUID() + SUFFIX));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a spool file in " + dir, e);
        }
    }

    /** Committed batches waiting for InfluxDB, oldest first. */
    public List<Path> pending() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> COMMITTED.matcher(p.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pendingBytes() {
        return bytesOf(pending());
    }

    /** The size of these batches (as listed by {@link #pending()}: the status lists the folder once). */
    long bytesOf(List<Path> pending) {
        return pending.stream().mapToLong(Spool::sizeOf).sum();
    }

    /** Points (lines) in the waiting batches. */
    public long pendingSamples() {
        return samplesOf(pending());
    }

    long samplesOf(List<Path> pending) {
        return backlog.samples(pending);
    }

    /** When the oldest waiting batch was committed, or null. */
    public java.time.Instant oldestPendingAt() {
        return SpoolBacklog.oldestCommitted(pending());
    }

    public long rejectedCount() {
        try (Stream<Path> files = Files.list(rejectedDir)) {
            return files.filter(p -> p.toString().endsWith(SUFFIX)).count();
        } catch (IOException e) {
            return -1;
        }
    }

    void markDone(Path batch) throws IOException {
        Files.deleteIfExists(batch);
    }

    /** A batch InfluxDB refuses for good (4xx) moves aside with the reason, so it never blocks the queue. */
    void markRejected(Path batch, String reason) throws IOException {
        Files.move(batch, rejectedDir.resolve(batch.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(rejectedDir.resolve(batch.getFileName() + ".reason.txt"), reason);
    }

    static long sequenceOf(Path p) {
        String name = p.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0; // drained meanwhile
        }
    }

    /** One batch being written. Not thread-safe; one request owns it. */
    public final class Batch implements AutoCloseable {

        private final Path tmp;
        private final FileChannel channel;
        /** bytes, not a Writer: String.getBytes encodes line protocol (ASCII, mostly) far faster than a stream encoder */
        private final BufferedOutputStream writer;
        private final long budget;
        private long bytes;
        private long lines;
        private boolean finished;
        /** reused by {@link #append(CharSequence)} */
        private byte[] ascii = new byte[256];

        private Batch(Path tmp) throws IOException {
            this.tmp = tmp;
            this.channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            this.writer = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16);
            this.budget = maxBytes - pendingBytes();
            if (budget <= 0) {
                close();
                throw new SpoolFullException(maxBytes);
            }
        }

        public void append(LinePoint point) {
            append(point.toLine());
        }

        public void append(String line) {
            byte[] encoded = line.getBytes(StandardCharsets.UTF_8);
            append(encoded, encoded.length);
        }

        /**
         * A line built in a reused buffer (ingestion's per-sample lines): ASCII is copied straight into a reused byte
         * array, with no String and no encoder per line; anything else is encoded as UTF-8.
         */
        public void append(CharSequence line) {
            int n = line.length();
            if (ascii.length < n) {
                ascii = new byte[Math.max(n, ascii.length * 2)];
            }
            for (int i = 0; i < n; i++) {
                char c = line.charAt(i);
                if (c >= 0x80) {
                    append(line.toString());
                    return;
                }
                ascii[i] = (byte) c;
            }
            append(ascii, n);
        }

        private void append(byte[] encoded, int length) {
            try {
                writer.write(encoded, 0, length);
                writer.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to the spool", e);
            }
            bytes += length + 1;
            lines++;
            if (bytes > budget) {
                throw new SpoolFullException(maxBytes);
            }
        }

        public long lines() {
            return lines;
        }

        /** Makes the batch durable and queued; returns its sequence number. */
        public long commit() {
            try {
                writer.flush();
                channel.force(true);
                writer.close();
                long seq = sequence.incrementAndGet();
                Path committed = dir.resolve(String.format("%016d%s", seq, SUFFIX));
                backlog.remember(committed, lines);
                Files.move(tmp, committed, StandardCopyOption.ATOMIC_MOVE);
                syncDirectory();
                finished = true;
                signal.wake();
                return seq;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot commit a spool batch", e);
            }
        }

        /** Drops the batch; idempotent, and a no-op after commit. */
        @Override
        public void close() {
            if (finished) {
                return;
            }
            finished = true;
            try {
                writer.close();
            } catch (IOException ignored) {
                // deleting anyway
            }
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void syncDirectory() {
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException ignored) {
                // some file systems do not allow syncing a directory; the rename is still atomic
            }
        }
    }
}
