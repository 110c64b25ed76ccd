package com.goafwatch.timeseries;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Cuts a spool batch into {@code /write} bodies as raw bytes (the file already is line protocol: no decoding and
 * re-encoding). The batch is split evenly into parts of about {@code linesPerWrite} lines (at most 1.5 times that),
 * so a batch of one request's samples plus its few rollup points goes in one write, not in a full write and a tiny
 * one: each write costs InfluxDB a WAL fsync. Memory: one part.
 */
final class SpoolChunks {

    interface Sink {
        void write(byte[] body, int length, int lines);
    }

    private SpoolChunks() {
    }

    static void forEach(Path batch, int linesPerWrite, Sink sink) throws IOException {
        long total = countLines(batch);
        long parts = Math.max(1, Math.round((double) total / linesPerWrite));
        long perPart = (total + parts - 1) / parts;
        byte[] body = new byte[1 << 20];
        int length = 0;
        int lines = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(batch)) {
            for (int n; (n = in.read(buf)) > 0;) {
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n' && ++lines == perPart) {
                        body = append(body, length, buf, from, i + 1);
                        length += i + 1 - from;
                        sink.write(body, length, lines);
                        length = 0;
                        lines = 0;
                        from = i + 1;
                    }
                }
                body = append(body, length, buf, from, n);
                length += n - from;
            }
        }
        if (length > 0) {
            sink.write(body, length, body[length - 1] == '\n' ? lines : lines + 1);
        }
    }

    private static byte[] append(byte[] body, int length, byte[] buf, int from, int to) {
        byte[] b = body;
        if (length + to - from > b.length) {
            b = Arrays.copyOf(b, Math.max(b.length * 2, length + to - from));
        }
        System.arraycopy(buf, from, b, length, to - from);
        return b;
    }

    private static long countLines(Path batch) throws IOException {
        long lines = 0;
        int last = '\n';
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(batch)) {
            for (int n; (n = in.read(buf)) > 0;) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                    }
                }
                last = buf[n - 1];
            }
        }
        return last == '\n' ? lines : lines + 1;
    }
}
