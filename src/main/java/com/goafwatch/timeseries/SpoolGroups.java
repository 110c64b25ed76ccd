package com.goafwatch.timeseries;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which waiting batches the drainer sends together in one {@code /write}: runs of consecutive batches (sequence order
 * kept) whose bytes add up to at most {@code maxBytes}. A backlog of one-request batches (about 10,000 points each)
 * then costs InfluxDB a few large writes instead of many: fewer requests, WAL fsyncs and round trips while InfluxDB
 * waits for the next write. A batch larger than {@code maxBytes} forms a group of its own (the drainer cuts it into
 * parts); {@code maxBytes} 0 puts every batch in a group of its own (no coalescing).
 */
final class SpoolGroups {

    private SpoolGroups() {
    }

    /** The first group of {@code pending} (oldest first); empty when the first batch is gone (drained meanwhile). */
    static List<Path> first(List<Path> pending, long maxBytes) throws IOException {
        List<Path> group = new ArrayList<>();
        long bytes = 0;
        for (Path batch : pending) {
            long size;
            try {
                size = Files.size(batch);
            } catch (NoSuchFileException e) {
                break; // moved or deleted since the listing: the group ends before it
            }
            if (!group.isEmpty() && bytes + size > maxBytes) {
                break;
            }
            group.add(batch);
            bytes += size;
            if (bytes > maxBytes) {
                break; // a large batch alone
            }
        }
        return group;
    }

    /**
     * The batches' bytes one after the other, each ending with a line break (a batch's last line may lack one), and
     * their line count: one {@code /write} body.
     */
    static Body read(List<Path> group) throws IOException {
        byte[][] parts = new byte[group.size()][];
        int length = 0;
        for (int i = 0; i < parts.length; i++) {
            parts[i] = Files.readAllBytes(group.get(i));
            length += parts[i].length + 1;
        }
        byte[] body = new byte[length];
        int at = 0;
        int lines = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, body, at, part.length);
            at += part.length;
            for (byte b : part) {
                if (b == '\n') {
                    lines++;
                }
            }
            if (part.length > 0 && part[part.length - 1] != '\n') {
                body[at++] = '\n';
                lines++;
            }
        }
        return new Body(body, at, lines);
    }

    record Body(byte[] bytes, int length, int lines) {
    }
}
