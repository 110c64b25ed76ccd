package com.goafwatch.system;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

import org.springframework.http.HttpStatus;

/**
 * Caps the length of every line (and so of every field) a text reader may hold: once more than {@code maxChars}
 * characters follow the last line end, reading fails with {@link LineTooLong}. A reader above it (BufferedReader,
 * a CSV parser) therefore never buffers more than the cap, whatever a (decompressed) upload holds. With
 * {@code csvQuotes}, line ends inside double quotes do not count, so a quoted CSV field is bounded as one line.
 */
public final class BoundedLineReader extends FilterReader {

    /** Thrown (as an IOException, so readers pass it through) at the first line longer than the cap. */
    public static final class LineTooLong extends IOException {

        private final long line;
        private final int maxChars;
        private final String setting;

        LineTooLong(long line, int maxChars, String setting) {
            super("line " + line + " is longer than " + maxChars + " characters");
            this.line = line;
            this.maxChars = maxChars;
            this.setting = setting;
        }

        public ApiException problem() {
            return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "line-too-long", "Line too long", "line " + line
                    + " is longer than " + maxChars + " characters (" + setting + "); nothing was stored")
                    .with("line", line).with("maxLineLength", maxChars);
        }
    }

    private final int maxChars;
    private final boolean csvQuotes;
    private final String setting;
    private long line = 1;
    private long sinceLineEnd;
    private boolean quoted;

    public BoundedLineReader(Reader in, int maxChars, boolean csvQuotes, String setting) {
        super(in);
        this.maxChars = maxChars;
        this.csvQuotes = csvQuotes;
        this.setting = setting;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = 0; i < n; i++) {
            count(buffer[offset + i]);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        char[] discard = new char[(int) Math.min(n, 8192)];
        int read = read(discard, 0, discard.length);
        return Math.max(0, read);
    }

    private void count(char c) throws LineTooLong {
        if (csvQuotes && c == '"') {
            quoted = !quoted; // "" inside a quoted field toggles twice: no change
        }
        if (c == '\n' && !quoted) {
            line++;
            sinceLineEnd = 0;
            return;
        }
        if (++sinceLineEnd > maxChars) {
            throw new LineTooLong(line, maxChars, setting);
        }
    }
}
