package com.goafwatch.system;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

import org.springframework.http.HttpStatus;

/**
 * Fails once a line grows past {@code maxChars} characters, so a reader of line-oriented text (CSV, raw
 * survey files) never holds an unbounded line in memory. Counts lines as it goes, for the message.
 */
public final class LineLimitedReader extends FilterReader {

    /** Thrown (as an IOException, so parsers pass it through) when a line is too long. */
    public static final class LineTooLong extends IOException {

        private final long line;
        private final int limit;
        private final String setting;

        LineTooLong(long line, int limit, String setting) {
            super("line " + line + " is longer than " + limit + " characters");
            this.line = line;
            this.limit = limit;
            this.setting = setting;
        }

        public ApiException problem() {
            return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "line-too-long", "Line too long",
                    "line " + line + " is longer than " + limit + " characters (" + setting + "); nothing was stored")
                    .with("line", line).with("limitChars", limit);
        }
    }

    private final int maxChars;
    private final String setting;
    private int current;
    private long line = 1;

    public LineLimitedReader(Reader in, int maxChars, String setting) {
        super(in);
        this.maxChars = maxChars;
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

    private void count(char c) throws LineTooLong {
        if (c == '\n') {
            current = 0;
            line++;
        } else if (++current > maxChars) {
            throw new LineTooLong(line, maxChars, setting);
        }
    }
}
