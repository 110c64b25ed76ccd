package com.goafwatch.timeseries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * This instance's exclusive claim on its spool folder: an OS file lock ({@link FileChannel#tryLock()}) on
 * {@value #LOCK_FILE}, held from start to stop. Two live drainers on one spool would send its batches twice and
 * delete each other's half-written files, so a second instance on a locked folder does not start. The operating
 * system releases the lock when its process dies (kill -9 included), so an instance started on a dead one's volume
 * takes it over and drains what it left.
 * <p>
 * The folder also keeps a {@value #VOLUME_FILE}: a random id made on first use that names the volume (not the
 * process), so the cluster status row of a volume is the same before and after a takeover.
 * Not guaranteed: a network file system whose locks are not enforced between hosts (use a volume per replica).
 */
final class SpoolOwnership implements AutoCloseable {

    static final String LOCK_FILE = "instance.lock";
    static final String VOLUME_FILE = "volume-id";

    private final FileChannel channel;
    private final FileLock lock;
    private final String volumeId;

    private SpoolOwnership(FileChannel channel, FileLock lock, String volumeId) {
        this.channel = channel;
        this.lock = lock;
        this.volumeId = volumeId;
    }

    /** Claims {@code dir}; throws {@link SpoolInUseException} when a live instance holds it. */
    static SpoolOwnership claim(Path dir, String holder) throws IOException {
        Files.createDirectories(dir);
        Path lockFile = dir.resolve(LOCK_FILE);
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another instance in this same JVM (tests)
        }
        if (lock == null) {
            channel.close();
            throw new SpoolInUseException(dir, readQuietly(lockFile));
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
        return new SpoolOwnership(channel, lock, volumeId(dir));
    }

    String volumeId() {
        return volumeId;
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Made under the lock, so two instances can never make two ids for one volume. */
    private static String volumeId(Path dir) throws IOException {
        Path file = dir.resolve(VOLUME_FILE);
        if (Files.exists(file)) {
            String id = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!id.isEmpty()) {
                return id;
            }
        }
        String id = UUID.randomUUID().toString();
        Path tmp = dir.resolve("tmp-" + VOLUME_FILE);
        Files.writeString(tmp, id, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return id;
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The spool folder is locked by a live instance. */
    static final class SpoolInUseException extends IllegalStateException {

        SpoolInUseException(Path dir, String holder) {
            super("spool folder " + dir + " is in use by another live instance (" + (holder.isEmpty() ? "unknown" : holder)
                    + "); two instances draining one spool would send its batches twice. Give each instance its own "
                    + "goafwatch.spool.dir (its own volume)");
        }
    }
}
